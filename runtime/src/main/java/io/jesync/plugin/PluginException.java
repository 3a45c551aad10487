package io.jesync.plugin;

/**
 * A plugin threw, asked to park the item, or answered something the point does not allow. The item is parked with
 * {@link #getMessage()}, which names the plugin, the point and what went wrong.
 */
public final class PluginException extends RuntimeException {
    private final transient Plugin plugin;
    private final PluginPoint point;

    public PluginException(Plugin plugin, PluginPoint point, String problem) {
        super("plugin " + plugin.label() + " on " + point.endpoint() + " " + problem);
        this.plugin = plugin;
        this.point = point;
    }

    public Plugin plugin() {
        return plugin;
    }

    public PluginPoint point() {
        return point;
    }
}
