package io.jesync.simulator.norce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.DemoCatalog.Article;
import io.jesync.simulator.norce.NorceModel.Onhand;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderDraft;
import io.jesync.simulator.norce.NorceModel.OrderItem;
import io.jesync.simulator.norce.NorceModel.PriceList;
import io.jesync.simulator.norce.NorceModel.Sku;
import io.jesync.simulator.norce.NorceModel.SkuPrice;
import io.jesync.simulator.norce.NorceModel.WriteBack;

/**
 * The simulated tenant's data. Every method locks the store, and callers that must read-check-write (the
 * Connect handlers, the import jobs) hold the same lock with {@code synchronized (store)}, so a write-back
 * never interleaves with a generator order or a poll.
 */
public final class NorceStore {
    public static final String WAREHOUSE = "MAIN";
    public static final String LOCATION = "MAIN";
    public static final String PRICE_LIST_SE_B2C = "SE-B2C";
    public static final String PRICE_LIST_SE_B2B = "SE-B2B";
    public static final String PRICE_LIST_EU_B2C = "EU-B2C";
    /**
     * The tenant's own ids, deliberately unlike any small default, so code that assumes an id instead of resolving
     * it by code fails against the simulator.
     */
    static final int CLIENT_ID = 4711;
    static final int PRICE_LIST_ID_SE_B2C = 7301;
    static final int PRICE_LIST_ID_SE_B2B = 7302;
    static final int PRICE_LIST_ID_EU_B2C = 7309;
    /** Demo exchange rate for the EUR price list: SEK per EUR. */
    static final BigDecimal SEK_PER_EUR = new BigDecimal("11.20");
    private static final long FIRST_ORDER_ID = 9001;
    private static final long ORDER_NO_BASE = 1_200_000;
    private static final long FIRST_COMPANY_ID = 7301;
    /** SKU TypeId values of the SkuType enum: Standard, Freight, Invoice (the invoice fee). */
    static final int SKU_STANDARD = 1;
    static final int SKU_FREIGHT = 3;
    static final int SKU_INVOICE_FEE = 9;

    /** A page of matches and whether more rows follow it. */
    public record Page<T>(List<T> rows, boolean hasMore) {
    }

    private final Clock clock;
    private final Map<Integer, DemoCatalog.Channel> applications = new LinkedHashMap<>();
    private final TreeMap<Long, Order> orders = new TreeMap<>();
    private final Map<String, Long> orderIdByOrderNo = new HashMap<>();
    private final TreeMap<Long, Sku> skus = new TreeMap<>();
    /** By PartNo, Query's key for ProductSkus, so a scan in key order needs no sort. */
    private final TreeMap<String, Sku> skuByPartNo = new TreeMap<>();
    private final Map<String, Map<String, Onhand>> onhandByPartNo = new HashMap<>();
    private final Map<String, PriceList> priceLists = new LinkedHashMap<>();
    /** A price list keeps the id it was created with; an import that creates one gets the next. */
    private final Map<String, Integer> priceListIds = new HashMap<>();
    private final Map<String, Map<String, SkuPrice>> pricesByList = new HashMap<>();
    private final List<WriteBack> writeBacks = new ArrayList<>();
    /** Customer code to the codes of the price lists attached to the customer (Customer/ImportCustomers). */
    private final Map<String, List<String>> customerPriceLists = new java.util.TreeMap<>();
    private final Map<String, NorceModel.Company> companiesByCode = new LinkedHashMap<>();
    private long nextCompanyId = FIRST_COMPANY_ID;
    private long nextOrderId = FIRST_ORDER_ID;
    private long nextSkuId = 1;
    private long nextWriteBackSequence = 1;

    public NorceStore(Clock clock) {
        this.clock = clock;
    }

