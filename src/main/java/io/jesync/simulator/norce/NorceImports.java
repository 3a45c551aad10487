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
 * warning, as the Connect docs say. {@code ...FieldsThatAreSet} limits which fields change on existing records;
 * without it every field present in the row is set. {@code FullFile} deactivates records the file left out.
 */
final class NorceImports {
    /** SkuOnhandField enum values, for headers that send the numbers instead of the names. */
    private static final Map<Integer, String> ONHAND_FIELD_IDS = Map.of(3, "OnhandValue", 4, "IncomingValue",
            5, "NextDeliveryDate", 6, "LeadTimeDayCount", 10, "IsActive");

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

    /** The header's field list in lower case, or null when absent (then every field present in a row counts). */
    private static Set<String> fieldsSet(JsonNode header, String name, Map<Integer, String> ids) {
        JsonNode list = field(header, name);
        if (!list.isArray()) {
            return null;
        }
        Set<String> fields = new HashSet<>();
        for (JsonNode f : list) {
            String fieldName = f.isIntegralNumber() && ids != null ? ids.getOrDefault(f.asInt(), "") : f.asText();
            fields.add(fieldName.toLowerCase(Locale.ROOT));
        }
        return fields;
    }

    private static boolean sets(Set<String> fields, JsonNode row, String name) {
        if (fields != null) {
            return fields.contains(name.toLowerCase(Locale.ROOT));
        }
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
        Set<String> fields = fieldsSet(job.header, "SkuOnhandFieldsThatAreSet", ONHAND_FIELD_IDS);
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
            BigDecimal onhandValue = sets(fields, row, "OnhandValue") ? decimal(row, "OnhandValue")
                    : old == null ? BigDecimal.ZERO : old.onhandValue();
            BigDecimal incoming = sets(fields, row, "IncomingValue") ? decimal(row, "IncomingValue")
                    : old == null ? BigDecimal.ZERO : old.incomingValue();
            String nextDelivery = sets(fields, row, "NextDeliveryDate") ? text(row, "NextDeliveryDate")
                    : old == null ? null : old.nextDeliveryDate();
            Integer leadTime = sets(fields, row, "LeadTimeDayCount") ? (Integer) field(row, "LeadTimeDayCount").asInt()
                    : old == null ? null : old.leadTimeDayCount();
            boolean active = sets(fields, row, "IsActive") ? field(row, "IsActive").asBoolean(true)
                    : old == null || old.isActive();
            store.putOnhand(new Onhand(partNo, warehouse, location, onhandValue, incoming, nextDelivery, leadTime,
                    active, now));
            if (old == null) {
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

    /**
     * Only what the runtime sends is simulated: a customer's price lists (CustomerField PriceLists). The customer is
     * matched by Code; the list replaces the customer's lists [SIM: Norce does not document whether an import
     * replaces or adds, and the runtime always sends the whole set]. A row naming a price list that does not exist is
     * ignored with a warning, like price rows.
     */
    private static void customers(NorceStore store, Job job, Instant now) {
        Set<String> fields = fieldsSet(job.header, "CustomerFieldsThatAreSet", null);
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
        Set<String> fields = fieldsSet(job.header, "SkuPriceListFieldsThatAreSet", null);
        Set<String> skipWhenEmpty = NorceJson.orElse(
                fieldsSet(job.header, "IgnoreSkuPriceListFieldsWhenEmpty", null), Set.of());
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
                    sets(fields, row, "IsActive") ? field(row, "IsActive").asBoolean(true) : old == null || old.isActive(),
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

    /** Null or zero never overwrites a price (documented Connect behaviour). */
    private static BigDecimal price(Set<String> fields, JsonNode row, String name, BigDecimal old) {
        BigDecimal value = decimal(row, name);
        return sets(fields, row, name) && !isEmpty(value) ? value : old;
    }

    private static boolean isEmpty(BigDecimal value) {
        return value == null || value.signum() == 0;
    }

    private static void priceLists(NorceStore store, Job job, Instant now) {
        Set<String> fields = fieldsSet(job.header, "PriceListFieldsThatAreSet", null);
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
            store.putPriceList(new PriceList(code,
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
                    store.putPriceList(new PriceList(p.code(), p.name(), p.currencyCode(), p.isPublic(), p.isPrimary(),
                            p.salesArea(), false, now));
                }
            }
        }
    }

    private static void products(NorceStore store, Job job, Instant now, Map<String, String> rejectedPartNos) {
        Set<String> skuFields = fieldsSet(job.header, "SkuFieldsThatAreSet", null);
        Set<String> cultureFields = fieldsSet(job.header, "ProductCultureFieldsThatAreSet", null);
        Set<String> seen = new HashSet<>();
        for (JsonNode product : job.rows) {
            if (!product.isObject()) {
                continue;
            }
            String manufacturerCode = text(product, "ManufacturerCode");
            String name = productName(product);
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
                    store.putSku(merge(store, old, skuRow, skuFields, cultureFields, manufacturerCode,
                            manufacturerPartNo, text(product, "Code"), name, now));
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

    private static Sku merge(NorceStore store, Sku old, JsonNode row, Set<String> skuFields, Set<String> cultureFields,
                             String manufacturerCode, String manufacturerPartNo, String productCode, String name,
                             Instant now) {
        long id = old != null ? old.id() : store.allocateSkuId();
        boolean create = old == null;
        BigDecimal vatRate = vatRate(row);
        BigDecimal standardPrice = decimal(field(row, "StandardPrice"), "PriceSale");
        boolean setPrice = (create || sets(skuFields, row, "StandardPrice")) && !isEmpty(standardPrice);
        if (setPrice) {
            // The one price ImportProducts carries lands on the primary SEK list as well as on the SKU.
            store.putPrice(new SkuPrice(text(row, "PartNo"), NorceStore.PRICE_LIST_SE_B2C, 1,
                    standardPrice, null, null, null, true, now));
        }
        boolean setName = create || cultureFields == null || cultureFields.contains("name");
        return new Sku(id, create ? id : old.productId(), text(row, "PartNo"),
                create ? manufacturerCode : NorceJson.orElse(manufacturerCode, old.manufacturerCode()),
                create ? manufacturerPartNo : NorceJson.orElse(manufacturerPartNo, old.manufacturerPartNo()),
                create ? NorceJson.orElse(productCode, text(row, "PartNo")) : old.productCode(),
                setName && name != null ? name : (create ? text(row, "PartNo") : old.name()),
                (create || sets(skuFields, row, "Status")) && field(row, "Status").canConvertToInt()
                        ? field(row, "Status").asInt() : (create ? 1 : old.statusId()),
                (create || sets(skuFields, row, "Type")) && field(row, "Type").canConvertToInt()
                        ? field(row, "Type").asInt() : (create ? 1 : old.typeId()),
                create || sets(skuFields, row, "EanCode") ? text(row, "EanCode") : old.eanCode(),
                (create || sets(skuFields, row, "VatRate") || sets(skuFields, row, "VatRates")) && vatRate != null
                        ? vatRate : (create ? null : old.vatRate()),
                setPrice ? standardPrice : (create ? null : old.standardPrice()),
                create ? now : old.created(), now);
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
