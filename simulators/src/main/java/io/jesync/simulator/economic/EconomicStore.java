package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One simulated agreement's data. Every access goes through {@link #read} or {@link #write}, so concurrent
 * clients see whole writes only. Collections are sorted maps keyed by the resource number, which is also the
 * default order of the listings and the index for single lookups (products by productNumber).
 */
public final class EconomicStore {
    public static final String BASE_CURRENCY = "SEK";

    public record VatZone(int vatZoneNumber, String name, boolean enabledForCustomer, boolean enabledForSupplier) {
    }

    public record Layout(int layoutNumber, String name) {
    }

    public record PaymentTerms(int paymentTermsNumber, String name, String paymentTermsType, int daysOfCredit) {
    }

    public record CustomerGroup(int customerGroupNumber, String name, int accountNumber) {
    }

    /** {@code domesticVatRate} in percent; the simulator's stand-in for the group's per-zone sales accounts. */
    public record ProductGroup(int productGroupNumber, String name, BigDecimal domesticVatRate) {
    }

    public record Unit(int unitNumber, String name) {
    }

    /** {@code ratePer100} is the fixed "daily rate": base-currency price of 100 units. */
    public record Currency(String code, int isoNumber, String name, BigDecimal ratePer100) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    final Keyed<Integer, VatZone> vatZones = new Keyed<>(VatZone::vatZoneNumber);
    final Keyed<Integer, Layout> layouts = new Keyed<>(Layout::layoutNumber);
    final Keyed<Integer, PaymentTerms> paymentTerms = new Keyed<>(PaymentTerms::paymentTermsNumber);
    final Keyed<Integer, CustomerGroup> customerGroups = new Keyed<>(CustomerGroup::customerGroupNumber);
    final Keyed<Integer, ProductGroup> productGroups = new Keyed<>(ProductGroup::productGroupNumber);
    final Keyed<Integer, Unit> units = new Keyed<>(Unit::unitNumber);
    final Keyed<String, Currency> currencies = new Keyed<>(Currency::code);
    final NavigableMap<Integer, ObjectNode> customers = new TreeMap<>();
    final NavigableMap<String, EconomicProduct> products = new TreeMap<>();
    final NavigableMap<Integer, ObjectNode> draftInvoices = new TreeMap<>();
    final NavigableMap<Integer, ObjectNode> bookedInvoices = new TreeMap<>();
    final NavigableMap<Integer, ObjectNode> draftOrders = new TreeMap<>();
    final NavigableMap<Integer, ObjectNode> sentOrders = new TreeMap<>();
    final NavigableMap<Integer, ObjectNode> archivedOrders = new TreeMap<>();
    /** Sales prices in other currencies: product number, currency, price (e-conomic's OpenAPI products service). */
    final NavigableMap<String, NavigableMap<String, BigDecimal>> currencyPrices = new TreeMap<>();
    final NavigableMap<Integer, String> priceGroups = new TreeMap<>();
    /** Customer number to price group: the OpenAPI customer's priceGroupNumber, which REST does not show. */
    final NavigableMap<Integer, Integer> customerPriceGroups = new TreeMap<>();
    /** Special prices by their number; one per price group and product. */
    final NavigableMap<Integer, SpecialPrice> specialPrices = new TreeMap<>();
    /** Each product's version before its last change: what a stale read (an out-of-order answer) returns. */
    final java.util.Map<String, EconomicProduct> previousProducts = new java.util.HashMap<>();
    final EconomicJournals journals = new EconomicJournals();
    private volatile boolean inventoryModule;

    /** A price group's special price: a base-currency price or a discount percentage, never both. */
    public record SpecialPrice(int number, int priceGroup, String productNumber, BigDecimal salesPriceBaseCurrency,
                               BigDecimal discountPercentage) {
    }

    /** Setup entities by their own number (or code), so that adding one does not name its key twice. */
    static final class Keyed<K, V> extends TreeMap<K, V> {
        private final transient Function<V, K> key;

        Keyed(Function<V, K> key) {
            this.key = key;
        }

        void add(V entity) {
            put(key.apply(entity), entity);
        }
    }

    /** e-conomic's {@code lastUpdated} format, {@code YYYY-MM-DDTHH:MM:SSZ}. */
    static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean inventoryModule() {
        return inventoryModule;
    }

    void inventoryModule(boolean on) {
        inventoryModule = on;
    }

    void clear() {
        write(() -> {
            List.of(vatZones, layouts, paymentTerms, customerGroups, productGroups, units, customers, draftInvoices,
                    bookedInvoices, draftOrders, sentOrders, archivedOrders).forEach(java.util.Map::clear);
            currencies.clear();
            products.clear();
            currencyPrices.clear();
            priceGroups.clear();
            customerPriceGroups.clear();
            specialPrices.clear();
            previousProducts.clear();
            journals.clear();
            inventoryModule = false;
            return null;
        });
    }

    ProductGroup productGroup(int number) {
        return productGroups.get(number);
    }

    Unit unit(int number) {
        return units.get(number);
    }

    void putProduct(EconomicProduct product) {
        EconomicProduct previous = products.put(product.productNumber(), product);
        if (previous != null) {
            previousProducts.put(product.productNumber(), previous);
        }
    }

    /** Server-assigned numbers are max + 1, so the number of a deleted last entity comes back. */
    static int nextNumber(NavigableMap<Integer, ?> map) {
        return map.isEmpty() ? 1 : map.lastKey() + 1;
    }

    static int nextNumber(List<NavigableMap<Integer, ObjectNode>> maps) {
        int max = 0;
        for (NavigableMap<Integer, ObjectNode> map : maps) {
            if (!map.isEmpty()) {
                max = Math.max(max, map.lastKey());
            }
        }
        return max + 1;
    }

    List<NavigableMap<Integer, ObjectNode>> allOrders() {
        return List.of(draftOrders, sentOrders, archivedOrders);
    }

    /** Documents still open for editing, whose customer and products cannot be deleted. */
    List<ObjectNode> openDocuments() {
        List<ObjectNode> open = new ArrayList<>(draftInvoices.values());
        open.addAll(draftOrders.values());
        open.addAll(sentOrders.values());
        return open;
    }
}
