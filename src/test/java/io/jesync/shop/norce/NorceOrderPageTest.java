package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jesync.config.Secret;
import io.jesync.config.ShopSettings;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.norce.NorceOrderReader.OrderPage;

/**
 * Pages a real tenant might serve but the simulator never does: a broken element among good ones, and a body that
 * is not JSON at all. A bare stub server stands in for Norce here.
 */
class NorceOrderPageTest {
    private HttpServer server;
    private volatile String page;
    private NorceOrderReader reader;
    private ShopSettings shop;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(NorceTokenProvider.TOKEN_PATH,
                ex -> answer(ex, "{\"access_token\":\"stub\",\"expires_in\":3600}"));
        server.createContext(NorceConnection.QUERY + NorceOrderReader.ORDERS, ex -> answer(ex, page));
        server.start();
        shop = new ShopSettings("webshop", ShopSettings.Platform.NORCE,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "id", Secret.of("secret"), "playground",
                List.of(1001), io.jesync.order.OrderFlowSettings.defaults(),
                io.jesync.status.StatusFlowSettings.defaults(), io.jesync.reversal.ReversalSettings.defaults(),
                io.jesync.product.ProductSettings.defaults(),
                io.jesync.stock.StockPriceSettings.off(), io.jesync.reconcile.ReconciliationSettings.defaults(), java.util.Optional.empty());
        reader = new NorceOrderReader(new NorceConnection(HttpClient.newHttpClient(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void one_broken_order_does_not_spoil_the_page() throws Exception {
        String good = NorceOrderMapperTest.order("guest").toString();
        page = "{\"value\":[" + good + ", \"{\\\"Id\\\": 7, \\\"OrderNo\\\": \", {\"Id\": 8, \"Items\": []}]}";

        OrderPage result = reader.fetch(shop, 1001, Set.of(4), null, null);
        List<String> outcomes = new ArrayList<>();
        for (JsonNode raw : result.orders()) {
            try {
                ShopOrder order = NorceOrderMapper.toShopOrder("webshop", raw);
                outcomes.add("ok " + order.orderNo());
            } catch (NorceOrderParseException e) {
                outcomes.add("parked " + e.field());
            }
        }

        assertThat(outcomes).containsExactly("ok 1209003", "parked $", "parked OrderNo");
        assertThat(result.maxUpdated()).isEqualTo(Instant.parse("2026-03-02T09:14:00Z"));
    }

    @Test
    void a_page_that_is_not_json_fails_as_a_whole_and_is_retryable() {
        page = "<html><body>502 Bad Gateway</body></html>";

        NorceUnavailableException e = catchThrowableOfType(NorceUnavailableException.class,
                () -> reader.fetch(shop, 1001, Set.of(4), null, null));

        assertThat(e.getMessage()).contains("answered something that is not JSON")
                .contains("ApplicationId eq 1001 and (StatusId eq 4)");
    }

    @Test
    void json_without_value_array_fails_as_a_whole() {
        page = "{\"error\":null}";

        assertThat(catchThrowableOfType(NorceUnavailableException.class,
                () -> reader.fetch(shop, 1001, Set.of(4), null, null))).hasMessageContaining("without a \"value\" array");
    }
}
