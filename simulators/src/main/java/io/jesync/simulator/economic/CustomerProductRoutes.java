package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;

/** {@code /customers} and {@code /products}: full CRUD, PUT replaces and creates when absent. */
final class CustomerProductRoutes extends RouteSupport {
    static final Set<String> CUSTOMER_FILTERS = Set.of("address", "balance", "barred", "city",
            "corporateIdentificationNumber", "country", "creditLimit", "currency", "customerNumber", "ean", "email",
            "lastUpdated", "name", "publicEntryNumber", "telephoneAndFaxNumber", "vatNumber", "website", "zip",
            "pNumber");
    static final Set<String> PRODUCT_FILTERS = Set.of("barCode", "barred", "costPrice", "description", "lastUpdated",
            "name", "productGroup.productGroupNumber", "productNumber", "recommendedPrice", "salesPrice",
            "unit.unitNumber");

    CustomerProductRoutes(EconomicSimulator simulator) {
        super(simulator);
    }

    @Override
    void register() {
        simulator.api("GET", "/customers", this::listCustomers);
        simulator.api("GET", "/customers/{customerNumber}", request -> store.read(() ->
                SimResponse.json(200, renderCustomer(existingCustomer(request), balances()))));
        simulator.api("POST", "/customers", request -> saveCustomer(request, null));
        simulator.api("PUT", "/customers/{customerNumber}", request ->
                saveCustomer(request, pathNumber(request, "customerNumber", "Customer")));
        simulator.api("DELETE", "/customers/{customerNumber}", this::deleteCustomer);

        simulator.api("GET", "/products", this::listProducts);
        simulator.api("GET", "/products/{productNumber}", request -> store.read(() ->
                SimResponse.json(200, simulator.served(existingProduct(request)).toJson(store, baseUrl()))));
        simulator.api("POST", "/products", request -> saveProduct(request, null));
        simulator.api("PUT", "/products/{productNumber}", request ->
                saveProduct(request, EconomicPaths.decodeId(request.pathParam("productNumber"))));
        simulator.api("DELETE", "/products/{productNumber}", this::deleteProduct);
    }

    private SimResponse listCustomers(SimRequest request) {
        return store.read(() -> {
            CollectionQuery query = CollectionQuery.of(request, CUSTOMER_FILTERS, errors);
            Map<Integer, BigDecimal> balances = balances();
            Map<ObjectNode, ObjectNode> rendered = new IdentityHashMap<>();
            return SimResponse.json(200, query.page(new ArrayList<>(store.customers.values()),
                    c -> jsonFields(rendered.computeIfAbsent(c, k -> renderCustomer(k, balances))),
                    c -> rendered.computeIfAbsent(c, k -> renderCustomer(k, balances)), baseUrl() + "/customers"));
        });
    }

    private ObjectNode existingCustomer(SimRequest request) {
        ObjectNode customer = store.customers.get(pathNumber(request, "customerNumber", "Customer"));
        if (customer == null) {
            throw errors.missing("Customer " + request.pathParam("customerNumber"));
        }
        return customer;
    }

    /** The open amount per customer in base currency, from the booked invoices' remainders. */
    private Map<Integer, BigDecimal> balances() {
        Map<Integer, BigDecimal> balances = new HashMap<>();
        for (ObjectNode invoice : store.bookedInvoices.values()) {
            balances.merge(invoice.path("customer").path("customerNumber").asInt(),
                    invoice.path("remainderInBaseCurrency").decimalValue(), BigDecimal::add);
        }
        return balances;
    }

    private ObjectNode renderCustomer(ObjectNode stored, Map<Integer, BigDecimal> balances) {
        ObjectNode json = stored.deepCopy();
        BigDecimal balance = balances.getOrDefault(stored.path("customerNumber").asInt(), BigDecimal.ZERO);
        json.put("balance", balance.setScale(2, java.math.RoundingMode.HALF_UP));
        json.put("dueAmount", balance.setScale(2, java.math.RoundingMode.HALF_UP));
        return json;
    }

