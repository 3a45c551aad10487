package io.jesync.simulator.norce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.simulator.norce.NorceJobs.Job;
import io.jesync.simulator.norce.NorceJobs.LogEntry;
import io.jesync.simulator.norce.NorceModel.Onhand;
import io.jesync.simulator.norce.NorceModel.PriceList;
import io.jesync.simulator.norce.NorceModel.Sku;
import io.jesync.simulator.norce.NorceModel.SkuPrice;

import static io.jesync.simulator.norce.NorceJson.decimal;
import static io.jesync.simulator.norce.NorceJson.field;
import static io.jesync.simulator.norce.NorceJson.text;

/**
 * What a succeeded import does to the tenant. Rows are applied one by one: a bad row is logged and counted in
 * {@code Fail} without stopping the rest, and rows for SKUs or price lists that do not exist are ignored with a
 * warning, as the Connect docs say. On an existing record {@code …FieldsThatAreSet} decides what is written, as the
 * contracts guide describes it: a listed field is written from the row, and cleared when the row lacks it or sends
 * null; a field the row sends but the list leaves out is ignored. Price-list rows are the documented exception:
 * a null or 0 price never overwrites. Without the list at all, every field the row carries is written [SIM: the
 * contract initialises the lists empty and does not say what a missing list means]. A new record takes every field
 * its row carries. {@code FullFile} deactivates records the file left out.
 */
final class NorceImports {
    private NorceImports() {
    }

    static void apply(NorceStore store, Job job, Instant now, Map<String, String> rejectedPartNos) {
        synchronized (store) {
            switch (job.kind) {
                case PRODUCTS -> products(store, job, now, rejectedPartNos);
                case SKU_PRICE_LISTS -> skuPrices(store, job, now);
                case PRICE_LISTS -> priceLists(store, job, now);
                case ONHANDS -> onhands(store, job, now);
                case CUSTOMERS -> customers(store, job, now);
                default -> throw new IllegalStateException(job.kind.name());
            }
        }
    }

    /** The header's field list by enum name in lower case, or null when the header has no such list. */
    private static Set<String> fieldsSet(JsonNode header, String name) {
        return NorceImportContract.listed(header, name);
    }

    /** Whether an update writes {@code name}: listed, or, without a list, present in the row. */
    private static boolean sets(Set<String> fields, JsonNode row, String name) {
        if (fields != null) {
            return fields.contains(name.toLowerCase(Locale.ROOT));
        }
        JsonNode value = field(row, name);
        return !value.isMissingNode() && !value.isNull();
    }

    /** Whether a create writes {@code name}: whenever the row carries it. */
    private static boolean carries(JsonNode row, String name) {
        JsonNode value = field(row, name);
        return !value.isMissingNode() && !value.isNull();
    }

    private static boolean fullFile(Job job) {
        return field(job.header, "FullFile").asBoolean(false);
    }

    private static void log(Job job, int severity, String message, Instant now, JsonNode row) {
        job.log.add(new LogEntry(severity, message, now, row == null ? null : row.toString()));
    }

