package io.jesync.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** Loads the {@code *.yaml} files directly in a plugin folder into a Camel context, in file-name order. */
public final class PluginFolder {
    private PluginFolder() {
    }

    /** @return the files loaded */
    public static List<Path> load(CamelContext context, Path folder) throws Exception {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(f -> f.toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the plugin folder " + folder + ": " + e.getMessage());
        }
        for (Path file : files) {
            Resource resource = ResourceHelper.resolveMandatoryResource(context, "file:" + file.toAbsolutePath());
            PluginHelper.getRoutesLoader(context).loadRoutes(resource);
        }
        return files;
    }
}
