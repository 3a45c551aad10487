package io.jesync.shop.norce;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.jesync.config.Secret;
import io.jesync.settings.ShopSettings;
import io.jesync.simulator.DemoCatalog;
import io.jesync.shop.norce.NorceOrderReader.OrderPage;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.norce.NorceModel.CustomerInfo;
import io.jesync.simulator.norce.NorceModel.OrderDraft;
import io.jesync.simulator.norce.NorceModel.OrderItem;
import io.jesync.simulator.norce.NorceSimulator;

/** A demo Norce tenant on a free port with a movable clock, and the adapter pointed at it. */
abstract class NorceOrderTestSupport {
    static final int SE_APP = 1001;
    static final int EU_APP = 1002;
    static final String TOKEN_ENDPOINT = "POST " + NorceSimulator.TOKEN_PATH;

    protected SimClock clock;
    protected NorceSimulator sim;
    protected ShopSettings shop;
    protected NorceConnection connection;
    protected NorceOrderReader reader;
    protected NorceShopOrders shopOrders;
    protected final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startSimulator() {
        clock = new SimClock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC));
        sim = NorceSimulator.demo(0, 7L, clock, "jesync", "s3cret");
        sim.start();
        shop = new ShopSettings("webshop", ShopSettings.Platform.NORCE, URI.create(sim.baseUrl()), "jesync",
                Secret.of("s3cret"), "playground", List.of(SE_APP, EU_APP), io.jesync.order.OrderFlowSettings.defaults(),
                io.jesync.status.StatusFlowSettings.defaults(), io.jesync.reversal.ReversalSettings.defaults(),
                io.jesync.product.ProductSettings.defaults(),
                io.jesync.stock.StockPriceSettings.off(), io.jesync.reconcile.ReconciliationSettings.defaults(), java.util.Optional.empty());
        connection = new NorceConnection(http, clock);
        reader = new NorceOrderReader(connection);
        shopOrders = new NorceShopOrders(connection, new NorceLookups(connection, clock));
    }

    /** The orders as the flows get them: ids resolved through the tenant's lookups, then mapped. */
    List<io.jesync.shop.ShopOrder> mapped(int app, List<JsonNode> raw) throws IOException, InterruptedException {
        List<io.jesync.shop.ShopOrder> orders = new ArrayList<>();
        for (io.jesync.shop.IncomingOrder incoming : shopOrders.map(shop, app, raw)) {
            if (incoming.order() == null) {
                throw new AssertionError(incoming.orderNo() + " was not readable: " + incoming.problem());
            }
            orders.add(incoming.order());
        }
        return orders;
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    long tokenRequests() {
        return sim.journal().stream().filter(r -> r.endpoint().equals(TOKEN_ENDPOINT)).count();
    }

    /** Every page from the first until nextLink runs out. */
    List<JsonNode> readAll(int app, Set<Integer> statuses, Instant since) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        OrderPage page = reader.fetch(shop, app, statuses, since, null);
        all.addAll(page.orders());
        while (page.hasNext()) {
            page = reader.fetch(shop, app, statuses, since, page.lastId());
            all.addAll(page.orders());
        }
        return all;
    }

    static CustomerInfo anna() {
        return new CustomerInfo("Anna", "Lindqvist", "anna@example.se", "+46701234567", null, null, null,
                "Storgatan 12", "111 22", "Stockholm", "SE");
    }

    static OrderItem coffee(int qty, String discount) {
        return OrderItem.line("KAF-00001", "Bryggkaffe 250 g", qty, new BigDecimal("100.00"), new BigDecimal(discount),
                new BigDecimal("12"), null);
    }

    static OrderItem freight(String price) {
        return OrderItem.line(DemoCatalog.SHIPPING_ARTICLE, "Frakt", 1, new BigDecimal(price), BigDecimal.ZERO,
                new BigDecimal("25"), OrderItem.FREIGHT);
    }

    static OrderDraft simple(int app, int status) {
        return new OrderDraft(app, app == EU_APP ? "EUR" : "SEK", status, "KCO", "C-1001", null, anna(), anna(), anna(),
                List.of(coffee(2, "0.00"), freight("39.20")));
    }
}