    private static void onhands(NorceStore store, Job job, Instant now) {
        Set<String> fields = fieldsSet(job.header, "SkuOnhandFieldsThatAreSet");
        Set<String> seen = new HashSet<>();
        for (JsonNode row : job.rows) {
            String partNo = text(row, "PartNo");
            String warehouse = text(row, "WarehouseCode");
            String location = text(row, "LocationCode");
            if (!row.isObject() || partNo == null) {
                continue; // already logged and counted by validation
            }
            if (warehouse == null || location == null) {
                job.fail++;
                log(job, LogEntry.ERROR, "WarehouseCode and LocationCode are required for " + partNo + ".", now, row);
                continue;
            }
            if (store.sku(partNo).isEmpty()) {
                log(job, LogEntry.WARN, "SKU " + partNo + " does not exist; the row was ignored.", now, row);
                continue;
            }
            seen.add(partNo + "/" + warehouse + "/" + location);
            Onhand old = store.onhand(partNo, warehouse, location).orElse(null);
            boolean create = old == null;
            // OnhandValue is a non-nullable decimal in the contract: cleared means 0. The others are nullable.
            BigDecimal onhandValue = written(create, fields, row, "OnhandValue")
                    ? NorceJson.orElse(decimal(row, "OnhandValue"), BigDecimal.ZERO)
                    : create ? BigDecimal.ZERO : old.onhandValue();
            BigDecimal incoming = written(create, fields, row, "IncomingValue") ? decimal(row, "IncomingValue")
                    : create ? null : old.incomingValue();
            String nextDelivery = written(create, fields, row, "NextDeliveryDate") ? text(row, "NextDeliveryDate")
                    : create ? null : old.nextDeliveryDate();
            Integer leadTime = written(create, fields, row, "LeadTimeDayCount")
                    ? (field(row, "LeadTimeDayCount").canConvertToInt() ? field(row, "LeadTimeDayCount").asInt() : null)
                    : create ? null : old.leadTimeDayCount();
            boolean active = written(create, fields, row, "IsActive") ? field(row, "IsActive").asBoolean(false)
                    : create || old.isActive();
            store.putOnhand(new Onhand(partNo, warehouse, location, onhandValue, incoming, nextDelivery, leadTime,
                    active, now));
            if (create) {
                job.inserts++;
            } else {
                job.updates++;
            }
        }
        if (fullFile(job)) {
            for (Onhand o : store.allOnhands()) {
                if (o.isActive() && !seen.contains(o.partNo() + "/" + o.warehouseCode() + "/" + o.locationCode())) {
                    store.putOnhand(new Onhand(o.partNo(), o.warehouseCode(), o.locationCode(), o.onhandValue(),
                            o.incomingValue(), o.nextDeliveryDate(), o.leadTimeDayCount(), false, now));
                }
            }
        }
    }

    /** A create writes what the row carries; an update what the header lists (or, without a list, carries). */
    private static boolean written(boolean create, Set<String> fields, JsonNode row, String name) {
        return create ? carries(row, name) : sets(fields, row, name);
    }

    /**
     * Only what the runtime sends is simulated: a customer's price lists (CustomerField PriceLists). The customer is
     * matched by Code; the list replaces the customer's lists [SIM: Norce does not document whether an import
     * replaces or adds, and the runtime always sends the whole set]. A row naming a price list that does not exist is
     * ignored with a warning, like price rows.
     */
    private static void customers(NorceStore store, Job job, Instant now) {
        Set<String> fields = fieldsSet(job.header, "CustomerFieldsThatAreSet");
        rows:
        for (JsonNode row : job.rows) {
            String code = text(row, "Code");
            if (!row.isObject() || code == null || !sets(fields, row, "PriceLists")) {
                continue;
            }
            java.util.List<String> lists = new java.util.ArrayList<>();
            for (JsonNode list : field(row, "PriceLists")) {
                String listCode = text(list, "Code");
                if (listCode == null || store.priceList(listCode).isEmpty()) {
                    log(job, LogEntry.WARN, "Price list " + listCode + " does not exist; the row was ignored.", now,
                            row);
                    continue rows;
                }
                lists.add(listCode);
            }
            boolean known = store.customerPriceLists().containsKey(code);
            store.putCustomerPriceLists(code, lists);
            if (known) {
                job.updates++;
            } else {
                job.inserts++;
            }
        }
    }

