package io.jesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.jesync.settings.RuntimeSettings;
import io.jesync.settings.ShopSettings;
import io.jesync.status.StatusFlowSettings;
import io.jesync.stock.StockPriceSettings;

/** A start with bad settings reports every one of them at once, each on its own line naming the key. */
class ConfigurationErrorsTest {

    private static final Map<String, String> LIVE_FILE = Map.of(
            "app.environment", "live",
            "economic.base-url", "https://restapi.e-conomic.com",
            "shops", "se",
            "shop.se.base-url", "https://acme.api-se.norce.tech",
            "shop.se.client-id", "acme-sync",
            "shop.se.application-ids", "1244");

    private static final Map<String, String> LIVE_ENV = Map.of(
            "ECONOMIC_APP_SECRET_TOKEN", "app-secret-value",
            "ECONOMIC_AGREEMENT_GRANT_TOKEN", "grant-value",
            "SHOP_SE_CLIENT_SECRET", "shop-secret-value",
            "ADMIN_PASSWORD", "admin-password-value");

    private static RuntimeSettings load(Map<String, String> file, Map<String, String> env) {
        return RuntimeSettings.load(new ConfigSource(file, env, Map.of(), "application.properties"));
    }

    private static List<String> problems(Map<String, String> file, Map<String, String> env) {
        ConfigurationException thrown = catchThrowableOfType(ConfigurationException.class, () -> load(file, env));
        assertThat(thrown).as("the load fails").isNotNull();
        return thrown.problems().stream().map(Throwable::getMessage).toList();
    }

