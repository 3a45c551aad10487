package io.jesync.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.settings.RuntimeSettings;

class StatusFlowSettingsTest {

    private static final Map<String, String> LIVE_FILE = Map.of(
            "app.environment", "live",
            "economic.base-url", "https://restapi.e-conomic.com",
            "shops", "se",
            "shop.se.base-url", "https://acme.api-se.norce.tech/",
            "shop.se.client-id", "acme-sync",
            "shop.se.application-ids", "1244");
    private static final Map<String, String> LIVE_ENV = Map.of(
            "ECONOMIC_APP_SECRET_TOKEN", "app-secret-value",
            "ECONOMIC_AGREEMENT_GRANT_TOKEN", "grant-value",
            "SHOP_SE_CLIENT_SECRET", "shop-secret-value",
            "ADMIN_PASSWORD", "admin-password-value");

    private static StatusFlowSettings status(Map<String, String> extra) {
        Map<String, String> file = new HashMap<>(LIVE_FILE);
        file.putAll(extra);
        return RuntimeSettings.load(new ConfigSource(file, LIVE_ENV, Map.of(), "application.properties"))
                .shops().get(0).status();
    }

    @Test
    void defaults_are_off_in_live_mode_with_the_shipped_mapping() {
        StatusFlowSettings status = status(Map.of());

        assertThat(status.enabled()).isFalse();
        assertThat(status.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(status.pollCron()).isEmpty();
        assertThat(status.trackFor()).isEqualTo(Duration.ofDays(120));
        assertThat(status.cancelPayment()).isTrue();
        assertThat(status.tracking().source()).isEqualTo(StatusFlowSettings.Tracking.Source.NONE);
        assertThat(status.actionsFor(StatusEventType.ORDER_SENT)).containsExactly(
                ConfiguredAction.setStatus("Delivered"), ConfiguredAction.of(ActionKind.DELIVERY_NOTE),
                ConfiguredAction.of(ActionKind.CAPTURE));
        assertThat(status.actionsFor(StatusEventType.INVOICE_BOOKED)).as("booking a draft invoice ships it")
                .containsExactly(ConfiguredAction.of(ActionKind.DELIVERY_NOTE), ConfiguredAction.of(ActionKind.CAPTURE),
                        ConfiguredAction.setStatus("Invoiced"));
        assertThat(status.actionsFor(StatusEventType.DOCUMENT_DELETED)).containsExactly(
                ConfiguredAction.of(ActionKind.CANCEL));
        assertThat(status.actionsFor(StatusEventType.ORDER_ARCHIVED)).isEmpty();
        assertThat(status.actionsFor(StatusEventType.INVOICE_PAID)).isEmpty();
        assertThat(status.actionsFor(StatusEventType.CREDIT_NOTE_BOOKED)).isEmpty();
    }

    @Test
    void with_orders_or_invoices_booked_at_transfer_booking_only_says_invoiced() {
        for (String documentType : new String[] {"order", "booked-invoice"}) {
            assertThat(status(Map.of("shop.se.orders.document-type", documentType))
                    .actionsFor(StatusEventType.INVOICE_BOOKED)).containsExactly(ConfiguredAction.setStatus("Invoiced"));
        }
    }

    @Test
    void demo_mode_switches_the_flow_on() {
        Map<String, String> demo = Map.of("app.environment", "demo", "shops", "se", "shop.se.application-ids", "1001");
        assertThat(RuntimeSettings.load(new ConfigSource(demo, Map.of(), Map.of(), "test")).shops().get(0).status()
                .enabled()).isTrue();
    }

    @Test
    void mapping_schedule_and_tracking_are_read_per_shop() {
        StatusFlowSettings status = status(Map.of(
                "shop.se.status.enabled", "true",
                "shop.se.status.poll-interval", "90s",
                "shop.se.status.track-days", "30",
                "shop.se.status.on.order-sent", "delivery-note, status:delivered",
                "shop.se.status.on.invoice-paid", "capture,status:Invoiced",
                "shop.se.status.on.document-deleted", "none",
                "shop.se.status.cancel-payment", "false",
                "shop.se.status.tracking.source", "field:notes.textLine2",
                "shop.se.status.tracking.pattern", "TRACK:(\\w+)"));

        assertThat(status.enabled()).isTrue();
        assertThat(status.pollInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(status.trackFor()).isEqualTo(Duration.ofDays(30));
        assertThat(status.actionsFor(StatusEventType.ORDER_SENT)).containsExactly(
                ConfiguredAction.of(ActionKind.DELIVERY_NOTE), ConfiguredAction.setStatus("Delivered"));
        assertThat(status.actionsFor(StatusEventType.INVOICE_PAID)).containsExactly(
                ConfiguredAction.of(ActionKind.CAPTURE), ConfiguredAction.setStatus("Invoiced"));
        assertThat(status.actionsFor(StatusEventType.DOCUMENT_DELETED)).isEmpty();
        assertThat(status.cancelPayment()).isFalse();
        assertThat(status.tracking().toString()).isEqualTo("field:notes.textLine2");
        assertThat(status.tracking().numbersIn("Sent TRACK:AB12 and TRACK:CD34")).isEqualTo(List.of("AB12", "CD34"));
        assertThat(status(Map.of("shop.se.status.poll-interval", "PT2M")).pollInterval())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(status(Map.of("shop.se.status.tracking.source", "route:direct:tracking-number")).tracking()
                .toString()).isEqualTo("route:direct:tracking-number");
    }

    @Test
    void the_default_tracking_pattern_takes_every_token_of_eight_or_more_letters_and_digits_with_a_digit() {
        assertThat(status(Map.of()).tracking().numbersIn("PostNord 00370712345678901, DHL JJD0001234; ref 1234"))
                .containsExactly("00370712345678901", "JJD0001234");
    }

    @Test
    void bad_values_name_the_key() {
        assertThatThrownBy(() -> status(Map.of("shop.se.status.on.order-sent", "status:Shipped")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("shop.se.status.on.order-sent: 'Shipped' is not an order status of the shop's platform"
                        + " (e.g. status:Delivered, status:Invoiced)");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.on.invoice-paid", "refund")))
                .hasMessageStartingWith("shop.se.status.on.invoice-paid: 'refund' is not an action");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.on.invoice-paid", "capture,capture")))
                .hasMessage("shop.se.status.on.invoice-paid: 'capture' is listed twice");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.on.invoice-paid", "status:Delivered,status:Invoiced")))
                .hasMessageStartingWith("shop.se.status.on.invoice-paid: sets more than one status");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.poll-interval", "often")))
                .hasMessage("shop.se.status.poll-interval: 'often' is not a duration (e.g. 30s, 5m, 2h or PT5M)");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.poll-interval", "0m")))
                .hasMessageStartingWith("shop.se.status.poll-interval: must be longer than zero");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.track-days", "0")))
                .hasMessageStartingWith("shop.se.status.track-days: must be greater than 0");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.tracking.source", "notes")))
                .hasMessageStartingWith("shop.se.status.tracking.source: 'notes' is not none, field:");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.tracking.source", "field:notes/textLine2")))
                .hasMessageStartingWith("shop.se.status.tracking.source: 'notes/textLine2' is not a dot path");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.tracking.pattern", "([A-Z")))
                .hasMessageStartingWith("shop.se.status.tracking.pattern: '([A-Z' is not a regular expression");
        assertThatThrownBy(() -> status(Map.of("shop.se.status.enabled", "maybe")))
                .hasMessage("shop.se.status.enabled: 'maybe' is neither true nor false");
    }
}
