package io.jesync.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import io.jesync.plugin.CamelPluginRoutes;
import io.jesync.plugin.PluginBody;
import io.jesync.plugin.PluginPoints;

/**
 * A Camel context holding only plugin routes, loaded from YAML files as the runtime loads the plugin folder, with
 * the {@code pluginBody} helper bound as the runtime binds it.
 */
public final class PluginContext implements AutoCloseable {
    public final CamelContext camel = new DefaultCamelContext();
    private final PluginPoints points;

    public PluginContext() {
        camel.getRegistry().bind("pluginBody", new PluginBody());
        camel.start();
        points = new PluginPoints(new CamelPluginRoutes(camel));
    }

    /** Every {@code *.yaml} file directly in {@code folder}, as {@code plugins.routes-dir} loads them. */
    public PluginContext loadFolder(Path folder) throws Exception {
        io.jesync.plugin.PluginFolder.load(camel, folder);
        return this;
    }

    public PluginContext load(Path file) throws Exception {
        Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath());
        RoutesLoader loader = PluginHelper.getRoutesLoader(camel);
        loader.loadRoutes(resource);
        return this;
    }

    /** Writes {@code yaml} to {@code folder/name} and loads it. */
    public PluginContext write(Path folder, String name, String yaml) throws Exception {
        Files.createDirectories(folder);
        return load(Files.writeString(folder.resolve(name), yaml));
    }

    public PluginPoints points() {
        return points;
    }

    @Override
    public void close() {
        camel.stop();
    }
}
