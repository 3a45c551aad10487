package io.jesync.plugin;

import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

import org.apache.camel.spi.Resource;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's route reloading on the plugin folder, with one clear line per change. Only the routes of the changed file
 * are replaced (not every route of the runtime), so a file that does not load leaves the last good version of its
 * plugins running, and the line says so. Camel re-reads every file it loaded before on each change, so while one file
 * is broken no other change is taken either, until it is fixed.
 */
public final class PluginReload extends RouteWatcherReloadStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(PluginReload.class);

    public PluginReload(Path folder) {
        super(folder.toAbsolutePath().normalize().toString(), false);
        setPattern("*.yaml");
        setRemoveAllRoutes(false);
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        String files = resources == null ? "" : resources.stream().map(PluginReload::name)
                .collect(Collectors.joining(", "));
        int failedBefore = getFailedCounter();
        try {
            super.onRouteReload(resources, removeEverything);
        } catch (RuntimeException e) {
            setLastError(e);
            incFailedCounter();
        }
        if (getFailedCounter() > failedBefore) {
            LOG.error("Plugin file {} refused: {}; the plugins keep running as they were before this change",
                    files, describe(getLastError()));
        } else {
            LOG.info("Plugin file {} reloaded", files);
        }
    }

    /** The innermost message names the file and line Camel's YAML parser stopped at. */
    private static String describe(Throwable error) {
        if (error == null) {
            return "it does not load";
        }
        StringBuilder text = new StringBuilder(firstLine(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String line = firstLine(cause.getMessage());
            if (!line.isEmpty() && !text.toString().contains(line)) {
                text.append(": ").append(line);
            }
        }
        return text.toString();
    }

    private static String name(Resource resource) {
        String location = resource.getLocation();
        return location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf(':')) + 1);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