    private SimResponse saveCustomer(SimRequest request, Integer pathNumber) {
        ObjectNode body = validBody(request, EconomicModels.CUSTOMER);
        return store.write(() -> {
            ObjectNode problems = Json.object();
            if (!store.currencies.containsKey(body.path("currency").asText().toUpperCase(java.util.Locale.ROOT))) {
                problems.set("currency", EconomicErrors.leaf(EconomicErrors.NOT_FOUND, "currency does not exist.",
                        body.get("currency")));
            }
            Integer group = checkReference(problems, body, "customerGroup", "customerGroupNumber",
                    store.customerGroups, "Customer group");
            Integer terms = checkReference(problems, body, "paymentTerms", "paymentTermsNumber", store.paymentTerms,
                    "Payment terms");
            Integer zone = checkReference(problems, body, "vatZone", "vatZoneNumber", store.vatZones, "VAT zone");
            Integer layout = checkReference(problems, body, "layout", "layoutNumber", store.layouts, "Layout");
            int number;
            if (pathNumber != null) {
                number = pathNumber;
            } else if (body.has("customerNumber")) {
                number = body.get("customerNumber").asInt();
                if (store.customers.containsKey(number)) {
                    problems.set("customerNumber", EconomicErrors.leaf(EconomicErrors.CONFLICT,
                            "A customer with customerNumber " + number + " already exists.", IntNode.valueOf(number)));
                }
            } else {
                number = EconomicStore.nextNumber(store.customers);
            }
            if (!problems.isEmpty()) {
                throw errors.invalid(problems);
            }
            ObjectNode customer = (ObjectNode) EconomicModels.CUSTOMER.project(body);
            customer.put("customerNumber", number);
            customer.put("currency", body.path("currency").asText().toUpperCase(java.util.Locale.ROOT));
            canonicalReference(customer, "customerGroup", "customerGroupNumber", group, "customer-groups");
            canonicalReference(customer, "paymentTerms", "paymentTermsNumber", terms, "payment-terms");
            canonicalReference(customer, "vatZone", "vatZoneNumber", zone, "vat-zones");
            if (layout != null) {
                canonicalReference(customer, "layout", "layoutNumber", layout, "layouts");
            }
            if (!customer.path("barred").asBoolean()) {
                customer.remove("barred");
            }
            customer.put("lastUpdated", EconomicStore.timestamp(simulator.clock().instant()));
            customer.put("self", baseUrl() + "/customers/" + number);
            boolean existed = store.customers.put(number, customer) != null;
            ObjectNode rendered = renderCustomer(customer, balances());
            return existed ? SimResponse.json(200, rendered) : created(rendered);
        });
    }

    private SimResponse deleteCustomer(SimRequest request) {
        return store.write(() -> {
            ObjectNode customer = existingCustomer(request);
            int number = customer.path("customerNumber").asInt();
            boolean inUse = store.openDocuments().stream()
                    .anyMatch(d -> d.path("customer").path("customerNumber").asInt() == number);
            if (inUse) {
                throw new io.jesync.simulator.SimulatorException(errors.conflict("customerNumber",
                        "Customer " + number + " is used by a draft document and cannot be deleted.",
                        IntNode.valueOf(number)));
            }
            store.customers.remove(number);
            return SimResponse.empty(204);
        });
    }

    private SimResponse listProducts(SimRequest request) {
        return store.read(() -> {
            CollectionQuery query = CollectionQuery.of(request, PRODUCT_FILTERS, errors);
            return SimResponse.json(200, query.page(new ArrayList<>(store.products.values()), p -> p::field,
                    p -> simulator.served(p).toJson(store, baseUrl()), baseUrl() + "/products"));
        });
    }

    private EconomicProduct existingProduct(SimRequest request) {
        String number = EconomicPaths.decodeId(request.pathParam("productNumber"));
        EconomicProduct product = store.products.get(number);
        if (product == null) {
            throw errors.missing("Product '" + number + "'");
        }
        return product;
    }

    private SimResponse saveProduct(SimRequest request, String pathNumber) {
        ObjectNode body = validBody(request, EconomicModels.PRODUCT);
        return store.write(() -> {
            ObjectNode problems = Json.object();
            Integer group = checkReference(problems, body, "productGroup", "productGroupNumber", store.productGroups,
                    "Product group");
            Integer unit = checkReference(problems, body, "unit", "unitNumber", store.units, "Unit");
            String number = pathNumber != null ? pathNumber : body.path("productNumber").asText();
            if (pathNumber == null && store.products.containsKey(number)) {
                problems.set("productNumber", EconomicErrors.leaf(EconomicErrors.CONFLICT,
                        "A product with productNumber " + number + " already exists.", TextNode.valueOf(number)));
            }
            if (!problems.isEmpty()) {
                throw errors.invalid(problems);
            }
            Instant now = simulator.clock().instant();
            EconomicProduct previous = store.products.get(number);
            JsonNode inventory = body.path("inventory");
            EconomicProduct product = new EconomicProduct(number, body.path("name").asText(), group, unit,
                    decimal(body, "salesPrice"), decimal(body, "costPrice"), decimal(body, "recommendedPrice"),
                    text(body, "description"), text(body, "barCode"), body.path("barred").asBoolean(false),
                    previous == null ? BigDecimal.ZERO : previous.inStock(),
                    previous == null ? BigDecimal.ZERO : previous.orderedByCustomers(),
                    decimal(inventory, "packageVolume"), decimal(inventory, "recommendedCostPrice"), now,
                    previous == null ? now : previous.inventoryLastUpdated());
            store.putProduct(product);
            ObjectNode rendered = product.toJson(store, baseUrl());
            return previous != null ? SimResponse.json(200, rendered) : created(rendered);
        });
    }

    private SimResponse deleteProduct(SimRequest request) {
        return store.write(() -> {
            EconomicProduct product = existingProduct(request);
            boolean inUse = store.openDocuments().stream().flatMap(d -> java.util.stream.StreamSupport.stream(
                            d.path("lines").spliterator(), false))
                    .anyMatch(line -> product.productNumber().equals(line.path("product").path("productNumber").asText()));
            if (inUse) {
                throw new io.jesync.simulator.SimulatorException(errors.conflict("productNumber",
                        "Product " + product.productNumber() + " is used by a draft document and cannot be deleted.",
                        TextNode.valueOf(product.productNumber())));
            }
            store.products.remove(product.productNumber());
            return SimResponse.empty(204);
        });
    }

    private static BigDecimal decimal(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || !value.isNumber() ? null : value.decimalValue();
    }

    private static String text(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
