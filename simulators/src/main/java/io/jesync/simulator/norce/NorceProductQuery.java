package io.jesync.simulator.norce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;
import io.jesync.simulator.norce.NorceModel.PriceList;
import io.jesync.simulator.norce.NorceModel.Sku;
import io.jesync.simulator.norce.NorceModel.SkuPrice;
import io.jesync.simulator.norce.NorceStore.Page;

import static io.jesync.simulator.norce.NorceQueryApi.odataError;

/**
 * Query 2.0's catalogue sets: {@code Products/ProductSkus} (keyed by PartNo, with the {@code PriceLists}
 * navigation), {@code Products/ProductSkuPriceLists} and {@code Application/ClientPriceLists}, in the fields
 * Norce's Query documentation lists for them. {@code $select}, {@code $filter}, {@code $orderby} and
 * {@code $expand} name only those; anything else is answered 400, as an OData service answers it.
 */
final class NorceProductQuery {
    private static final String SKU_TYPE = "Enferno.Storm.Query.Api.DataContexts.ProductModel.ProductSku";
    private static final String PRICE_TYPE = "Enferno.Storm.Query.Api.DataContexts.ProductModel.ProductSkuPricelist";
    private static final String PRICE_LIST_TYPE =
            "Enferno.Storm.Query.Api.DataContexts.ApplicationModel.PriceListClient";

    private static final Map<String, Function<Sku, Object>> SKU = new LinkedHashMap<>();
    /** Per instance: the currency ids are the simulated tenant's, which a test may change. */
    private final Map<String, Function<PriceRow, Object>> priceProperties = new LinkedHashMap<>();
    private final Map<String, Function<PriceList, Object>> priceListProperties = new LinkedHashMap<>();

    /** One price row as Query keys it: by the price list's tenant id. */
    record PriceRow(SkuPrice price, PriceList list) {
    }

    static {
        SKU.put("PartNo", Sku::partNo);
        SKU.put("ProductId", Sku::productId);
        SKU.put("ClientId", s -> NorceStore.CLIENT_ID);
        SKU.put("StatusId", Sku::statusId);
        SKU.put("TypeId", Sku::typeId);
        SKU.put("ErpName", Sku::name);
        SKU.put("EanCode", Sku::eanCode);
        SKU.put("VatRate", Sku::vatRate);
        SKU.put("Created", Sku::created);
        SKU.put("Updated", Sku::updated);

    }

    private final NorceStore store;
    private final Supplier<String> baseUrl;

    NorceProductQuery(NorceStore store, Supplier<String> baseUrl, Supplier<NorceTenant> tenant) {
        this.store = store;
        this.baseUrl = baseUrl;
        priceProperties.put("PartNo", r -> r.price().partNo());
        priceProperties.put("PriceListId", r -> r.list().id());
        priceProperties.put("QtyBreak", r -> r.price().quantityBreak());
        priceProperties.put("ClientId", r -> NorceStore.CLIENT_ID);
        priceProperties.put("CurrencyId", r -> NorceTenant.id(tenant.get().currencies(), r.list().currencyCode()));
        priceProperties.put("PriceSale", r -> r.price().priceSale());
        priceProperties.put("CostPurchase", r -> r.price().costPurchase());
        priceProperties.put("PriceRecommended", r -> r.price().priceRecommended());
        priceProperties.put("PricePrevious", r -> r.price().pricePrevious());
        priceProperties.put("IsActive", r -> r.price().isActive());
        priceProperties.put("Updated", r -> r.price().updated());
        priceListProperties.put("PriceListId", PriceList::id);
        priceListProperties.put("ClientId", l -> NorceStore.CLIENT_ID);
        priceListProperties.put("Name", PriceList::name);
        priceListProperties.put("Agreement", PriceList::code);
        priceListProperties.put("CurrencyId", l -> NorceTenant.id(tenant.get().currencies(), l.currencyCode()));
        priceListProperties.put("IsPrimary", PriceList::isPrimary);
        priceListProperties.put("IsPublic", PriceList::isPublic);
        priceListProperties.put("IsActive", PriceList::isActive);
        priceListProperties.put("Updated", PriceList::updated);
    }

    SimResponse productSkus(SimRequest request) {
        Options<Sku> options = options(request, SKU, SKU_TYPE, "PartNo");
        Map<String, String> expand = expand(request.queryParam("$expand").orElse(null), Set.of("PriceLists"),
                SKU_TYPE);
        Options<PriceRow> priceOptions = expand.containsKey("PriceLists") ? nested(expand.get("PriceLists")) : null;
        String after = keysetStart(request.queryParam("$filter").orElse(null));
        Page<Sku> page = after != null && options.order() == null
                ? store.selectSkusAfter(after, options.skip(), options.top())
                : store.selectSkus(s -> options.filter().test(name -> SKU.get(name).apply(s)), options.order(),
                        options.skip(), options.top());
        ArrayNode rows = Json.array();
        for (Sku sku : page.rows()) {
            ObjectNode row = render(sku, SKU, options.select());
            if (priceOptions != null) {
                ArrayNode prices = row.putArray("PriceLists");
                for (PriceRow price : priceRows(sku.partNo())) {
                    if (priceOptions.filter().test(name -> priceProperties.get(name).apply(price))) {
                        prices.add(render(price, priceProperties, priceOptions.select()));
                    }
                }
            }
            rows.add(row);
        }
        return SimResponse.json(200, envelope(request, "Products", "ProductSkus", rows, options.skip(), page.hasMore()));
    }

    /** The PartNo of a plain keyset filter ({@code PartNo gt '…'}), which the store answers without a full scan. */
    private static String keysetStart(String filter) {
        java.util.regex.Matcher m = filter == null ? null
                : java.util.regex.Pattern.compile("\\s*PartNo gt '((?:[^']|'')*)'\\s*").matcher(filter);
        return m != null && m.matches() ? m.group(1).replace("''", "'") : null;
    }

