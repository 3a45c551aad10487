package io.jesync.stock;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicEncoding;
import io.jesync.economic.EconomicValidationException;

/**
 * Reads stock and prices from e-conomic with as few calls as the API allows: products changed since a moment (keyset
 * paging on lastUpdated, 1000 per call), all products (the reconciliation), one product (after a webhook), and the
 * OpenAPI products service's currency prices and price-group special prices, which carry no lastUpdated and can only
 * be read whole.
 */
public final class EconomicCatalogReader {
    static final int PAGE_SIZE = 1000;
    /** productsapi v2.0.0, the version the reference and the stored OpenAPI spec describe. */
    static final String PRODUCTS_API = "/productsapi/v2.0.0";
    /** customersapi v3.1.0: its customer model carries priceGroupNumber, which REST does not show. */
    static final String CUSTOMERS_API = "/customersapi/v3.1.0";

    /** A special price of a price group: a price in base currency, or a discount on the product's sales price. */
    public record SpecialPrice(String productNumber, BigDecimal salesPriceBaseCurrency, BigDecimal discountPercentage) {
    }

    private final EconomicClient rest;
    private final EconomicClient openApi;
    private long calls;

    /** @param openApi the same agreement on the OpenAPI host; the two share one budget */
    public EconomicCatalogReader(EconomicClient rest, EconomicClient openApi) {
        this.rest = rest;
        this.openApi = openApi;
    }

    /** Calls made by this reader since it was created; the flow reports each cycle's cost from it. */
    public synchronized long calls() {
        return calls;
    }

    private synchronized void count() {
        calls++;
    }

    /**
     * Every product with {@code lastUpdated >= from}, oldest first, page by page to {@code sink}. Pages are cut by
     * lastUpdated rather than by page number: a product that changes during the read moves to the end of the order,
     * which would shift page numbers and skip a product at a page boundary. A page that shares one timestamp
     * throughout is followed by page number within that timestamp.
     *
     * @return the newest lastUpdated seen, or {@code from} when nothing changed
     */
    public Instant changedSince(Instant from, Consumer<List<ArticleReading>> sink) {
        Instant cursor = from;
        Instant newest = from;
        int skip = 0;
        while (true) {
            String filter = "lastUpdated$gte:" + stamp(cursor);
            JsonNode page = products("?skippages=" + skip + "&pagesize=" + PAGE_SIZE + "&filter="
                    + EconomicEncoding.queryValue(filter) + "&sort=lastUpdated,productNumber");
            List<ArticleReading> readings = readings(page);
            sink.accept(readings);
            for (ArticleReading r : readings) {
                newest = r.lastUpdated().isAfter(newest) ? r.lastUpdated() : newest;
            }
            if (readings.size() < PAGE_SIZE || !page.path("pagination").hasNonNull("nextPage")) {
                return newest;
            }
            Instant last = readings.get(readings.size() - 1).lastUpdated();
            if (last.equals(cursor)) {
                skip++;
            } else {
                cursor = last;
                skip = 0;
            }
        }
    }

    /** Every product, in product-number order, page by page to {@code sink}. */
    public void all(Consumer<List<ArticleReading>> sink) {
        for (int page = 0; ; page++) {
            JsonNode body = products("?skippages=" + page + "&pagesize=" + PAGE_SIZE + "&sort=productNumber");
            List<ArticleReading> readings = readings(body);
            sink.accept(readings);
            if (readings.size() < PAGE_SIZE || !body.path("pagination").hasNonNull("nextPage")) {
                return;
            }
        }
    }

    /** One product; empty when e-conomic no longer has it. */
    public Optional<ArticleReading> one(String productNumber) {
        count();
        try {
            return Optional.of(reading(rest.read("/products/" + EconomicEncoding.pathId(productNumber))));
        } catch (EconomicValidationException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sales prices in the given currencies: product number to currency to price. */
    public Map<String, Map<String, BigDecimal>> currencyPrices(Set<String> currencies) {
        Map<String, Map<String, BigDecimal>> prices = new HashMap<>();
        cursorRead(PRODUCTS_API + "/salespriceincurrencies", item -> {
            String currency = item.path("currency").asText("");
            if (currencies.contains(currency) && item.path("salesPrice").isNumber()) {
                prices.computeIfAbsent(item.path("productNumber").asText(), k -> new HashMap<>())
                        .put(currency, item.path("salesPrice").decimalValue());
            }
        });
        return prices;
    }

    /** The special prices of one price group, by product number. */
    public Map<String, SpecialPrice> specialPrices(int priceGroup) {
        Map<String, SpecialPrice> prices = new HashMap<>();
        cursorRead(PRODUCTS_API + "/pricegroups/" + priceGroup + "/specialprices", item -> {
            String product = item.path("productNumber").asText("");
            JsonNode price = item.path("salesPriceBaseCurrency");
            JsonNode discount = item.path("discountPercentage");
            prices.put(product, new SpecialPrice(product, price.isNumber() ? price.decimalValue() : null,
                    discount.isNumber() ? discount.decimalValue() : null));
        });
        return prices;
    }

    /** Every customer's price group, 1,000 customers per call; a customer in no price group is absent. */
    public Map<Long, Integer> customerPriceGroups() {
        Map<Long, Integer> groups = new HashMap<>();
        cursorRead(CUSTOMERS_API + "/customers", item -> {
            if (item.path("customerNumber").canConvertToLong() && item.path("priceGroupNumber").canConvertToInt()) {
                groups.put(item.get("customerNumber").asLong(), item.get("priceGroupNumber").asInt());
            }
        });
        return groups;
    }

    /** OpenAPI cursor listing: no {@code cursor} in the answer means the end. */
    private void cursorRead(String path, Consumer<JsonNode> item) {
        String cursor = null;
        do {
            count();
            JsonNode page = openApi.read(path + (cursor == null ? ""
                    : "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.path("items").forEach(item);
            cursor = page.hasNonNull("cursor") && !page.path("items").isEmpty() ? page.get("cursor").asText() : null;
        } while (cursor != null);
    }

    private JsonNode products(String query) {
        count();
        return rest.read("/products" + query);
    }

    private static List<ArticleReading> readings(JsonNode page) {
        List<ArticleReading> readings = new ArrayList<>();
        page.path("collection").forEach(item -> readings.add(reading(item)));
        return readings;
    }

    static ArticleReading reading(JsonNode product) {
        JsonNode inventory = product.path("inventory");
        BigDecimal inStock = decimal(inventory, "inStock");
        BigDecimal ordered = decimal(inventory, "orderedByCustomers");
        BigDecimal available = inventory.path("available").isNumber() ? inventory.get("available").decimalValue()
                : inStock.subtract(ordered);
        JsonNode group = product.path("productGroup").path("productGroupNumber");
        return new ArticleReading(product.path("productNumber").asText(), inStock, available,
                decimal(inventory, "orderedFromSuppliers"),
                product.path("salesPrice").isNumber() ? product.get("salesPrice").decimalValue() : null,
                group.isInt() ? group.asInt() : null, product.path("barred").asBoolean(false),
                Instant.parse(product.path("lastUpdated").asText()));
    }

    private static BigDecimal decimal(JsonNode parent, String name) {
        JsonNode value = parent.path(name);
        return value.isNumber() ? value.decimalValue() : BigDecimal.ZERO;
    }

    /** e-conomic's filter takes whole seconds in UTC, {@code YYYY-MM-DDTHH:MM:SSZ}. */
    static String stamp(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
