package io.jesync.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.AdminRuntime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * e-conomic cannot send the admin credentials, so its stock webhook carries its own token: the admin guard lets that
 * one path through to the route's token check, and nothing else.
 */
class StockWebhookAccessTest {
    private static final String TOKEN = "webhook-token-for-this-test";

    @TempDir
    Path dir;

    @Test
    void the_stock_webhook_answers_to_its_own_token_and_every_other_path_still_needs_credentials() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("webhook-token"), TOKEN);
        try (AdminRuntime runtime = AdminRuntime.start(dir, Map.of("shop.se.stock.enabled", "true",
                "stock-prices.webhook.enabled", "true",
                "stock-prices.webhook.token-file", tokenFile.toString()))) {
            String webhook = "/api/economic/stock-webhook?number=KAF-00001";

            assertThat(runtime.send("POST", webhook, null, null).statusCode()).as("no token").isEqualTo(401);
            assertThat(runtime.send("POST", webhook + "&token=wrong", null, null).statusCode()).isEqualTo(401);
            assertThat(runtime.send("POST", webhook + "&token=" + TOKEN, null, null).statusCode()).isEqualTo(204);
            assertThat(runtime.send("GET", "/api/orders", null, null).statusCode()).isEqualTo(401);
            assertThat(runtime.send("GET", "/api/economic/other", null, null).statusCode()).isEqualTo(401);
        }
    }
}