    private static void skuPrices(NorceStore store, Job job, Instant now) {
        Set<String> fields = fieldsSet(job.header, "SkuPriceListFieldsThatAreSet");
        Set<String> skipWhenEmpty = NorceJson.orElse(
                fieldsSet(job.header, "IgnoreSkuPriceListFieldsWhenEmpty"), Set.of());
        Set<String> seen = new HashSet<>();
        Set<String> touchedLists = new HashSet<>();
        rows:
        for (JsonNode row : job.rows) {
            String partNo = text(row, "PartNo");
            String listCode = text(row, "PriceListCode");
            if (!row.isObject() || partNo == null) {
                continue;
            }
            if (listCode == null || store.priceList(listCode).isEmpty()) {
                log(job, LogEntry.WARN, "Price list " + listCode + " does not exist; the row was ignored.", now, row);
                continue;
            }
            if (store.sku(partNo).isEmpty()) {
                log(job, LogEntry.WARN, "SKU " + partNo + " does not exist; the row was ignored.", now, row);
                continue;
            }
            for (String name : new String[] {"PriceSale", "PricePrevious", "PriceRecommended", "CostPurchase"}) {
                if (skipWhenEmpty.contains(name.toLowerCase(Locale.ROOT)) && isEmpty(decimal(row, name))) {
                    log(job, LogEntry.INFO, name + " is empty; the row was skipped.", now, row);
                    continue rows;
                }
            }
            touchedLists.add(listCode);
            seen.add(listCode + "/" + partNo);
            SkuPrice old = store.price(listCode, partNo).orElse(null);
            store.putPrice(new SkuPrice(partNo, listCode, field(row, "QuantityBreak").asInt(1),
                    price(fields, row, "PriceSale", old == null ? null : old.priceSale()),
                    price(fields, row, "PricePrevious", old == null ? null : old.pricePrevious()),
                    price(fields, row, "PriceRecommended", old == null ? null : old.priceRecommended()),
                    price(fields, row, "CostPurchase", old == null ? null : old.costPurchase()),
                    active(fields, row, old),
                    now));
            if (old == null) {
                job.inserts++;
            } else {
                job.updates++;
            }
        }
        if (fullFile(job)) {
            for (String code : touchedLists) {
                for (SkuPrice p : store.prices(code)) {
                    if (p.isActive() && !seen.contains(code + "/" + p.partNo())) {
                        store.putPrice(new SkuPrice(p.partNo(), code, p.quantityBreak(), p.priceSale(), p.pricePrevious(),
                                p.priceRecommended(), p.costPurchase(), false, now));
                    }
                }
            }
        }
    }

    /**
     * A written PriceSale makes the row active (Norce's price training material); otherwise a listed, non-null
     * IsActive is written, and a null one ignored like any empty price-list value.
     */
    private static boolean active(Set<String> fields, JsonNode row, SkuPrice old) {
        if (sets(fields, row, "PriceSale") && !isEmpty(decimal(row, "PriceSale"))) {
            return true;
        }
        JsonNode active = field(row, "IsActive");
        return sets(fields, row, "IsActive") && active.isBoolean() ? active.asBoolean() : old == null || old.isActive();
    }

    /** Null or zero never overwrites a price (documented Connect behaviour). */
    private static BigDecimal price(Set<String> fields, JsonNode row, String name, BigDecimal old) {
        BigDecimal value = decimal(row, name);
        return sets(fields, row, name) && !isEmpty(value) ? value : old;
    }

    private static boolean isEmpty(BigDecimal value) {
        return value == null || value.signum() == 0;
    }

    private static void priceLists(NorceStore store, Job job, Instant now) {
        Set<String> fields = fieldsSet(job.header, "PriceListFieldsThatAreSet");
        Set<String> seen = new HashSet<>();
        for (JsonNode row : job.rows) {
            String code = text(row, "Code");
            if (!row.isObject() || code == null) {
                continue;
            }
            PriceList old = store.priceList(code).orElse(null);
            if (old == null && text(row, "CurrencyCode") == null) {
                job.fail++;
                log(job, LogEntry.ERROR, "Price list " + code + " needs a CurrencyCode to be created.", now, row);
                continue;
            }
            seen.add(code);
            store.putPriceList(new PriceList(store.priceListId(code), code,
                    old == null || sets(fields, row, "Name") ? NorceJson.orElse(text(row, "Name"), code) : old.name(),
                    old == null || sets(fields, row, "CurrencyCode") ? text(row, "CurrencyCode") : old.currencyCode(),
                    old == null || sets(fields, row, "IsPublic") ? field(row, "IsPublic").asBoolean(false) : old.isPublic(),
                    old == null || sets(fields, row, "IsPrimary") ? field(row, "IsPrimary").asBoolean(false)
                            : old.isPrimary(),
                    old == null || sets(fields, row, "SalesArea") ? (field(row, "SalesArea").canConvertToInt()
                            ? (Integer) field(row, "SalesArea").asInt() : null) : old.salesArea(),
                    true, now));
            if (old == null) {
                job.inserts++;
            } else {
                job.updates++;
            }
        }
        if (fullFile(job)) {
            for (PriceList p : store.priceLists()) {
                if (p.isActive() && !seen.contains(p.code())) {
                    store.putPriceList(new PriceList(p.id(), p.code(), p.name(), p.currencyCode(), p.isPublic(), p.isPrimary(),
                            p.salesArea(), false, now));
                }
            }
        }
    }

