package io.jesync.plugin;

import java.util.List;

/** Where plugins are found and how one is called; the runtime's is {@link CamelPluginRoutes}. */
public interface PluginRoutes {

    /** The plugins on {@code point} that are running now, in calling order. */
    List<Plugin> on(PluginPoint point);

    /**
     * Calls one plugin with {@code body} and returns its reply.
     *
     * @throws Exception whatever the plugin route threw
     */
    Object call(Plugin plugin, PluginPoint point, String item, Object body) throws Exception;

    /** No plugins at all: every point hands its value straight back. */
    PluginRoutes NONE = new PluginRoutes() {
        @Override
        public List<Plugin> on(PluginPoint point) {
            return List.of();
        }

        @Override
        public Object call(Plugin plugin, PluginPoint point, String item, Object body) {
            throw new IllegalStateException("no plugins are loaded");
        }
    };
}