    private static Map<String, String> plus(Map<String, String> map, String... keyValues) {
        Map<String, String> copy = new HashMap<>(map);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.put(keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }

    /** The shipped file, as the jar carries it. */
    private static Map<String, String> shippedFile() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = ConfigSource.class.getResourceAsStream("/application.properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name).trim()));
        return map;
    }

    @Test
    void live_mode_with_nothing_set_names_every_missing_setting_in_one_go() {
        List<String> problems = problems(Map.of("app.environment", "live", "shops", "se"), Map.of());

        assertThat(problems).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactlyInAnyOrder(
                "admin.password", "economic.base-url", "economic.app-secret-token",
                "economic.agreement-grant-token", "shop.se.application-ids", "shop.se.base-url", "shop.se.client-id",
                "shop.se.client-secret");
        assertThat(problems).allSatisfy(problem -> assertThat(problem).doesNotContain("\n"));
    }

    @Test
    void malformed_values_of_different_flows_are_all_reported_together() {
        List<String> problems = problems(plus(LIVE_FILE,
                "admin.port", "80800",
                "shop.se.orders.poll-cron", "every 5 minutes",
                "shop.se.status.poll-cron", "0 0 25 * * ?",
                "shop.se.products.poll-cron", "*/5 * * * *",
                "shop.se.orders.document-type", "invoice",
                "shop.se.status.poll-interval", "often",
                "shop.se.reversal.on-cancel", "delete",
                "stock-prices.batch-size", "-1"), LIVE_ENV);

        assertThat(problems).containsExactlyInAnyOrder(
                "admin.port: 80800 is not a port number (0-65535)",
                "shop.se.orders.poll-cron: 'every 5 minutes' is not a Quartz cron expression (six or seven fields,"
                        + " seconds first, e.g. 0 */5 * * * ? for every five minutes)",
                "shop.se.status.poll-cron: '0 0 25 * * ?' is not a Quartz cron expression (six or seven fields,"
                        + " seconds first, e.g. 0 */5 * * * ? for every five minutes)",
                "shop.se.products.poll-cron: '*/5 * * * *' is not a Quartz cron expression (six or seven fields,"
                        + " seconds first, e.g. 0 */5 * * * ? for every five minutes)",
                "shop.se.orders.document-type: 'invoice' is not one of draft-invoice, booked-invoice, order",
                "shop.se.status.poll-interval: 'often' is not a duration (e.g. 30s, 5m, 2h or PT5M)",
                "shop.se.reversal.on-cancel: 'delete' is not one of reverse, park, ignore",
                "stock-prices.batch-size: must be greater than 0, got -1");
        assertThatThrownBy(() -> load(plus(LIVE_FILE, "admin.port", "80800", "shop.se.orders.poll-cron", "x"),
                LIVE_ENV)).hasMessageStartingWith("2 configuration errors:\n  admin.port: ");
    }

    @Test
    void a_valid_quartz_cron_is_taken() {
        RuntimeSettings settings = load(plus(LIVE_FILE, "shop.se.orders.poll-cron", "0 */5 * * * ?",
                "shop.se.status.poll-cron", "0 0/15 6-22 ? * MON-FRI"), LIVE_ENV);

        assertThat(settings.shops().get(0).orders().pollCron()).contains("0 */5 * * * ?");
        assertThat(settings.shops().get(0).status().pollCron()).contains("0 0/15 6-22 ? * MON-FRI");
    }

    @Test
    void an_unknown_key_under_a_known_prefix_names_the_closest_known_key() {
        List<String> problems = problems(plus(LIVE_FILE, "shop.se.orders.triger-statuses", "Confirmed",
                "admin.prot", "9090", "stock-prices.poll-intervall", "2m"), LIVE_ENV);

        assertThat(problems).containsExactlyInAnyOrder(
                "admin.prot: is not a setting; did you mean admin.port?",
                "shop.se.orders.triger-statuses: is not a setting; did you mean shop.se.orders.trigger-statuses?",
                "stock-prices.poll-intervall: is not a setting; did you mean stock-prices.poll-interval?");
    }

    @Test
    void keys_outside_the_runtimes_prefixes_are_left_alone() {
        RuntimeSettings settings = load(plus(LIVE_FILE, "camel.main.name", "x", "shop.no.base-url", "https://x.y",
                "my.own.note", "kept"), LIVE_ENV);

        assertThat(settings.shops()).hasSize(1);
    }

    @Test
    void edit_distance_counts_insertions_deletions_and_substitutions() {
        assertThat(ConfigSource.editDistance("triger", "trigger")).isEqualTo(1);
        assertThat(ConfigSource.editDistance("prot", "port")).isEqualTo(2);
        assertThat(ConfigSource.editDistance("", "abc")).isEqualTo(3);
        assertThat(ConfigSource.editDistance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void the_shipped_file_starts_demo_mode_with_no_problem_and_the_demo_fills_in_its_own_values() throws Exception {
        RuntimeSettings settings = load(shippedFile(), Map.of());

        ShopSettings shop = settings.shops().get(0);
        assertThat(shop.applicationIds()).containsExactly(1001, 1002);
        assertThat(shop.status().tracking()).hasToString(StatusFlowSettings.DEMO_TRACKING_SOURCE);
        assertThat(shop.status().tracking().numbersIn(StatusFlowSettings.DEMO_TRACKING_PREFIX + "00373000000012345"
                + " C-1001")).containsExactly("00373000000012345");
        assertThat(shop.status().pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(shop.reversal().pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(shop.stockPrices().priceLists()).extracting(StockPriceSettings.PriceListRule::code)
                .containsExactly("SE-B2C", "SE-B2B", "EU-B2C");
    }

    @Test
    void the_shipped_file_carries_no_demo_value_into_live_mode() throws Exception {
        Map<String, String> file = plus(shippedFile(), "app.environment", "live",
                "shop.se.base-url", "https://acme.api-se.norce.tech", "shop.se.client-id", "acme-sync");

        assertThat(problems(file, LIVE_ENV)).containsExactly("shop.se.application-ids: is missing: set it in "
                + "application.properties or as SHOP_SE_APPLICATION_IDS");

        ShopSettings shop = load(plus(file, "shop.se.application-ids", "1244"), LIVE_ENV).shops().get(0);
        assertThat(shop.status().tracking().source()).isEqualTo(StatusFlowSettings.Tracking.Source.NONE);
        assertThat(shop.status().pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(shop.reversal().pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(shop.stockPrices().priceLists()).isEmpty();
    }
}
