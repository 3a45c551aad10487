package io.jesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.settings.RuntimeSettings;
import io.jesync.settings.ShopSettings;
import io.jesync.admin.AdminSettings;
import io.jesync.order.OrderFlowSettings;

class RuntimeSettingsTest {

    private static final Map<String, String> LIVE_FILE = Map.of(
            "app.environment", "live",
            "economic.base-url", "https://restapi.e-conomic.com",
            "shops", "se",
            "shop.se.platform", "norce",
            "shop.se.base-url", "https://acme.api-se.norce.tech/",
            "shop.se.client-id", "acme-sync",
            "shop.se.application-ids", "1244, 1245");

    private static final Map<String, String> LIVE_ENV = Map.of(
            "ECONOMIC_APP_SECRET_TOKEN", "app-secret-value",
            "ECONOMIC_AGREEMENT_GRANT_TOKEN", "grant-value",
            "SHOP_SE_CLIENT_SECRET", "shop-secret-value",
            "ADMIN_PASSWORD", "admin-password-value");

    private static RuntimeSettings load(Map<String, String> file, Map<String, String> env) {
        return RuntimeSettings.load(new ConfigSource(file, env, Map.of(), "application.properties"));
    }

    private static Map<String, String> without(Map<String, String> map, String key) {
        Map<String, String> copy = new HashMap<>(map);
        copy.remove(key);
        return copy;
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    @Test
    void live_settings_load_completely_from_file_and_environment() {
        RuntimeSettings settings = load(LIVE_FILE, LIVE_ENV);

        assertThat(settings.demo()).isFalse();
        ShopSettings shop = settings.shops().get(0);
        assertThat(shop.baseUrl()).hasToString("https://acme.api-se.norce.tech");
        assertThat(shop.applicationIds()).containsExactly(1244, 1245);
        assertThat(shop.clientSecret().reveal()).isEqualTo("shop-secret-value");
        assertThat(settings.economic().appSecretToken().reveal()).isEqualTo("app-secret-value");
        assertThat(settings.admin().host()).isEqualTo("127.0.0.1");
        assertThat(settings.economic().dailyCallBudget()).isEqualTo(50_000);
    }

    @Test
    void every_missing_live_setting_is_named_in_one_line() {
        for (String key : new String[] {"economic.base-url", "shop.se.base-url", "shop.se.client-id",
                "shop.se.application-ids", "shops"}) {
            assertThatThrownBy(() -> load(without(LIVE_FILE, key), LIVE_ENV))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(key + ": ")
                    .hasMessageNotContaining("\n");
        }
        for (String variable : LIVE_ENV.keySet()) {
            assertThatThrownBy(() -> load(LIVE_FILE, without(LIVE_ENV, variable)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(variable)
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void malformed_live_settings_say_what_is_wrong() {
        assertThatThrownBy(() -> load(with(LIVE_FILE, "shop.se.base-url", "acme.norce.tech"), LIVE_ENV))
                .hasMessage("shop.se.base-url: 'acme.norce.tech' is not an absolute http(s) URL");
        assertThatThrownBy(() -> load(with(LIVE_FILE, "shop.se.application-ids", "1244,abc"), LIVE_ENV))
                .hasMessageStartingWith("shop.se.application-ids: '1244,abc' is not a list of positive numbers");
        assertThatThrownBy(() -> load(with(LIVE_FILE, "admin.port", "80800"), LIVE_ENV))
                .hasMessage("admin.port: 80800 is not a port number (0-65535)");
        assertThatThrownBy(() -> load(with(LIVE_FILE, "app.environment", "production"), LIVE_ENV))
                .hasMessage("app.environment: 'production' is neither demo nor live");
        assertThatThrownBy(() -> load(with(LIVE_FILE, "shops", "se,se"), LIVE_ENV))
                .hasMessage("shops: the shop id 'se' is listed twice");
        assertThatThrownBy(() -> load(with(LIVE_FILE, "store.jdbc-url", "jdbc:mysql://db/x"), LIVE_ENV))
                .hasMessageStartingWith("store.jdbc-url: must be an H2");
        assertThatThrownBy(() -> load(with(LIVE_FILE, "shop.se.base-url", "https://user:pw@acme.norce.tech"), LIVE_ENV))
                .hasMessageStartingWith("shop.se.base-url: must not carry credentials")
                .hasMessageNotContaining("pw");
    }

    @Test
    void the_admin_side_needs_a_real_password_live_and_has_a_demo_one_in_demo_mode() {
        assertThat(load(LIVE_FILE, LIVE_ENV).admin().password().reveal()).isEqualTo("admin-password-value");
        assertThat(load(LIVE_FILE, LIVE_ENV).admin().username()).isEqualTo("admin");
        assertThatThrownBy(() -> load(LIVE_FILE, with(LIVE_ENV, "ADMIN_PASSWORD", "short")))
                .hasMessage("admin.password: is too weak for live mode: use at least 12 characters");
        assertThatThrownBy(() -> load(with(LIVE_FILE, "admin.password", "in-the-file-123"), LIVE_ENV))
                .hasMessageStartingWith("admin.password: is a secret").hasMessageNotContaining("in-the-file-123");
        AdminSettings demo = load(Map.of("shops", "se", "shop.se.application-ids", "1"), Map.of()).admin();
        assertThat(demo.demoPassword()).isTrue();
        assertThat(demo.password()).isEqualTo(AdminSettings.DEMO_PASSWORD);
        assertThat(demo.token()).isEmpty();
        AdminSettings chosen = load(Map.of("shops", "se", "shop.se.application-ids", "1"),
                Map.of("ADMIN_PASSWORD", "mine", "ADMIN_TOKEN", "tok")).admin();
        assertThat(chosen.demoPassword()).isFalse();
        assertThat(chosen.token()).hasValueSatisfying(t -> assertThat(t.reveal()).isEqualTo("tok"));
    }

    @Test
    void the_public_read_only_demo_tokens_are_refused_in_live_mode() {
        assertThatThrownBy(() -> load(LIVE_FILE, with(LIVE_ENV, "ECONOMIC_APP_SECRET_TOKEN", "demo")))
                .hasMessageStartingWith("economic.app-secret-token: the public 'demo' tokens are read-only");
    }

    @Test
    void a_secret_written_in_the_properties_file_is_refused_without_echoing_it() {
        assertThatThrownBy(() -> load(with(LIVE_FILE, "shop.se.client-secret", "leaked-value"), LIVE_ENV))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SHOP_SE_CLIENT_SECRET")
                .hasMessageNotContaining("leaked-value");
    }

    @Test
    void a_secret_can_come_from_a_file(@TempDir Path dir) throws Exception {
        Path secretFile = dir.resolve("grant");
        Files.writeString(secretFile, "grant-from-file\n");
        Map<String, String> env = without(LIVE_ENV, "ECONOMIC_AGREEMENT_GRANT_TOKEN");

        RuntimeSettings settings = load(with(LIVE_FILE, "economic.agreement-grant-token-file", secretFile.toString()), env);

        assertThat(settings.economic().agreementGrantToken().reveal()).isEqualTo("grant-from-file");
        assertThat(settings.economic().agreementGrantToken()).hasToString("****");
    }

    @Test
    void environment_variables_override_the_file() {
        RuntimeSettings settings = load(LIVE_FILE, with(LIVE_ENV, "SHOP_SE_APPLICATION_IDS", "7"));

        assertThat(settings.shops().get(0).applicationIds()).containsExactly(7);
    }

    @Test
    void demo_mode_needs_no_urls_or_credentials_and_points_at_the_simulators() {
        RuntimeSettings settings = load(Map.of("app.environment", "demo", "shops", "se",
                "shop.se.application-ids", "1001,1002", "simulator.norce.port", "18082"), Map.of());

        assertThat(settings.demo()).isTrue();
        assertThat(settings.shops().get(0).baseUrl()).hasToString("http://127.0.0.1:18082");
        assertThat(settings.economic().baseUrl()).hasToString("http://127.0.0.1:8081");
    }

    @Test
    void settings_never_show_a_secret_when_printed() {
        RuntimeSettings settings = load(LIVE_FILE, LIVE_ENV);

        assertThat(settings.toString()).doesNotContain("app-secret-value", "grant-value", "shop-secret-value");
    }

    @Test
    void several_shops_each_get_their_own_settings() {
        Map<String, String> file = new HashMap<>(LIVE_FILE);
        file.put("shops", "se,no");
        file.put("shop.no.base-url", "https://acme.api-no.norce.tech");
        file.put("shop.no.client-id", "acme-no");
        file.put("shop.no.application-ids", "2001");
        file.put("shop.no.scope", "stage");

        RuntimeSettings settings = load(file, with(LIVE_ENV, "SHOP_NO_CLIENT_SECRET", "no-secret"));

        assertThat(settings.shops()).extracting(ShopSettings::id).containsExactly("se", "no");
        assertThat(settings.shops().get(1).scope()).isEqualTo("stage");
        assertThat(settings.shops().get(1).applicationIds()).containsExactly(2001);
    }

    @Test
    void trigger_statuses_are_per_shop_by_name_or_id_and_a_channel_may_have_its_own() {
        Map<String, String> file = new HashMap<>(LIVE_FILE);
        file.put("shop.se.orders.trigger-statuses", "Confirmed, 4");
        file.put("shop.se.orders.trigger-statuses.1245", "Delivered");

        OrderFlowSettings orders = load(file, LIVE_ENV).shops().get(0).orders();

        assertThat(orders.triggerStatusIds(1244)).containsExactlyInAnyOrder(2, 4);
        assertThat(orders.triggerStatusIds(1245)).containsExactly(4);
        assertThatThrownBy(() -> load(with(LIVE_FILE, "shop.se.orders.trigger-statuses", "Shipped"), LIVE_ENV))
                .hasMessageStartingWith("shop.se.orders.trigger-statuses: 'Shipped' is not an order status of the shop's platform");
        assertThatThrownBy(() -> load(with(LIVE_FILE, "shop.se.orders.document-type", "invoice"), LIVE_ENV))
                .hasMessage("shop.se.orders.document-type: 'invoice' is not one of draft-invoice, booked-invoice, order");
        assertThatThrownBy(() -> load(with(LIVE_FILE, "shop.se.customers.match", "default-customer"), LIVE_ENV))
                .hasMessageStartingWith("shop.se.customers.default-customer-number: is missing");
    }
}