    /** Millisecond precision, as the OData service serialises DateTimeOffset values. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Clears everything and seeds the demo shop: channels, price lists, the demo catalogue and the fee SKUs. */
    public synchronized void reset(Collection<Integer> applicationIds) {
        applications.clear();
        orders.clear();
        orderIdByOrderNo.clear();
        skus.clear();
        skuByPartNo.clear();
        onhandByPartNo.clear();
        priceLists.clear();
        priceListIds.clear();
        pricesByList.clear();
        writeBacks.clear();
        customerPriceLists.clear();
        companiesByCode.clear();
        nextCompanyId = FIRST_COMPANY_ID;
        nextOrderId = FIRST_ORDER_ID;
        nextSkuId = 1;
        nextWriteBackSequence = 1;
        for (int id : applicationIds) {
            applications.put(id, DemoCatalog.CHANNELS.stream().filter(c -> c.applicationId() == id).findFirst()
                    .orElse(new DemoCatalog.Channel(id, "Application " + id, "SEK", "sv-SE", "SE")));
        }
        Instant now = now();
        putPriceList(new PriceList(PRICE_LIST_ID_SE_B2C, PRICE_LIST_SE_B2C, "Sverige B2C", "SEK", true, true, 1, true,
                now));
        putPriceList(new PriceList(PRICE_LIST_ID_SE_B2B, PRICE_LIST_SE_B2B, "Sverige B2B", "SEK", false, false, 1, true,
                now));
        putPriceList(new PriceList(PRICE_LIST_ID_EU_B2C, PRICE_LIST_EU_B2C, "Europe B2C", "EUR", true, false, 25, true,
                now));
        List<Article> seed = new ArrayList<>(DemoCatalog.demoArticles());
        seed.add(new Article(DemoCatalog.SHIPPING_ARTICLE, "Frakt", "Avgifter", DemoCatalog.VatClass.STANDARD,
                new BigDecimal("39.20"), BigDecimal.ZERO, null, 0, true));
        seed.add(new Article(DemoCatalog.PAYMENT_FEE_ARTICLE, "Fakturaavgift", "Avgifter", DemoCatalog.VatClass.STANDARD,
                new BigDecimal("23.20"), BigDecimal.ZERO, null, 0, true));
        loadArticles(seed);
    }

    /**
     * Adds (or replaces by PartNo) catalogue articles with their prices on the three demo price lists and their
     * stock at MAIN/MAIN. Linear in the number of articles, so 100,000 load in well under a second.
     */
    public synchronized void loadArticles(List<Article> articles) {
        Instant now = now();
        for (Article a : articles) {
            Sku existing = skuByPartNo.get(a.articleNumber());
            long id = existing != null ? existing.id() : nextSkuId++;
            putSku(new Sku(id, id, a.articleNumber(), "DEMO", a.articleNumber(), a.articleNumber(), a.name(),
                    a.active() ? 1 : 5, skuType(a.articleNumber()), a.ean(), a.vatRate(), a.priceExVat(),
                    existing != null ? existing.created() : now, existing != null ? now : null));
            putPrice(new SkuPrice(a.articleNumber(), PRICE_LIST_SE_B2C, 1, a.priceExVat(), null, null, a.costPrice(),
                    true, now));
            putPrice(new SkuPrice(a.articleNumber(), PRICE_LIST_SE_B2B, 1,
                    a.priceExVat().multiply(new BigDecimal("0.85")).setScale(2, RoundingMode.HALF_UP), null, null,
                    a.costPrice(), true, now));
            putPrice(new SkuPrice(a.articleNumber(), PRICE_LIST_EU_B2C, 1,
                    a.priceExVat().divide(SEK_PER_EUR, 2, RoundingMode.HALF_UP), null, null, null, true, now));
            putOnhand(new Onhand(a.articleNumber(), WAREHOUSE, LOCATION, BigDecimal.valueOf(a.stock()), BigDecimal.ZERO,
                    null, null, true, now));
        }
    }

    private static int skuType(String partNo) {
        return DemoCatalog.SHIPPING_ARTICLE.equals(partNo) ? SKU_FREIGHT
                : DemoCatalog.PAYMENT_FEE_ARTICLE.equals(partNo) ? SKU_INVOICE_FEE : SKU_STANDARD;
    }

    // ---- applications ----

    public synchronized boolean isApplication(int applicationId) {
        return applications.containsKey(applicationId);
    }

    public synchronized List<DemoCatalog.Channel> applications() {
        return List.copyOf(applications.values());
    }

    // ---- orders ----

