package io.jesync.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.PluginContext;

/** A plugin file changed in the folder replaces its routes without a restart; a broken one is refused. */
class PluginReloadTest {
    @TempDir
    Path folder;

    @Test
    void a_changed_file_takes_effect_and_a_broken_one_leaves_the_last_good_version_running() throws Exception {
        Path file = folder.resolve("heading.yaml");
        write(file, OrderPluginPointsTest.heading("heading", "", "first version"));
        try (PluginContext plugins = new PluginContext().loadFolder(folder)) {
            PluginReload reload = new PluginReload(folder);
            plugins.camel.addService(reload, true, true);
            assertThat(heading(plugins)).isEqualTo("first version");

            write(file, OrderPluginPointsTest.heading("heading", "", "second version"));
            await().atMost(Duration.ofSeconds(30)).until(() -> heading(plugins).equals("second version"));

            write(file, "- route:\n    id: heading\n    from: [this is not a route\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> reload.getFailedCounter() > 0);

            assertThat(heading(plugins)).isEqualTo("second version");
            assertThat(plugins.points().on(PluginPoint.ORDER_DOCUMENT)).extracting(Plugin::routeId)
                    .containsExactly("heading");

            assertThat(reload.getLastError()).hasMessageContaining("heading.yaml");

            write(file, OrderPluginPointsTest.heading("heading", "", "fixed version"));
            await().atMost(Duration.ofSeconds(30)).until(() -> heading(plugins).equals("fixed version"));
        }
    }

    private static String heading(PluginContext plugins) {
        Map<?, ?> document = plugins.points().apply(PluginPoint.ORDER_DOCUMENT, "se/1",
                Map.of("notes", Map.of("heading", "mapped")), Map.class, Map.of());
        return String.valueOf(((Map<?, ?>) document.get("notes")).get("heading"));
    }

    /** Whole files appear at once, as an editor's save or a copy does, so no half-written file is read. */
    private static void write(Path file, String text) throws Exception {
        Path temp = Files.createTempFile(file.getParent().getParent(), "plugin", ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
