package io.jesync.simulator.norce;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import io.jesync.simulator.SimulatorException;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceStore.Page;

/**
 * Query 2.0: read-only OData v4 over orders, with the subset of system query options a poller uses (the
 * catalogue sets are {@link NorceProductQuery}).
 * Pages are capped at 500 rows and continue through {@code @odata.nextLink} with a growing {@code $skip}.
 */
final class NorceQueryApi {
    static final String BASE = "/commerce/query/2.0";
    static final int MAX_PAGE = 500;

    private final Map<String, Function<Order, Object>> orderProperties = new LinkedHashMap<>();
    private static final Map<String, Function<NorceModel.Company, Object>> COMPANY_PROPERTIES = new LinkedHashMap<>();
    private static final Map<String, Function<Map.Entry<String, Integer>, Object>> LOOKUP_PROPERTIES =
            new LinkedHashMap<>();

    static {
        COMPANY_PROPERTIES.put("Id", NorceModel.Company::id);
        COMPANY_PROPERTIES.put("Code", NorceModel.Company::code);
        COMPANY_PROPERTIES.put("Name", NorceModel.Company::name);
        COMPANY_PROPERTIES.put("OrganizationNo", NorceModel.Company::organizationNo);
        COMPANY_PROPERTIES.put("VatNo", NorceModel.Company::vatNo);

        LOOKUP_PROPERTIES.put("Id", Map.Entry::getValue);
        LOOKUP_PROPERTIES.put("Code", Map.Entry::getKey);
        LOOKUP_PROPERTIES.put("DefaultName", Map.Entry::getKey);
    }

    private final NorceStore store;
    private final Supplier<String> baseUrl;
    private final Supplier<NorceTenant> tenant;

    NorceQueryApi(NorceStore store, Supplier<String> baseUrl, Supplier<NorceTenant> tenant) {
        this.store = store;
        this.baseUrl = baseUrl;
        this.tenant = tenant;
        orderProperties.put("Id", Order::id);
        orderProperties.put("ApplicationId", Order::applicationId);
        orderProperties.put("QuotationId", Order::quotationId);
        orderProperties.put("OrderNo", Order::orderNo);
        orderProperties.put("OrderDate", Order::orderDate);
        orderProperties.put("Created", Order::created);
        orderProperties.put("Updated", Order::updated);
        orderProperties.put("StatusId", Order::statusId);
        orderProperties.put("CurrencyId", o -> NorceTenant.id(tenant.get().currencies(), o.currencyCode()));
        orderProperties.put("PaymentMethodId", o -> NorceTenant.id(tenant.get().paymentMethods(),
                o.paymentMethodCode()));
        orderProperties.put("PaymentTerms", Order::paymentMethodCode);
        orderProperties.put("BuyerCustomerCode", Order::buyerCustomerCode);
        orderProperties.put("BuyerCompanyCode", Order::buyerCompanyCode);
        orderProperties.put("BuyerCompanyId", Order::buyerCompanyId);
        orderProperties.put("IsForgotten", Order::isForgotten);
    }

    SimResponse orders(SimRequest request) {
        requireApplication(request);
        Options<Order> options = options(request, orderProperties);
        Set<String> expand = expand(request, NorceQueryModel.ORDER_NAVIGATIONS, "Orders.Order");
        Set<String> select = select(request, NorceQueryModel.ORDER.keySet(), expand);
        Page<Order> page = store.selectOrders(o -> options.filter.test(name -> orderProperties.get(name).apply(o)),
                options.order, options.skip, options.top);
        ArrayNode rows = Json.array();
        page.rows().forEach(o -> rows.add(project(NorceJson.order(o, expand, tenant.get()), select)));
        return page(request, "Orders", "Orders", rows, options, page);
    }

    SimResponse companies(SimRequest request) {
        Options<NorceModel.Company> options = options(request, COMPANY_PROPERTIES);
        noExpand(request);
        Set<String> select = select(request, NorceQueryModel.COMPANY.keySet(), Set.of());
        List<NorceModel.Company> all = store.companies();
        Page<NorceModel.Company> page = NorceStore.page(all, c -> options.filter.test(
                name -> COMPANY_PROPERTIES.get(name).apply(c)), options.order, options.skip, options.top);
        ArrayNode rows = Json.array();
        page.rows().forEach(c -> rows.add(project(NorceJson.company(c), select)));
        return page(request, "Customers", "Companies", rows, options, page);
    }

