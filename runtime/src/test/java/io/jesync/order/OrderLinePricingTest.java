package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.jesync.order.LinePricing.Priced;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderLinePricingTest {

    @Test
    void percentage_wins_when_it_hits_the_shop_total() {
        // 3 × 33.33 − 10.00 = 89.99. 10 % of 99.99 gives 89.991 → 89.99 exactly; the discounted unit price
        // 29.9967 rounds to 30.00, which totals 90.00.
        Priced priced = choose("3", "33.33", "89.99");
        assertThat(priced.unitNetPrice()).isEqualByComparingTo("33.33");
        assertThat(priced.discountPercentage()).isEqualByComparingTo("10.00");
        assertThat(priced.lineTotal(new BigDecimal(3))).isEqualByComparingTo("89.99");
    }

    @Test
    void discounted_unit_price_wins_when_no_two_decimal_percentage_fits() {
        // 1 × 1234.56 − 0.01 = 1234.55. 0.00 % leaves 1234.56 and 0.01 % gives 1234.44; 1234.55 as the unit
        // price is exact.
        Priced priced = choose("1", "1234.56", "1234.55");
        assertThat(priced.unitNetPrice()).isEqualByComparingTo("1234.55");
        assertThat(priced.discountPercentage()).isNull();
    }

    @Test
    void a_tie_goes_to_the_percentage_so_the_invoice_shows_the_list_price() {
        // 2 × 50.00 − 10.00 = 90.00: 10 % and 45.00 are both exact.
        Priced priced = choose("2", "50.00", "90.00");
        assertThat(priced.unitNetPrice()).isEqualByComparingTo("50.00");
        assertThat(priced.discountPercentage()).isEqualByComparingTo("10.00");
    }

    @Test
    void without_discount_the_unit_price_is_rounded_half_up() {
        assertThat(choose("1", "19.995", "19.995")).isEqualTo(new Priced(new BigDecimal("20.00"), null));
        assertThat(choose("2", "0.00", "0.00")).isEqualTo(new Priced(new BigDecimal("0.00"), null));
    }

    @Test
    void a_fully_discounted_line_is_a_hundred_percent_off() {
        Priced priced = choose("1", "49.00", "0");
        assertThat(priced.discountPercentage()).isEqualByComparingTo("100");
        assertThat(priced.lineTotal(BigDecimal.ONE)).isEqualByComparingTo("0");
    }

    @Test
    void economic_line_arithmetic_rounds_the_line_not_the_unit() {
        assertThat(LinePricing.economicLineTotal(new BigDecimal("3"), new BigDecimal("33.33"),
                new BigDecimal("10"))).isEqualByComparingTo("89.99");
        assertThat(LinePricing.economicLineTotal(new BigDecimal("1.5"), new BigDecimal("0.03"), null))
                .isEqualByComparingTo("0.05");
    }

    private static Priced choose(String quantity, String unit, String target) {
        return LinePricing.choose(new BigDecimal(quantity), new BigDecimal(unit), new BigDecimal(target));
    }
}
