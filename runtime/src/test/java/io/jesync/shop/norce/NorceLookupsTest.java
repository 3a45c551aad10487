package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jesync.shop.IncomingOrder;
import io.jesync.shop.ShopOrder;
import io.jesync.simulator.norce.NorceModel.Order;

/** Lookup ids are the tenant's, found by Code; nothing the adapter carries knows them. */
class NorceLookupsTest extends NorceOrderTestSupport {
    private static final String CURRENCIES = "GET /commerce/query/2.0/Core/Countries";

    private long currencyReads() {
        return sim.journal().stream().filter(r -> r.endpoint().equals(CURRENCIES)).count();
    }

    private List<IncomingOrder> read(Order order) throws Exception {
        return shopOrders.map(shop, order.applicationId(), List.of(reader.fetchOne(shop, order.applicationId(),
                order.id()).orElseThrow()));
    }

    @Test
    void a_tenant_with_other_ids_gives_the_same_codes() throws Exception {
        sim.tenant(sim.tenant().shifted(5000));
        Order order = sim.placeOrder(simple(EU_APP, 2));

        ShopOrder mapped = read(order).get(0).order();

        assertThat(mapped.currency()).isEqualTo("EUR");
        assertThat(mapped.paymentMethod()).isEqualTo("KCO");
        assertThat(mapped.buyer().address().countryCode()).isEqualTo("SE");
    }

    @Test
    void an_id_the_cached_table_lacks_is_read_again_once_a_minute_and_meanwhile_parks_the_order_naming_it() throws Exception {
        read(sim.placeOrder(simple(SE_APP, 2)));
        sim.tenant(sim.tenant().shifted(7));
        Order moved = sim.placeOrder(simple(SE_APP, 2));
        clock.advance(Duration.ofSeconds(90));

        ShopOrder found = read(moved).get(0).order();
        long readsAfterRefresh = currencyReads();
        sim.tenant(sim.tenant().shifted(7));
        Order again = sim.placeOrder(simple(SE_APP, 2));
        List<IncomingOrder> parked = read(again);
        List<IncomingOrder> stillParked = read(again);

        assertThat(found.currency()).isEqualTo("SEK");
        assertThat(readsAfterRefresh).as("first read, one refresh on the miss").isEqualTo(2);
        assertThat(parked.get(0).order()).isNull();
        assertThat(parked.get(0).problem().toString()).contains("Buyer.CountryId")
                .contains("country id " + sim.tenant().countries().get("SE") + " is not in the tenant's Core/Countries");
        assertThat(stillParked.get(0).order()).isNull();
        assertThat(currencyReads()).as("no second read within a minute of the last").isEqualTo(2);

        clock.advance(Duration.ofMinutes(2));
        assertThat(read(again).get(0).order().currency()).isEqualTo("SEK");
        assertThat(currencyReads()).isEqualTo(3);
    }

    @Test
    void sku_types_are_read_once_per_page_with_an_or_chain_and_kept() throws Exception {
        for (int i = 0; i < 3; i++) {
            sim.placeOrder(simple(SE_APP, 2));
        }

        List<ShopOrder> first = mapped(SE_APP, readAll(SE_APP, Set.of(2), null));
        mapped(SE_APP, readAll(SE_APP, Set.of(2), null));

        var skuReads = sim.journal().stream().filter(r -> r.endpoint().equals(
                "GET /commerce/query/2.0/Products/ProductSkus")).toList();
        assertThat(skuReads).hasSize(1);
        assertThat(java.net.URLDecoder.decode(skuReads.get(0).query(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("PartNo eq 'FRAKT' or PartNo eq 'KAF-00001'").doesNotContain(" in (");
        assertThat(first).allSatisfy(o -> assertThat(o.lines()).extracting(l -> l.kind().name())
                .containsExactly("PRODUCT", "SHIPPING"));
    }
}
