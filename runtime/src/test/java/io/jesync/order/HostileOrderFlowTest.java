package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * R13 through the whole order flow: a buyer's name of 9 MB (a value no shop has, above the 8 MB answer cap) makes
 * the page of orders too large; the poll reads it again order by order, the two good orders become one document each
 * and the hostile one is parked with its id and the cap, and nothing of the 9 MB reaches the store.
 */
class HostileOrderFlowTest {
    private static final int NINE_MB = 9 * 1024 * 1024;

    @TempDir
    Path tempDir;

    @Test
    void an_order_with_a_value_above_the_size_cap_is_parked_with_its_id_and_the_good_ones_beside_it_go_through()
            throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order first = harness.placeOrder(1);
            NorceModel.Order hostile = harness.placeOrder(2);
            NorceModel.Order last = harness.placeOrder(3);
            NorceModel.CustomerInfo buyer = hostile.buyer();
            harness.norce.modifyOrder(hostile.id(), new NorceModel.OrderDraft(hostile.applicationId(),
                    hostile.currencyCode(), hostile.statusId(), hostile.paymentMethodCode(),
                    hostile.buyerCustomerCode(), hostile.buyerCompanyCode(), new NorceModel.CustomerInfo(
                            "x".repeat(NINE_MB), buyer.lastName(), buyer.emailAddress(), buyer.phoneNumber(),
                            buyer.companyName(), buyer.organizationNo(), buyer.vatNo(), buyer.addressLine1(),
                            buyer.zipCode(), buyer.city(), buyer.countryCode()),
                    hostile.shipTo(), hostile.payer(), hostile.items()));

            harness.runUntilSettled(20);

            Map<String, Long> documents = harness.economic.documents().values().stream().flatMap(List::stream)
                    .collect(Collectors.groupingBy(EconomicSimulator.DocumentView::referencesOther,
                            Collectors.counting()));
            assertThat(documents).containsOnlyKeys("jetshop:se:" + first.orderNo(), "jetshop:se:" + last.orderNo())
                    .allSatisfy((reference, count) -> assertThat(count).isEqualTo(1));
            List<LedgerEntry> entries = harness.assembly.ledger().list("se", null, 100);
            List<LedgerEntry> parked = entries.stream().filter(entry -> entry.state() == OrderState.PARKED).toList();
            assertThat(parked).singleElement().satisfies(entry -> assertThat(entry.row().reason())
                    .contains(Long.toString(hostile.id()), "larger than 8388608 bytes"));
            assertThat(entries).as("nothing of the 9 MB is kept").allSatisfy(entry -> assertThat(entry.toString())
                    .hasSizeLessThan(100_000));
        }
    }
}
