package io.jesync.shop.norce;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.settings.ShopSettings;
import io.jesync.economic.Sleeper;
import io.jesync.shop.ShopCatalog;
import io.jesync.shop.ShopPlatforms;
import io.jesync.shop.ShopProduct;
import io.jesync.shop.ShopProductPort;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.testsupport.AdminRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Norce's JobCompletedEvent webhook, where a shop configured it: the event ends the wait of whoever follows the job,
 * so a job costs one {@code Job/Get} instead of a poll per step; a lost event still ends in polling; the webhook
 * answers only to its own token and only to a job event.
 */
class NorceJobWebhookTest {
    private static final String TOKEN = "job-webhook-token-for-this-test";

    @TempDir
    Path dir;

    @Test
    void an_import_followed_by_its_event_costs_one_job_read() throws Exception {
        try (AdminRuntime runtime = start()) {
            NorceSimulator sim = runtime.demo.norce();
            ShopSettings shop = runtime.settings.shops().get(0);
            sim.sendJobEventsTo(URI.create(runtime.url(NorceJobWebhookRoutes.path(shop) + "?token=" + TOKEN)));
            ShopProductPort products = adapter(runtime, shop).catalog(Sleeper.REAL).products();

            String reference = products.submit(shop, List.of(price("KAF-00001", "13")), false,
                    EnumSet.of(ShopProduct.Field.SALES_PRICE));
            ShopProductPort.ImportOutcome outcome = products.follow(shop, reference, List.of("KAF-00001"))
                    .orElseThrow();

            long jobId = Long.parseLong(reference);
            assertThat(outcome.refused()).isEmpty();
            // The simulator notes a delivery when the runtime's answer reaches it, which may be after the follow ended.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sim.jobEventsSent())
                    .extracting(e -> e.path("JobId").asLong()).contains(jobId));
            assertThat(jobReads(sim, jobId)).as("Job/Get calls for job " + jobId).isEqualTo(1);
        }
    }

    @Test
    void without_its_event_a_job_is_still_followed_to_its_end_by_polling() throws Exception {
        try (AdminRuntime runtime = start()) {
            NorceSimulator sim = runtime.demo.norce();
            ShopSettings shop = runtime.settings.shops().get(0);
            assertThat(shop.jobWebhookToken()).isPresent();
            // Same settings, but no subscription in the tenant: every wait for the event runs out.
            ShopCatalog catalog = NorceCatalog.create(new NorceConnection(HttpClient.newHttpClient(),
                    Clock.systemUTC()), Clock.systemUTC(), Sleeper.REAL, new NorceJobEvents(Duration.ofMillis(20)));

            String reference = catalog.products().submit(shop, List.of(price("KAF-00001", "14")), false,
                    EnumSet.of(ShopProduct.Field.SALES_PRICE));
            ShopProductPort.ImportOutcome outcome = catalog.products().follow(shop, reference,
                    List.of("KAF-00001")).orElseThrow();

            assertThat(outcome.refused()).isEmpty();
            assertThat(sim.jobEventsSent()).isEmpty();
            assertThat(jobReads(sim, Long.parseLong(reference))).isGreaterThan(1);
        }
    }

    @Test
    void the_webhook_answers_only_its_own_token_and_only_a_job_event() throws Exception {
        try (AdminRuntime runtime = start()) {
            ShopSettings shop = runtime.settings.shops().get(0);
            String path = NorceJobWebhookRoutes.path(shop);
            String event = "{\"ClientId\":1021,\"JobId\":777,\"StatusId\":2}";

            assertThat(runtime.send("POST", path, event, null).statusCode()).as("no token").isEqualTo(401);
            assertThat(runtime.send("POST", path + "?token=wrong", event, null).statusCode()).isEqualTo(401);
            assertThat(runtime.send("POST", path + "?token=" + TOKEN, "{\"JobId\":\"x\"}", null).statusCode())
                    .isEqualTo(400);
            assertThat(adapter(runtime, shop).jobEvents().statusOf(777)).isEmpty();
            assertThat(runtime.send("POST", path + "?token=" + TOKEN, event, null).statusCode()).isEqualTo(200);
            assertThat(adapter(runtime, shop).jobEvents().statusOf(777)).hasValue(2);
            assertThat(runtime.send("POST", "/api/shops/se/norce/other?token=" + TOKEN, event, null).statusCode())
                    .as("only the webhook's own path is open").isEqualTo(401);
        }
    }

    private AdminRuntime start() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("job-webhook-token"), TOKEN);
        return AdminRuntime.start(dir, Map.of("shop.se.job-webhook-token-file", tokenFile.toString(),
                "shop.se.orders.enabled", "false"));
    }

    private static NorcePlatform.Adapter adapter(AdminRuntime runtime, ShopSettings shop) {
        return (NorcePlatform.Adapter) runtime.camel().getRegistry()
                .lookupByNameAndType("shopPlatforms", ShopPlatforms.class).of(shop);
    }

    private static ShopProduct price(String articleNumber, String salesPrice) {
        return new ShopProduct(articleNumber, "Bryggkaffe", new java.math.BigDecimal(salesPrice), null, null, true, null);
    }

    private static long jobReads(NorceSimulator sim, long jobId) {
        return sim.journal().stream().filter(r -> r.path().endsWith("/Job/Get"))
                .filter(r -> ("id=" + jobId).equals(r.query())).count();
    }
}
