package io.jesync.product;

import java.util.HashMap;
import java.util.Map;

import io.jesync.config.ConfigSource;
import io.jesync.settings.RuntimeSettings;

/** Product settings of shop "se" as the runtime reads them, for a flow and extra keys. */
final class ProductTestSettings {
    private ProductTestSettings() {
    }

    static ProductSettings of(String mode, String... keyValues) {
        Map<String, String> file = new HashMap<>();
        file.put("shops", "se");
        file.put("shop.se.application-ids", "1001");
        file.put("sync.mode", mode);
        for (int i = 0; i < keyValues.length; i += 2) {
            file.put(keyValues[i], keyValues[i + 1]);
        }
        return RuntimeSettings.load(new ConfigSource(file, Map.of(), Map.of(), "test")).shops().get(0).products();
    }
}