    private static void products(NorceStore store, Job job, Instant now, Map<String, String> rejectedPartNos) {
        Fields fields = new Fields(fieldsSet(job.header, "ProductFieldsThatAreSet"),
                fieldsSet(job.header, "ProductCultureFieldsThatAreSet"),
                fieldsSet(job.header, "VariantFieldsThatAreSet"), fieldsSet(job.header, "SkuFieldsThatAreSet"));
        Set<String> seen = new HashSet<>();
        for (JsonNode product : job.rows) {
            if (!product.isObject()) {
                continue;
            }
            String manufacturerCode = text(product, "ManufacturerCode");
            for (JsonNode variant : field(product, "Variants")) {
                String manufacturerPartNo = text(variant, "ManufacturerPartNo");
                for (JsonNode skuRow : field(variant, "Skus")) {
                    String partNo = text(skuRow, "PartNo");
                    if (partNo == null) {
                        job.fail++;
                        log(job, LogEntry.ERROR, "A SKU without PartNo cannot be imported.", now, product);
                        continue;
                    }
                    if (rejectedPartNos.containsKey(partNo)) {
                        job.fail++;
                        log(job, LogEntry.ERROR, rejectedPartNos.get(partNo), now, product);
                        continue;
                    }
                    Sku old = store.sku(partNo).orElse(null);
                    if (old == null && (manufacturerCode == null || manufacturerPartNo == null)) {
                        job.fail++;
                        log(job, LogEntry.ERROR, "Cannot create " + partNo
                                + ": ManufacturerCode and ManufacturerPartNo are required to create a product.", now,
                                product);
                        continue;
                    }
                    seen.add(partNo);
                    store.putSku(merge(store, old, product, variant, skuRow, fields, now));
                    if (old == null) {
                        job.inserts++;
                    } else {
                        job.updates++;
                    }
                }
            }
        }
        if (fullFile(job)) {
            store.selectSkus(s -> s.statusId() != 5 && !seen.contains(s.partNo()), null, 0, Integer.MAX_VALUE).rows()
                    .forEach(s -> store.putSku(new Sku(s.id(), s.productId(), s.partNo(), s.manufacturerCode(),
                            s.manufacturerPartNo(), s.productCode(), s.name(), 5, s.typeId(), s.eanCode(), s.vatRate(),
                            s.standardPrice(), s.created(), now)));
        }
    }

    /** The header's lists of one ProductHeader; each null when the header has none. */
    private record Fields(Set<String> product, Set<String> culture, Set<String> variant, Set<String> sku) {
    }

