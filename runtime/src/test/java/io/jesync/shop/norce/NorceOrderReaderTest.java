package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.jesync.shop.ShopOrder;
import io.jesync.shop.norce.NorceOrderReader.OrderPage;
import io.jesync.simulator.Fault;
import io.jesync.simulator.FaultRule;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.DemoOrderGenerator.BadOrder;
import io.jesync.simulator.norce.NorceModel.Order;

class NorceOrderReaderTest extends NorceOrderTestSupport {
    private static final String QUERY_ENDPOINT = "GET " + NorceConnection.QUERY + NorceOrderReader.ORDERS;
    private static final Set<Integer> TRIGGER = Set.of(2, 4);

    private static List<Long> ids(List<JsonNode> orders) {
        return orders.stream().map(o -> o.get("Id").asLong()).toList();
    }

    /** Places one order per spec entry {application, status}, one second apart. */
    private List<Order> place(int[][] spec, int times) {
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            for (int[] s : spec) {
                placed.add(sim.placeOrder(simple(s[0], s[1])));
                clock.advance(Duration.ofSeconds(1));
            }
        }
        return placed;
    }

    @Test
    void reads_every_trigger_order_of_each_application_once_across_pages() throws Exception {
        // 1,234 in trigger statuses (900 SE, 334 EU) among 300 that are not.
        List<Order> placed = new ArrayList<>();
        placed.addAll(place(new int[][] {{SE_APP, 2}, {SE_APP, 4}, {SE_APP, 6}}, 150));
        placed.addAll(place(new int[][] {{SE_APP, 2}, {EU_APP, 4}, {EU_APP, 0}, {SE_APP, 4}}, 150));
        placed.addAll(place(new int[][] {{SE_APP, 2}, {SE_APP, 4}, {EU_APP, 2}}, 150));
        placed.addAll(place(new int[][] {{EU_APP, 4}}, 34));
        Map<Integer, Set<Long>> expected = placed.stream().filter(o -> TRIGGER.contains(o.statusId()))
                .collect(Collectors.groupingBy(Order::applicationId, Collectors.mapping(Order::id, Collectors.toSet())));
        assertThat(expected.get(SE_APP).size() + expected.get(EU_APP).size()).isEqualTo(1234);

        List<JsonNode> se = readAll(SE_APP, TRIGGER, null);
        List<JsonNode> eu = readAll(EU_APP, TRIGGER, null);

        assertThat(ids(se)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected.get(SE_APP));
        assertThat(ids(eu)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected.get(EU_APP));
        assertThat(se).allSatisfy(o -> {
            assertThat(o.get("ApplicationId").asInt()).isEqualTo(SE_APP);
            assertThat(o.get("StatusId").asInt()).isIn(2, 4);
            assertThat(o.get("Items")).isNotEmpty();
            assertThat(o.get("Buyer").isObject()).isTrue();
        });
        assertThat(ids(se)).as("keyset paging reads in Id order").isSorted();
        assertThat(se).allSatisfy(o -> assertThat(o.get("Updated").isNull()).as("never updated").isTrue());
        // 900 SE orders are two pages of at most 500, 334 EU orders one.
        assertThat(sim.journal().stream().filter(r -> r.endpoint().equals(QUERY_ENDPOINT)).count()).isEqualTo(3);
    }

    @Test
    void page_carries_the_latest_updated_and_the_filter_goes_on_the_wire() throws Exception {
        List<Order> placed = place(new int[][] {{SE_APP, 2}, {SE_APP, 4}}, 3);

        OrderPage page = reader.fetch(shop, SE_APP, Set.of(4, 2), Instant.parse("2026-03-02T09:00:00.750Z"), null);

        assertThat(page.hasNext()).isFalse();
        assertThat(page.maxUpdated()).isEqualTo(placed.get(5).created());
        var request = sim.journal().stream().filter(r -> r.endpoint().equals(QUERY_ENDPOINT)).findFirst().orElseThrow();
        assertThat(URLDecoder.decode(request.query(), StandardCharsets.UTF_8))
                .contains("$filter=ApplicationId eq 1001 and (StatusId eq 2 or StatusId eq 4) and (Updated ge"
                        + " 2026-03-02T09:00:00Z or (Updated eq null and Created ge 2026-03-02T09:00:00Z))")
                .contains("$expand=Items,Buyer,Payer,ShipTo,Infos").contains("$orderby=Id").contains("$top=500")
                .doesNotContain("$skip").doesNotContain(" in (");
        assertThat(request.headers().entrySet()).anySatisfy(h -> {
            assertThat(h.getKey()).isEqualToIgnoringCase("applicationId");
            assertThat(h.getValue()).containsExactly("1001");
        });
    }

    @Test
    void filters_by_several_statuses() throws Exception {
        List<Order> placed = place(new int[][] {{SE_APP, 2}, {SE_APP, 4}, {SE_APP, 6}, {SE_APP, 8}}, 5);

        assertThat(ids(readAll(SE_APP, Set.of(4), null)))
                .containsExactlyElementsOf(placed.stream().filter(o -> o.statusId() == 4).map(Order::id).toList());
        assertThat(ids(readAll(SE_APP, Set.of(2, 6, 8), null))).containsExactlyInAnyOrderElementsOf(
                placed.stream().filter(o -> o.statusId() != 4).map(Order::id).toList());
    }

    @Test
    void updated_watermark_is_respected_and_an_overlap_window_sees_some_again() throws Exception {
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            placed.add(sim.placeOrder(simple(SE_APP, 2)));
            clock.advance(Duration.ofMinutes(1));
        }
        Instant watermark = placed.get(6).created();

        List<Long> fromWatermark = ids(readAll(SE_APP, TRIGGER, watermark));
        List<Long> withOverlap = ids(readAll(SE_APP, TRIGGER, watermark.minus(Duration.ofMinutes(2))));
        sim.setOrderStatus(placed.get(1).id(), 4);
        List<Long> afterChange = ids(readAll(SE_APP, TRIGGER, watermark));

        assertThat(fromWatermark).containsExactly(placed.get(6).id(), placed.get(7).id(), placed.get(8).id(),
                placed.get(9).id());
        assertThat(withOverlap).hasSize(6).containsAll(fromWatermark);
        // A change sets Updated, so an old order that changed comes back.
        assertThat(afterChange).contains(placed.get(1).id()).hasSize(5);
    }

    /** The old filter on Updated alone provably misses every order nobody changed since it was placed. */
    @Test
    void a_new_order_has_no_updated_and_is_found_by_created() throws Exception {
        Instant since = clock.instant();
        Order fresh = sim.placeOrder(simple(SE_APP, 2));

        JsonNode updatedOnly = connection.query(shop, SE_APP, "Orders/Orders?$filter=" + NorceLookups.encode(
                "ApplicationId eq 1001 and Updated ge " + since), "old filter");

        assertThat(fresh.updated()).isNull();
        assertThat(updatedOnly.get("value")).isEmpty();
        assertThat(ids(readAll(SE_APP, TRIGGER, since))).containsExactly(fresh.id());
    }

    @Test
    void pages_by_keyset_so_an_order_changing_during_the_read_is_neither_skipped_nor_repeated() throws Exception {
        List<Order> placed = place(new int[][] {{SE_APP, 2}}, 700);

        OrderPage first = reader.fetch(shop, SE_APP, TRIGGER, null, null);
        sim.vanishOrder(placed.get(0).id());
        OrderPage second = reader.fetch(shop, SE_APP, TRIGGER, null, first.lastId());

        assertThat(first.orders()).hasSize(500);
        assertThat(second.orders()).hasSize(200);
        assertThat(ids(second.orders())).doesNotContainAnyElementsOf(ids(first.orders()));
        assertThat(ids(second.orders()).get(0)).isEqualTo(placed.get(500).id());
    }

    @Test
    void fetch_one_rereads_an_order_and_sees_it_vanish() throws Exception {
        Order kept = sim.placeOrder(simple(SE_APP, 4));
        Order gone = sim.placeOrder(simple(SE_APP, 4));
        sim.vanishOrder(gone.id());

        assertThat(reader.fetchOne(shop, SE_APP, kept.id())).hasValueSatisfying(o ->
                assertThat(o.get("OrderNo").asText()).isEqualTo(kept.orderNo()));
        assertThat(reader.fetchOne(shop, SE_APP, gone.id())).isEmpty();
        assertThat(reader.fetchOne(shop, EU_APP, kept.id())).as("another application's order").isEmpty();
    }

    @Test
    void token_expiring_mid_paging_is_renewed_before_the_next_page() throws Exception {
        place(new int[][] {{SE_APP, 2}}, 600);

        OrderPage first = reader.fetch(shop, SE_APP, TRIGGER, null, null);
        clock.advance(Duration.ofHours(2));
        OrderPage second = reader.fetch(shop, SE_APP, TRIGGER, null, first.lastId());

        assertThat(first.orders().size() + second.orders().size()).isEqualTo(600);
        assertThat(tokenRequests()).isEqualTo(2);
        assertThat(sim.journal()).noneMatch(r -> r.status() == 401);
    }

    @Test
    void a401_to_a_token_believed_valid_is_refreshed_once_and_retried() throws Exception {
        // A frozen clock keeps the adapter believing its token is good; only the server knows it has expired.
        NorceOrderReader frozen = new NorceOrderReader(new NorceConnection(http,
                Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)));
        place(new int[][] {{SE_APP, 2}}, 600);
        OrderPage first = frozen.fetch(shop, SE_APP, TRIGGER, null, null);
        clock.advance(Duration.ofHours(2));

        OrderPage second = frozen.fetch(shop, SE_APP, TRIGGER, null, first.lastId());

        assertThat(second.orders()).hasSize(100);
        assertThat(tokenRequests()).isEqualTo(2);
        assertThat(sim.journal().stream().filter(r -> r.status() == 401).count()).isEqualTo(1);
    }

    @Test
    void scripted429_carries_retry_after_and_the_next_call_succeeds() throws Exception {
        sim.placeOrder(simple(SE_APP, 2));
        sim.faults().configure(7L, List.of(FaultRule.none(QUERY_ENDPOINT).withRateLimited(0, 30)));
        sim.faults().script(QUERY_ENDPOINT, Fault.RATE_LIMITED);

        NorceUnavailableException e = catchThrowableOfType(NorceUnavailableException.class,
                () -> reader.fetch(shop, SE_APP, TRIGGER, null, null));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("ApplicationId eq 1001 and (StatusId eq 2 or StatusId eq 4)");
        assertThat(reader.fetch(shop, SE_APP, TRIGGER, null, null).orders()).hasSize(1);
    }

    @Test
    void scripted500_is_retryable_without_retry_after() {
        sim.faults().script(QUERY_ENDPOINT, Fault.SERVER_ERROR);

        NorceUnavailableException e = catchThrowableOfType(NorceUnavailableException.class,
                () -> reader.fetch(shop, SE_APP, TRIGGER, null, null));

        assertThat(e.status()).isEqualTo(500);
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void a_broken_connection_is_retryable() {
        // The JDK client itself retries an idempotent GET once after a reset, so it takes two to reach the reader.
        sim.faults().script(QUERY_ENDPOINT, Fault.CONNECTION_RESET, Fault.CONNECTION_RESET);

        NorceUnavailableException e = catchThrowableOfType(NorceUnavailableException.class,
                () -> reader.fetch(shop, SE_APP, TRIGGER, null, null));

        assertThat(e.status()).isZero();
    }

    @Test
    void a_refused_query_is_permanent_and_names_the_filter() {
        NorceRequestException e = catchThrowableOfType(NorceRequestException.class,
                () -> reader.fetch(shop, 4242, TRIGGER, null, null));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("[ApplicationId eq 4242 and (StatusId eq 2 or StatusId eq 4)]")
                .contains("Unknown application 4242");
    }

    @Test
    void demo_orders_map_and_their_totals_match_what_the_shop_reserved() throws Exception {
        DemoOrderGenerator generator = new DemoOrderGenerator(sim, DemoOrderGenerator.Settings.defaults());
        Map<Long, Order> placed = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            Order o = generator.placeOrderNow();
            placed.put(o.id(), o);
        }
        Set<Integer> all = Set.of(2, 4);
        List<ShopOrder> mapped = new ArrayList<>(mapped(SE_APP, readAll(SE_APP, all, null)));
        mapped.addAll(mapped(EU_APP, readAll(EU_APP, all, null)));

        assertThat(mapped).hasSize(300);
        for (ShopOrder order : mapped) {
            Order source = placed.get(order.platformOrderId());
            assertThat(order.totalIncVat()).as(order.orderNo()).isEqualByComparingTo(source.totalIncVat());
            assertThat(order.lines()).hasSameSizeAs(source.items());
            assertThat(order.currency()).isEqualTo(source.currencyCode());
        }
    }

    /**
     * The generator's bad orders are business problems, not unreadable JSON: all four map, so the order flow can
     * park them with a business reason.
     */
    @Test
    void bad_demo_orders_map_so_the_flow_can_park_them() throws Exception {
        DemoOrderGenerator generator = new DemoOrderGenerator(sim, DemoOrderGenerator.Settings.defaults());
        Map<BadOrder, Order> placed = new EnumMap<>(BadOrder.class);
        for (BadOrder kind : BadOrder.values()) {
            placed.put(kind, generator.placeBadOrder(kind));
        }
        Map<Long, ShopOrder> mapped = new HashMap<>();
        for (int app : List.of(SE_APP, EU_APP)) {
            for (ShopOrder o : mapped(app, readAll(app, Set.of(2, 4), null))) {
                mapped.put(o.platformOrderId(), o);
            }
        }

        assertThat(mapped.get(placed.get(BadOrder.MISSING_EMAIL).id()).buyer().email()).isNull();
        assertThat(mapped.get(placed.get(BadOrder.NEGATIVE_QUANTITY).id()).lines().get(0).quantity())
                .isEqualByComparingTo("-1");
        assertThat(mapped.get(placed.get(BadOrder.UNKNOWN_ARTICLE).id()).lines().get(0).articleNumber())
                .isEqualTo("NOPE-99999");
        assertThat(mapped.get(placed.get(BadOrder.ARTICLE_NUMBER_TOO_LONG).id()).lines().get(0).articleNumber())
                .isEqualTo("KAF-00001-PRESENTASK-EXTRA-STOR");
    }

    @Test
    void reads_the_same_again_when_nothing_changed() throws IOException, InterruptedException {
        place(new int[][] {{SE_APP, 2}}, 20);

        assertThat(new HashSet<>(ids(readAll(SE_APP, TRIGGER, null))))
                .isEqualTo(new HashSet<>(ids(readAll(SE_APP, TRIGGER, null))));
    }
}