    /**
     * A checkout: the order gets its id and basket (quotation) number, OrderNo starts as that number, and Updated
     * stays null until something changes the order. A business buyer's organisation and VAT numbers go to the
     * company register (Customers/Companies), not onto the order. Every line's PartNo is a SKU on a real tenant; a
     * fee line whose SKU the catalogue lacks gets one of the fee's SkuType.
     */
    public synchronized Order placeOrder(OrderDraft draft) {
        long id = nextOrderId++;
        int quotationId = (int) (ORDER_NO_BASE + id);
        String orderNo = Integer.toString(quotationId);
        Instant now = now();
        NorceModel.Company company = registerCompany(draft);
        for (OrderItem item : draft.items()) {
            if (item.isFee() && item.partNo() != null && !skuByPartNo.containsKey(item.partNo())) {
                long skuId = nextSkuId++;
                putSku(new Sku(skuId, skuId, item.partNo(), "DEMO", item.partNo(), item.partNo(), item.productName(),
                        1, OrderItem.FREIGHT.equals(item.type()) ? SKU_FREIGHT : SKU_INVOICE_FEE, null,
                        item.vatRate(), item.priceSale(), now, null));
            }
        }
        Order order = new Order(id, draft.applicationId(), quotationId, orderNo, now, now, null, draft.statusId(),
                draft.currencyCode(), draft.paymentMethodCode(), "psp-" + Long.toHexString(orderNo.hashCode() * 31L + id),
                draft.buyerCustomerCode(), company != null ? company.code() : draft.buyerCompanyCode(), draft.buyer(),
                draft.shipTo(), draft.payer(), numberLines(draft.items(), draft.statusId()),
                company != null ? company.id() : null, false, null, BigDecimal.ZERO.setScale(2), false, List.of());
        orders.put(id, order);
        orderIdByOrderNo.put(orderNo, id);
        return order;
    }

    private NorceModel.Company registerCompany(OrderDraft draft) {
        NorceModel.CustomerInfo buyer = draft.buyer();
        boolean business = buyer != null && (buyer.organizationNo() != null || buyer.vatNo() != null);
        if (draft.buyerCompanyCode() == null && !business) {
            return null;
        }
        String code = draft.buyerCompanyCode() != null ? draft.buyerCompanyCode()
                : "ORG-" + (buyer.organizationNo() != null ? buyer.organizationNo() : buyer.vatNo());
        NorceModel.Company known = companiesByCode.get(code);
        NorceModel.Company company = new NorceModel.Company(known != null ? known.id() : nextCompanyId++, code,
                buyer != null ? buyer.companyName() : null, buyer != null ? buyer.organizationNo() : null,
                buyer != null ? buyer.vatNo() : null);
        companiesByCode.put(code, company);
        return company;
    }

    public synchronized List<NorceModel.Company> companies() {
        return List.copyOf(companiesByCode.values());
    }

    /**
     * OrderNo overridden, as an ERP's confirmation response can do (Query doc: OrderNo is "commonly same as
     * quotation id unless overriden from the ERP confirmation response"); Updated moves.
     */
    public synchronized Optional<Order> renumberOrder(long id, String orderNo) {
        return edit(id, current -> {
            orderIdByOrderNo.remove(current.orderNo());
            orderIdByOrderNo.put(orderNo, id);
            return current.renumbered(orderNo, now());
        });
    }

    /** Connect's ClientOrderRef: the quotation (basket) id. */
    public synchronized Optional<Order> orderByQuotationId(int quotationId) {
        return orders.values().stream().filter(o -> o.quotationId() == quotationId).findFirst();
    }