    /**
     * A new SKU takes what its rows carry. An existing one takes the listed fields: a SKU field only when the
     * product lists Variants and the variant lists Skus (the way down to it), the name only when the product lists
     * Cultures and the culture lists Name. A listed field the row lacks is cleared: SkuStatus and SkuType are
     * non-nullable enums and fall to 0, the rest to null.
     */
    private static Sku merge(NorceStore store, Sku old, JsonNode product, JsonNode variant, JsonNode row,
                             Fields fields, Instant now) {
        String partNo = text(row, "PartNo");
        if (old == null) {
            long id = store.allocateSkuId();
            BigDecimal price = decimal(field(row, "StandardPrice"), "PriceSale");
            if (!isEmpty(price)) {
                standardPrice(store, partNo, price, now);
            }
            return new Sku(id, id, partNo, text(product, "ManufacturerCode"), text(variant, "ManufacturerPartNo"),
                    NorceJson.orElse(text(product, "Code"), partNo), NorceJson.orElse(productName(product), partNo),
                    field(row, "Status").canConvertToInt() ? field(row, "Status").asInt() : 1,
                    field(row, "Type").canConvertToInt() ? field(row, "Type").asInt() : 1, text(row, "EanCode"),
                    vatRate(row), isEmpty(price) ? null : price, now, null);
        }
        boolean toSku = sets(fields.product(), product, "Variants") && sets(fields.variant(), variant, "Skus");
        boolean toName = sets(fields.product(), product, "Cultures") && sets(fields.culture(),
                first(field(product, "Cultures")), "Name");
        Set<String> sku = fields.sku();
        BigDecimal standardPrice = old.standardPrice();
        if (toSku && sets(sku, row, "StandardPrice")) {
            standardPrice = decimal(field(row, "StandardPrice"), "PriceSale");
            standardPrice(store, partNo, standardPrice, now);
        }
        return new Sku(old.id(), old.productId(), partNo, old.manufacturerCode(), old.manufacturerPartNo(),
                old.productCode(), toName ? productName(product) : old.name(),
                toSku && sets(sku, row, "Status") ? field(row, "Status").asInt(0) : old.statusId(),
                toSku && sets(sku, row, "Type") ? field(row, "Type").asInt(0) : old.typeId(),
                toSku && sets(sku, row, "EanCode") ? text(row, "EanCode") : old.eanCode(),
                toSku && (sets(sku, row, "VatRate") || sets(sku, row, "VatRates")) ? vatRate(row) : old.vatRate(),
                standardPrice, old.created(), now);
    }

    /**
     * The one price ImportProducts carries lands on the tenant's primary price list [SIM: Norce does not document
     * which list a SKU's StandardPrice is]; an empty one clears that row's price.
     */
    private static void standardPrice(NorceStore store, String partNo, BigDecimal price, Instant now) {
        store.priceLists().stream().filter(l -> l.isPrimary() && l.isActive())
                .min(java.util.Comparator.comparingInt(PriceList::id)).ifPresent(list -> {
                    SkuPrice old = store.price(list.code(), partNo).orElse(null);
                    store.putPrice(new SkuPrice(partNo, list.code(), 1, isEmpty(price) ? null : price,
                            old == null ? null : old.pricePrevious(), old == null ? null : old.priceRecommended(),
                            old == null ? null : old.costPurchase(), old == null || old.isActive(), now));
                });
    }

    private static JsonNode first(JsonNode array) {
        return array.isArray() && !array.isEmpty() ? array.get(0) : com.fasterxml.jackson.databind.node.MissingNode
                .getInstance();
    }

    /** Swedish sales area (1) first, as the demo shop sells from Sweden; otherwise the first rate given. */
    private static BigDecimal vatRate(JsonNode row) {
        BigDecimal first = null;
        for (JsonNode rate : field(row, "VatRates")) {
            if (field(rate, "SalesArea").asInt() == 1) {
                return decimal(rate, "Rate");
            }
            first = first == null ? decimal(rate, "Rate") : first;
        }
        return first != null ? first : decimal(row, "VatRate");
    }

    private static String productName(JsonNode product) {
        String fallback = null;
        for (JsonNode culture : field(product, "Cultures")) {
            if ("sv-SE".equalsIgnoreCase(text(culture, "CultureCode"))) {
                return text(culture, "Name");
            }
            fallback = fallback == null ? text(culture, "Name") : fallback;
        }
        return fallback != null ? fallback : text(product, "Name");
    }
}