    /**
     * A tenant-wide lookup set (Core/Currencies and the like). These sets have no ApplicationId, so a filter on it
     * is refused like any unknown property.
     */
    SimResponse lookups(SimRequest request, String namespace, String entitySet,
                        java.util.function.Function<NorceTenant, Map<String, Integer>> ids) {
        Options<Map.Entry<String, Integer>> options = options(request, LOOKUP_PROPERTIES);
        noExpand(request);
        Set<String> select = select(request, NorceQueryModel.LOOKUP.keySet(), Set.of());
        List<Map.Entry<String, Integer>> all = ids.apply(tenant.get()).entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).toList();
        Page<Map.Entry<String, Integer>> page = NorceStore.page(all, e -> options.filter.test(
                name -> LOOKUP_PROPERTIES.get(name).apply(e)), options.order, options.skip, options.top);
        ArrayNode rows = Json.array();
        page.rows().forEach(e -> rows.add(project(NorceJson.lookup(e.getValue(), e.getKey()), select)));
        return page(request, namespace, entitySet, rows, options, page);
    }

    private static void noExpand(SimRequest request) {
        request.queryParam("$expand").filter(e -> !e.isBlank()).ifPresent(e -> {
            throw odataError(400, "The query specified in the URI is not valid. Could not find a property named '"
                    + e.split("[(,]")[0].trim() + "' to expand.");
        });
    }

    /** Empty for no {@code $select}: every property. Unknown names are refused as OData does. */
    private static Set<String> select(SimRequest request, Set<String> properties, Set<String> expanded) {
        String raw = request.queryParam("$select").orElse("");
        Set<String> names = new HashSet<>();
        for (String part : raw.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!properties.contains(name)) {
                throw odataError(400, "The query specified in the URI is not valid. Could not find a property named '"
                        + name + "' on the entity type.");
            }
            names.add(name);
        }
        if (!names.isEmpty()) {
            names.addAll(expanded);
        }
        return names;
    }

    private static ObjectNode project(ObjectNode row, Set<String> select) {
        if (!select.isEmpty()) {
            row.retain(select);
        }
        return row;
    }

    private record Options<T>(ODataFilter.Predicate filter, Comparator<T> order, int skip, int top) {
    }

    private <T> Options<T> options(SimRequest request, Map<String, Function<T, Object>> properties) {
        ODataFilter.Predicate filter = ODataOptions.filter(request.queryParam("$filter").orElse(null),
                properties.keySet(), "");
        Comparator<T> order = ODataOptions.orderBy(request.queryParam("$orderby").orElse(null), properties, "Id",
                part -> odataError(400, "The query specified in the URI is not valid. Cannot order by '" + part + "'"));
        return new Options<>(filter, order, ODataOptions.intOption(request, "$skip", 0), ODataOptions.top(request));
    }

    private static Set<String> expand(SimRequest request, Set<String> navigations, String type) {
        return ODataOptions.expand(request.queryParam("$expand").orElse(null), navigations, type, true).keySet();
    }

    private SimResponse page(SimRequest request, String namespace, String entitySet, ArrayNode rows, Options<?> options,
                             Page<?> page) {
        return SimResponse.json(200, ODataOptions.envelope(baseUrl.get(), request, namespace, entitySet, rows,
                options.skip, page.hasMore()));
    }

    /** The header sets the application context but, as seen on real tenants, does not filter orders. */
    private void requireApplication(SimRequest request) {
        String header = request.header("applicationId").or(() -> request.header("application-id")).orElse(null);
        if (header == null) {
            throw odataError(400, "The applicationId header is required.");
        }
        int id;
        try {
            id = Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            throw odataError(400, "The applicationId header must be an integer.");
        }
        if (!store.isApplication(id)) {
            throw odataError(400, "Unknown application " + id + ".");
        }
    }

    static SimulatorException odataError(int status, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", "");
        error.put("message", message);
        return new SimulatorException(SimResponse.json(status, body));
    }
}