    static List<OrderItem> numberLines(List<OrderItem> items, int statusId) {
        List<OrderItem> numbered = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            numbered.add(items.get(i).numbered(i + 1, statusId));
        }
        return List.copyOf(numbered);
    }

    /** Replaces the order's shop-side content (buyer, lines, status...) as an admin edit would; Updated moves. */
    public synchronized Optional<Order> modifyOrder(long id, OrderDraft draft) {
        return edit(id, current -> current.withDraft(draft, now()));
    }

    public synchronized Optional<Order> setOrderStatus(long id, int statusId) {
        return edit(id, current -> current.withStatus(statusId, now()));
    }

    /** Stores the edited order in place of the one with this id; empty when there is none. */
    private Optional<Order> edit(long id, UnaryOperator<Order> change) {
        Order current = orders.get(id);
        if (current == null) {
            return Optional.empty();
        }
        Order changed = change.apply(current);
        orders.put(id, changed);
        return Optional.of(changed);
    }

    /**
     * A refund or return of one line as a shop admin does it: the line's quantity drops to {@code quantity}
     * (its discount shrinks in proportion), or with {@code cancelLine} the line's own status becomes Cancelled (6)
     * and its quantity stays. The order's status is untouched; Updated moves.
     */
    public synchronized Optional<Order> changeLine(long id, int lineNumber, BigDecimal quantity, boolean cancelLine) {
        return edit(id, current -> current.withItems(changedLines(current, lineNumber, quantity, cancelLine), now()));
    }

    private static List<OrderItem> changedLines(Order current, int lineNumber, BigDecimal quantity,
                                                boolean cancelLine) {
        List<OrderItem> items = new ArrayList<>();
        boolean found = false;
        for (OrderItem item : current.items()) {
            if (item.lineNumber() != lineNumber) {
                items.add(item);
                continue;
            }
            found = true;
            if (cancelLine) {
                items.add(item.numbered(lineNumber, NorceModel.OrderStatus.CANCELLED.id()));
            } else {
                if (quantity.signum() < 0 || quantity.compareTo(item.qtyOrdered()) > 0) {
                    throw new IllegalArgumentException("line " + lineNumber + " of order " + current.orderNo()
                            + " can go down to between 0 and " + item.qtyOrdered() + ", not " + quantity);
                }
                BigDecimal discount = item.discountAmount().multiply(quantity)
                        .divide(item.qtyOrdered(), 2, RoundingMode.HALF_UP);
                items.add(new OrderItem(lineNumber, item.partNo(), item.productName(), quantity, item.priceSale(),
                        discount, item.vatRate(), item.type(), item.typeGroup(), item.statusId()));
            }
        }
        if (!found) {
            throw new IllegalArgumentException("order " + current.orderNo() + " has no line " + lineNumber);
        }
        return items;
    }

    /** Deletes the order outright, for tests of an order that disappears between a poll and its fetch. */
    public synchronized boolean vanishOrder(long id) {
        Order removed = orders.remove(id);
        if (removed != null) {
            orderIdByOrderNo.remove(removed.orderNo());
        }
        return removed != null;
    }

    synchronized void replaceOrder(Order order) {
        orders.put(order.id(), order);
    }

    public synchronized Optional<Order> order(long id) {
        return Optional.ofNullable(orders.get(id));
    }

    public synchronized Optional<Order> orderByOrderNo(String orderNo) {
        Long id = orderIdByOrderNo.get(orderNo);
        return id == null ? Optional.empty() : Optional.ofNullable(orders.get(id));
    }

    /** Connect's ERP order number is only known after a "Confirmed" status write-back stored it. */
    public synchronized Optional<Order> orderByErpOrderNo(String erpOrderNo) {
        return orders.values().stream().filter(o -> erpOrderNo.equals(o.erpOrderNo())).findFirst();
    }

    public synchronized List<Order> orders() {
        return List.copyOf(orders.values());
    }

    public synchronized Page<Order> selectOrders(Predicate<Order> filter, Comparator<Order> order, int skip, int top) {
        return select(orders.values(), filter, order, skip, top);
    }

    // ---- write-backs ----

    synchronized WriteBack recordWriteBack(NorceModel.WriteBackKind kind, Order before, Order after,
                                           BigDecimal captured, com.fasterxml.jackson.databind.JsonNode request) {
        WriteBack writeBack = new WriteBack(nextWriteBackSequence++, kind, now(), after.id(), after.orderNo(),
                before.statusId(), after.statusId(), captured, after.reservationCancelled(), request);
        writeBacks.add(writeBack);
        return writeBack;
    }

    public synchronized List<WriteBack> writeBacks() {
        return List.copyOf(writeBacks);
    }

    // ---- catalogue ----

    synchronized void putSku(Sku sku) {
        Sku previous = skuByPartNo.put(sku.partNo(), sku);
        if (previous != null && previous.id() != sku.id()) {
            skus.remove(previous.id());
        }
        skus.put(sku.id(), sku);
    }

    synchronized long allocateSkuId() {
        return nextSkuId++;
    }

    public synchronized Optional<Sku> sku(String partNo) {
        return Optional.ofNullable(skuByPartNo.get(partNo));
    }

    public synchronized int skuCount() {
        return skus.size();
    }

    /** Without an order, in PartNo order (Query's key for ProductSkus). */
    public synchronized Page<Sku> selectSkus(Predicate<Sku> filter, Comparator<Sku> order, int skip, int top) {
        return select(skuByPartNo.values(), filter, order, skip, top);
    }

    /** The SKUs after {@code partNo} in PartNo order: a keyset page without a scan from the start. */
    public synchronized Page<Sku> selectSkusAfter(String partNo, int skip, int top) {
        return select(skuByPartNo.tailMap(partNo, false).values(), s -> true, null, skip, top);
    }

    synchronized void putOnhand(Onhand onhand) {
        onhandByPartNo.computeIfAbsent(onhand.partNo(), k -> new LinkedHashMap<>())
                .put(onhand.warehouseCode() + "/" + onhand.locationCode(), onhand);
    }

    public synchronized Optional<Onhand> onhand(String partNo, String warehouseCode, String locationCode) {
        Map<String, Onhand> byLocation = onhandByPartNo.get(partNo);
        return byLocation == null ? Optional.empty()
                : Optional.ofNullable(byLocation.get(warehouseCode + "/" + locationCode));
    }

    public synchronized List<Onhand> onhands(String partNo) {
        Map<String, Onhand> byLocation = onhandByPartNo.get(partNo);
        return byLocation == null ? List.of() : List.copyOf(byLocation.values());
    }

    synchronized List<Onhand> allOnhands() {
        List<Onhand> all = new ArrayList<>();
        onhandByPartNo.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    synchronized void putPriceList(PriceList list) {
        priceListIds.putIfAbsent(list.code(), list.id());
        priceLists.put(list.code(), list);
        pricesByList.computeIfAbsent(list.code(), k -> new HashMap<>());
    }

    /** The id of the price list with this code, or the next free id for a new one. */
    synchronized int priceListId(String code) {
        Integer known = priceListIds.get(code);
        return known != null ? known : priceListIds.values().stream().mapToInt(Integer::intValue).max().orElse(7300) + 1;
    }

    public synchronized Optional<PriceList> priceList(String code) {
        return Optional.ofNullable(priceLists.get(code));
    }

    synchronized void putCustomerPriceLists(String customerCode, List<String> priceListCodes) {
        customerPriceLists.put(customerCode, List.copyOf(priceListCodes));
    }

    /** Customer code to its price-list codes, for every customer an import has given price lists. */
    public synchronized Map<String, List<String>> customerPriceLists() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        customerPriceLists.forEach(copy::put);
        return copy;
    }

    public synchronized List<PriceList> priceLists() {
        return List.copyOf(priceLists.values());
    }

    synchronized void putPrice(SkuPrice price) {
        pricesByList.computeIfAbsent(price.priceListCode(), k -> new HashMap<>()).put(price.partNo(), price);
    }

    public synchronized Optional<SkuPrice> price(String priceListCode, String partNo) {
        Map<String, SkuPrice> prices = pricesByList.get(priceListCode);
        return prices == null ? Optional.empty() : Optional.ofNullable(prices.get(partNo));
    }

    synchronized List<SkuPrice> prices(String priceListCode) {
        Map<String, SkuPrice> prices = pricesByList.get(priceListCode);
        return prices == null ? List.of() : List.copyOf(prices.values());
    }

    /**
     * Filters and pages in one pass. Without an explicit order the source's Id order is used and the scan stops
     * once the page and one extra row are found, so paging a 100,000-row set stays linear per page.
     */
    static <T> Page<T> page(Collection<T> source, Predicate<T> filter, Comparator<T> order, int skip, int top) {
        return select(source, filter, order, skip, top);
    }

    private static <T> Page<T> select(Collection<T> source, Predicate<T> filter, Comparator<T> order, int skip,
                                      int top) {
        if (order == null) {
            List<T> rows = new ArrayList<>(Math.min(top, 1024));
            int matched = 0;
            for (T row : source) {
                if (!filter.test(row)) {
                    continue;
                }
                if (matched++ < skip) {
                    continue;
                }
                if (rows.size() == top) {
                    return new Page<>(rows, true);
                }
                rows.add(row);
            }
            return new Page<>(rows, false);
        }
        List<T> all = source.stream().filter(filter).sorted(order).toList();
        int from = Math.min(skip, all.size());
        int to = Math.min(all.size(), from + top);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size());
    }
}
