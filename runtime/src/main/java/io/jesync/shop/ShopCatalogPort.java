package io.jesync.shop;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.jesync.config.ShopSettings;

/**
 * The shop side of stock and prices, platform-neutral: absolute values in, and per row what the shop refused.
 * A call returns only once the shop has applied the values (or refused them); a failure to get them there at all
 * is an {@link IOException}, and the same values are sent again later, which is safe because they are absolute.
 */
public interface ShopCatalogPort {

    record StockRow(String articleNo, ShopStock stock) {
    }

    /** @param price null switches the row off (a special price that e-conomic no longer has) */
    record PriceRow(String priceListCode, String articleNo, BigDecimal price, String currency) {
        public String key() {
            return priceListCode + "/" + articleNo;
        }
    }

    /** @param priceListCodes the customer's whole set of price lists; empty takes them all away */
    record CustomerPriceListsRow(String customerCode, List<String> priceListCodes) {
    }

    /**
     * @param reference    the shop's reference for the import (a Norce job id), for the trace
     * @param rowProblems  refused rows: the article (stock), {@code code/article} (prices) or the customer code, and why
     */
    record Outcome(String reference, Map<String, String> rowProblems) {
    }

    Outcome setStock(ShopSettings shop, List<StockRow> rows) throws IOException, InterruptedException;

    Outcome setPrices(ShopSettings shop, List<PriceRow> rows) throws IOException, InterruptedException;

    Outcome setCustomerPriceLists(ShopSettings shop, List<CustomerPriceListsRow> rows)
            throws IOException, InterruptedException;
}
