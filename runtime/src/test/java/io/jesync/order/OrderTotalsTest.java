package io.jesync.order;

import static io.jesync.order.TestOrders.order;
import static io.jesync.order.TestOrders.person;
import static io.jesync.order.TestOrders.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jesync.order.TotalCheck.Result;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderTotalsTest {
    private static final BigDecimal TOLERANCE = new BigDecimal("0.05");

    @ParameterizedTest(name = "shop {0} vs e-conomic {1} -> {2}")
    @CsvSource({
            "125.00, 125.00, MATCH,    0.00",
            "125.0,  125.00, MATCH,    0.00",
            "125.00, 125.01, ROUNDING, -0.01",
            "125.05, 125.00, ROUNDING, 0.05",
            "125.00, 125.05, ROUNDING, -0.05",
            "125.06, 125.00, MISMATCH, 0.06",
            "100.00, 125.00, MISMATCH, -25.00"})
    void compares_shop_total_with_economic_gross(String shop, String economic, Result result, String difference) {
        TotalCheck check = OrderMapper.compareTotals(new BigDecimal(shop), new BigDecimal(economic), TOLERANCE);
        assertThat(check.result()).isEqualTo(result);
        assertThat(check.difference()).isEqualByComparingTo(difference);
        assertThat(check.shopTotalIncVat()).isEqualByComparingTo(shop);
        assertThat(check.economicGross()).isEqualByComparingTo(economic);
    }

    @Test
    void vat_is_rounded_per_line_as_economic_does() {
        // 3 × 0.33 at 25 %: per line 0.99 → VAT 0.2475 → 0.25; twice gives 0.50, not round2(1.98 × 0.25) = 0.495.
        ExpectedTotals totals = OrderMapper.expectedTotals(order(person("SE"),
                List.of(product(1, "A", "3", "0.33"), product(2, "B", "3", "0.33")), "2.48"),
                OrderMappingSettings.defaults());
        assertThat(totals.netAmount()).isEqualByComparingTo("1.98");
        assertThat(totals.vatAmount()).isEqualByComparingTo("0.50");
        assertThat(totals.grossAmount()).isEqualByComparingTo("2.48");
        assertThat(totals.check().result()).isEqualTo(Result.MATCH);
    }

    @Test
    void expected_totals_report_a_mismatch_that_the_document_refuses() {
        var mismatching = order(person("SE"), List.of(product(1, "A", "1", "100.00")), "120.00");
        ExpectedTotals totals = OrderMapper.expectedTotals(mismatching, OrderMappingSettings.defaults());
        assertThat(totals.check().result()).isEqualTo(Result.MISMATCH);
        assertThat(totals.check().difference()).isEqualByComparingTo("-5.00");
        assertThatThrownBy(() -> OrderMapper.toDocument(mismatching, 1, OrderMappingSettings.defaults()))
                .isInstanceOf(OrderMappingException.class);
    }

    @Test
    void reverse_charge_zones_carry_no_vat_whatever_rate_the_shop_had() {
        ExpectedTotals totals = OrderMapper.expectedTotals(order(TestOrders.company("DE", "DE123456789"),
                List.of(product(1, "A", "1", "100.00")), "100.00"), OrderMappingSettings.defaults());
        assertThat(totals.vatAmount()).isEqualByComparingTo("0");
        assertThat(totals.check().result()).isEqualTo(Result.MATCH);
    }

    @Test
    void a_rounding_difference_is_told_to_the_timeline_and_a_match_is_not() {
        // 3 × 33.333 incl. VAT: the shop charged 100.00, e-conomic's per-line arithmetic gives 100.01.
        OrderMappingSettings demo = OrderMappingSettings.defaults();
        io.jesync.shop.ShopOrder rounded = order(person("SE"), List.of(product(1, "KAF-001", "3", "26.6664")),
                "100.00");

        assertThat(OrderMapper.roundingNote(rounded, demo)).hasValueSatisfying(note -> assertThat(note)
                .startsWith("Rounding: the shop charged 100.00 SEK, the lines come to 100.01 SEK (difference -0.01,"
                        + " within the tolerance of " + demo.roundingTolerance().toPlainString() + ")"));
        assertThat(OrderMapper.roundingNote(order(person("SE")), demo)).isEmpty();
    }
}
