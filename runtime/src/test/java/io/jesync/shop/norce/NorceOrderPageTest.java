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
import java.util.function.Function;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jesync.config.Secret;
import io.jesync.json.Json;
import io.jesync.settings.ShopSettings;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.norce.NorceOrderReader.OrderPage;

/**
 * Pages a real tenant might serve but the simulator never does: a broken element among good ones, and a body that
 * is not JSON at all. A bare stub server stands in for Norce here.
 */
class NorceOrderPageTest {
    private HttpServer server;
    private volatile String page;
    /** The answer per decoded query string; by default the one page. */
    private volatile Function<String, String> answers = query -> page;
    private NorceOrderReader reader;
    private ShopSettings shop;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(NorceTokenProvider.TOKEN_PATH,
                ex -> answer(ex, "{\"access_token\":\"stub\",\"expires_in\":3600}"));
        server.createContext(NorceConnection.QUERY + NorceOrderReader.ORDERS, ex -> answer(ex, answers.apply(ex.getRequestURI().getQuery())));
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
    void an_order_above_the_size_cap_parks_alone_and_the_rest_of_the_page_is_read() throws Exception {
        // A 9 MB field: the page holding it is above the 8 MB cap, and so is the order alone.
        HostilePage read = readBesideAGoodOrder(id -> "{\"Id\": " + id + ", \"OrderNo\": \""
                + "x".repeat(9 * 1024 * 1024) + "\"}");

        assertThat(read.outcomes()).hasSize(2);
        assertThat(read.outcomes().get(0)).isEqualTo("ok 1209003");
        assertThat(read.outcomes().get(1)).startsWith("parked " + read.hostileId()).contains("larger than 8388608 bytes");
        assertThat(read.page().orders().get(1).toString()).as("nothing of the hostile order is kept").hasSizeLessThan(500);
        assertThat(read.queries()).as("the page, its ids, then each order alone").hasSize(4);
    }

    @Test
    void an_order_nested_ten_thousand_levels_deep_parks_alone_and_the_rest_of_the_page_is_read() throws Exception {
        int depth = 10_000;
        HostilePage read = readBesideAGoodOrder(id -> "{\"Id\": " + id + ", \"OrderNo\": \"hostile\", \"Info\": "
                + "[".repeat(depth) + "]".repeat(depth) + "}");

        assertThat(read.outcomes()).hasSize(2);
        assertThat(read.outcomes().get(0)).isEqualTo("ok 1209003");
        assertThat(read.outcomes().get(1)).startsWith("parked " + read.hostileId())
                .contains("beyond the runtime's JSON limits", "nesting depth", "at most 100 levels");
        assertThat(read.page().orders().get(1).toString()).as("nothing of the hostile order is kept").hasSizeLessThan(500);
        assertThat(read.queries()).as("the page, its ids, then each order alone").hasSize(4);
    }

    @Test
    void nesting_deeper_than_the_limit_fails_the_read_as_beyond_the_limits_not_with_a_stack_overflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        Throwable failure = catchThrowableOfType(IOException.class, () -> Json.MAPPER.readTree(deep));

        assertThat(Json.beyondLimits(failure)).as(String.valueOf(failure)).isTrue();
        assertThat(Json.beyondLimits(new IOException("an ordinary parse error"))).isFalse();
    }

    private record HostilePage(OrderPage page, List<String> outcomes, List<String> queries, long hostileId) {
    }

    /** A page of a good order and the hostile one {@code hostile} writes for an id, read and mapped. */
    private HostilePage readBesideAGoodOrder(LongFunction<String> hostile) throws Exception {
        JsonNode good = NorceOrderMapperTest.order("guest");
        long goodId = good.path("Id").asLong();
        long hostileId = goodId + 1;
        List<String> queries = new ArrayList<>();
        answers = query -> {
            queries.add(query);
            if (query.contains("$select=Id")) {
                return "{\"value\":[{\"Id\":" + goodId + "},{\"Id\":" + hostileId + "}]}";
            }
            if (query.contains("Id eq " + goodId)) {
                return "{\"value\":[" + good + "]}";
            }
            if (query.contains("Id eq " + hostileId)) {
                return "{\"value\":[" + hostile.apply(hostileId) + "]}";
            }
            return "{\"value\":[" + good + "," + hostile.apply(hostileId) + "]}";
        };

        OrderPage result = reader.fetch(shop, 1001, Set.of(4), null, null);
        List<String> outcomes = new ArrayList<>();
        for (JsonNode raw : result.orders()) {
            try {
                outcomes.add("ok " + NorceOrderMapper.toShopOrder("webshop", raw).orderNo());
            } catch (NorceOrderParseException e) {
                outcomes.add("parked " + e.platformOrderId() + " " + e.getMessage());
            }
        }
        return new HostilePage(result, outcomes, queries, hostileId);
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
