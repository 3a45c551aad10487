package io.jesync.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jesync.stock.StockPriceSettings.PriceListRule;
import io.jesync.stock.StockPriceSettings.PriceSource;
import io.jesync.shop.ShopStock;

import static org.assertj.core.api.Assertions.assertThat;

class StockAndPriceRulesTest {
    private static final ArticleReading READING = new ArticleReading("A-1", new BigDecimal("10"), new BigDecimal("8"),
            new BigDecimal("20"), new BigDecimal("99.60"), 2, false, Instant.parse("2026-09-01T10:00:00Z"));

    private static StockPriceSettings rules(StockPriceSettings.StockFigure figure, String buffer) {
        return new StockPriceSettings(true, figure, "MAIN", "MAIN", true, Set.of(), new BigDecimal(buffer), true, 1, 7,
                14, true, List.of(), new BigDecimal("25"), Map.of(2, new BigDecimal("12")), 1, false);
    }

    @Test
    void the_chosen_figure_less_pending_orders_and_buffer_never_below_zero() {
        assertThat(StockRules.shopStock(READING, new BigDecimal("3"), rules(StockPriceSettings.StockFigure.AVAILABLE,
                "1")).canonical()).isEqualTo("4|20|1");
        assertThat(StockRules.shopStock(READING, BigDecimal.ZERO, rules(StockPriceSettings.StockFigure.IN_STOCK,
                "0")).canonical()).isEqualTo("10|20|1");
        ShopStock empty = StockRules.shopStock(READING, new BigDecimal("9"), rules(
                StockPriceSettings.StockFigure.AVAILABLE, "0"));
        assertThat(empty.canonical()).isEqualTo("0|20|7");
        assertThat(StockRules.status(empty)).isEqualTo(StockRules.Status.INCOMING);
        assertThat(ShopStock.parse(empty.canonical())).isEqualTo(new ShopStock(BigDecimal.ZERO, new BigDecimal("20"), 7));
    }

    @Test
    void incl_vat_lists_get_the_articles_rate_and_their_rounding() {
        PriceListRule cents = new PriceListRule("B2C", PriceSource.BASE, null, null, true, new BigDecimal("0.01"),
                RoundingMode.HALF_UP);
        PriceListRule crowns = new PriceListRule("B2C", PriceSource.BASE, null, null, true, BigDecimal.ONE,
                RoundingMode.HALF_UP);
        PriceListRule net = new PriceListRule("B2B", PriceSource.BASE, null, null, false, new BigDecimal("0.05"),
                RoundingMode.UP);
        BigDecimal rate = rules(StockPriceSettings.StockFigure.AVAILABLE, "0").vatRate(2);

        assertThat(PriceRules.shopPrice(new BigDecimal("99.60"), rate, cents)).isEqualByComparingTo("111.55");
        assertThat(PriceRules.shopPrice(new BigDecimal("99.60"), rate, crowns)).isEqualByComparingTo("112");
        assertThat(PriceRules.shopPrice(new BigDecimal("99.61"), rate, net)).isEqualByComparingTo("99.65");
        assertThat(PriceRules.discounted(new BigDecimal("200"), new BigDecimal("15"))).isEqualByComparingTo("170");
        assertThat(PriceRules.canonical(new BigDecimal("112.00"))).isEqualTo("112");
    }
}
