package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jesync.config.ConfigSource;
import io.jesync.settings.RuntimeSettings;

/** What the runtime tells Camel about its HTTP side, whatever the user's camel.* keys say. */
class CamelPropertiesTest {

    @Test
    void camels_developer_endpoints_stay_off_even_when_the_users_file_switches_them_on() {
        Map<String, String> file = Map.of("shops", "se", "shop.se.application-ids", "1",
                "admin.host", "0.0.0.0",
                "camel.management.dev-console-enabled", "true",
                "camel.management.send-enabled", "true",
                "camel.management.jolokia-enabled", "true",
                "camel.main.name", "mine");
        ConfigSource source = new ConfigSource(file, Map.of(), Map.of(), "test");

        Map<String, String> properties = Bootstrap.camelProperties(source, RuntimeSettings.load(source));

        assertThat(properties).containsEntry("camel.management.dev-console-enabled", "false")
                .containsEntry("camel.management.send-enabled", "false")
                .containsEntry("camel.management.upload-enabled", "false")
                .containsEntry("camel.management.download-enabled", "false")
                .containsEntry("camel.management.jolokia-enabled", "false")
                .containsEntry("camel.server.host", "0.0.0.0")
                .containsEntry("camel.management.host", "0.0.0.0")
                .containsEntry("camel.main.name", "mine");
    }
}