    SimResponse productSkuPriceLists(SimRequest request) {
        Options<PriceRow> options = options(request, priceProperties, PRICE_TYPE, "PartNo");
        noExpand(request, PRICE_TYPE);
        List<PriceRow> all = new ArrayList<>();
        for (Sku sku : store.selectSkus(s -> true, null, 0, Integer.MAX_VALUE).rows()) {
            all.addAll(priceRows(sku.partNo()));
        }
        List<PriceRow> matching = all.stream().filter(r -> options.filter().test(name -> priceProperties.get(name).apply(r)))
                .sorted(options.order() != null ? options.order() : Comparator.comparing(r -> r.price().partNo()))
                .toList();
        return list(request, "Products", "ProductSkuPriceLists", matching, options, priceProperties);
    }

    SimResponse clientPriceLists(SimRequest request) {
        Options<PriceList> options = options(request, priceListProperties, PRICE_LIST_TYPE, "PriceListId");
        noExpand(request, PRICE_LIST_TYPE);
        List<PriceList> matching = store.priceLists().stream()
                .filter(l -> options.filter().test(name -> priceListProperties.get(name).apply(l)))
                .sorted(options.order() != null ? options.order() : Comparator.comparingInt(PriceList::id)).toList();
        return list(request, "Application", "ClientPriceLists", matching, options, priceListProperties);
    }

    private List<PriceRow> priceRows(String partNo) {
        List<PriceRow> rows = new ArrayList<>();
        for (PriceList list : store.priceLists()) {
            store.price(list.code(), partNo).ifPresent(p -> rows.add(new PriceRow(p, list)));
        }
        return rows;
    }

    private <T> SimResponse list(SimRequest request, String namespace, String set, List<T> matching,
                                 Options<T> options, Map<String, Function<T, Object>> properties) {
        int from = Math.min(options.skip(), matching.size());
        int to = Math.min(matching.size(), from + options.top());
        ArrayNode rows = Json.array();
        matching.subList(from, to).forEach(row -> rows.add(render(row, properties, options.select())));
        return SimResponse.json(200, envelope(request, namespace, set, rows, options.skip(), to < matching.size()));
    }

    private record Options<T>(ODataFilter.Predicate filter, Comparator<T> order, int skip, int top,
                              Set<String> select) {
    }

    private <T> Options<T> options(SimRequest request, Map<String, Function<T, Object>> properties, String type,
                                   String key) {
        return options(request.queryParam("$filter").orElse(null), request.queryParam("$select").orElse(null),
                request.queryParam("$orderby").orElse(null), ODataOptions.intOption(request, "$skip", 0),
                ODataOptions.top(request), properties, type, key);
    }

    private static <T> Options<T> options(String filterText, String selectText, String orderText, int skip, int top,
                                          Map<String, Function<T, Object>> properties, String type, String key) {
        ODataFilter.Predicate filter = ODataOptions.filter(filterText, properties.keySet(), " on type '" + type + "'.");
        Set<String> select = new LinkedHashSet<>();
        if (selectText != null && !selectText.isBlank()) {
            for (String name : selectText.split(",")) {
                String property = name.strip();
                if (!properties.containsKey(property)) {
                    throw unknownProperty(property, type);
                }
                select.add(property);
            }
        }
        Comparator<T> order = ODataOptions.orderBy(orderText, properties, key,
                part -> unknownProperty(part.split("\\s+")[0], type));
        return new Options<>(filter, order, skip, top, select);
    }

    /** The nested options of {@code PriceLists(...)}: {@code $filter} and {@code $select}, separated by {@code ;}. */
    private Options<PriceRow> nested(String text) {
        String filter = null;
        String select = null;
        for (String option : text.split(";")) {
            String trimmed = option.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String name = eq < 0 ? trimmed : trimmed.substring(0, eq).strip();
            String value = eq < 0 ? "" : trimmed.substring(eq + 1);
            switch (name) {
                case "$filter" -> filter = value;
                case "$select" -> select = value;
                default -> throw odataError(400, "The query specified in the URI is not valid. The option '" + name
                        + "' is not supported inside $expand here.");
            }
        }
        return options(filter, select, null, 0, Integer.MAX_VALUE, priceProperties, PRICE_TYPE, "PartNo");
    }

    private static Map<String, String> expand(String raw, Set<String> navigations, String type) {
        return ODataOptions.expand(raw, navigations, type, false);
    }

    private static void noExpand(SimRequest request, String type) {
        expand(request.queryParam("$expand").orElse(null), Set.of(), type);
    }

    private static <T> ObjectNode render(T row, Map<String, Function<T, Object>> properties, Set<String> select) {
        ObjectNode node = Json.object();
        for (Map.Entry<String, Function<T, Object>> property : properties.entrySet()) {
            if (select.isEmpty() || select.contains(property.getKey())) {
                node.set(property.getKey(), Json.MAPPER.valueToTree(value(property.getValue().apply(row))));
            }
        }
        return node;
    }

    private static Object value(Object value) {
        return value instanceof java.time.Instant instant ? NorceJson.time(instant) : value;
    }

    private static io.jesync.simulator.SimulatorException unknownProperty(String name, String type) {
        return odataError(400, "The query specified in the URI is not valid. Could not find a property named '"
                + name + "' on type '" + type + "'.");
    }

    private ObjectNode envelope(SimRequest request, String namespace, String set, ArrayNode rows, int skip,
                                boolean hasMore) {
        return ODataOptions.envelope(baseUrl.get(), request, namespace, set, rows, skip, hasMore);
    }
}
