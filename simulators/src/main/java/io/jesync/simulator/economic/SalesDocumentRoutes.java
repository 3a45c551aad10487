package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;

/**
 * Draft invoices, booking, booked/paid/unpaid invoices and orders.
 * Draft invoices and orders share one model and one validation.
 */
final class SalesDocumentRoutes extends RouteSupport {
    private static final Set<String> COMMON_FILTERS = Set.of("currency", "customer.customerNumber", "date",
            "dueDate", "grossAmount", "netAmount", "notes.heading", "notes.textLine1", "notes.textLine2",
            "recipient.name", "references.other");
    static final Set<String> DRAFT_FILTERS = with(COMMON_FILTERS, "draftInvoiceNumber", "layout.layoutNumber",
            "paymentTerms.paymentTermsNumber");
    static final Set<String> BOOKED_FILTERS = with(COMMON_FILTERS, "bookedInvoiceNumber", "remainder",
            "paymentTerms.paymentTermsNumber");
    static final Set<String> ORDER_FILTERS = with(COMMON_FILTERS, "orderNumber");
    /** Collections with a DELETE route; booked invoices have none. */
    static final Set<String> DELETABLE = Set.of("invoices/drafts", "orders/drafts", "orders/sent");

    SalesDocumentRoutes(EconomicSimulator simulator) {
        super(simulator);
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    @Override
    void register() {
        simulator.api("POST", "/invoices/drafts", this::createDraftInvoice);
        listing("/invoices/drafts", store.draftInvoices, DRAFT_FILTERS, d -> true);
        single("/invoices/drafts/{number}", store.draftInvoices, "Draft invoice");
        simulator.api("PUT", "/invoices/drafts/{number}", request ->
                replace(request, store.draftInvoices, "draftInvoiceNumber", "invoices/drafts", "Draft invoice"));
        simulator.api("DELETE", "/invoices/drafts/{number}", this::deleteDraftInvoice);
        simulator.api("POST", "/invoices/drafts/{number}/lines", this::addLines);

        simulator.api("POST", "/invoices/booked", request -> book(request, null));
        simulator.api("PUT", "/invoices/booked/{number}", request ->
                book(request, pathNumber(request, "number", "Booked invoice")));
        listing("/invoices/booked", store.bookedInvoices, BOOKED_FILTERS, d -> true);
        single("/invoices/booked/{number}", store.bookedInvoices, "Booked invoice");
        listing("/invoices/paid", store.bookedInvoices, BOOKED_FILTERS, d -> d.path("remainder").decimalValue()
                .signum() == 0);
        listing("/invoices/unpaid", store.bookedInvoices, BOOKED_FILTERS, d -> d.path("remainder").decimalValue()
                .signum() != 0);

        simulator.api("POST", "/orders/drafts", this::createDraftOrder);
        listing("/orders/drafts", store.draftOrders, ORDER_FILTERS, d -> true);
        single("/orders/drafts/{number}", store.draftOrders, "Draft order");
        simulator.api("PUT", "/orders/drafts/{number}", request ->
                replace(request, store.draftOrders, "orderNumber", "orders/drafts", "Draft order"));
        simulator.api("DELETE", "/orders/drafts/{number}", request -> delete(request, "orders/drafts", "Draft order"));
        simulator.api("POST", "/orders/sent", this::markOrderSent);
        listing("/orders/sent", store.sentOrders, ORDER_FILTERS, d -> true);
        single("/orders/sent/{number}", store.sentOrders, "Sent order");
        simulator.api("DELETE", "/orders/sent/{number}", request -> delete(request, "orders/sent", "Sent order"));
        listing("/orders/archived", store.archivedOrders, ORDER_FILTERS, d -> true);
        single("/orders/archived/{number}", store.archivedOrders, "Archived order");
    }

    /** Collections list documents without their lines. */
    private void listing(String path, NavigableMap<Integer, ObjectNode> documents, Set<String> filterable,
                         Predicate<ObjectNode> include) {
        simulator.api("GET", path, request -> store.read(() -> {
            CollectionQuery query = CollectionQuery.of(request, filterable, errors);
            List<ObjectNode> items = new ArrayList<>();
            for (ObjectNode document : documents.values()) {
                if (include.test(document)) {
                    items.add(document);
                }
            }
            return SimResponse.json(200, query.page(items, RouteSupport::jsonFields, d -> {
                ObjectNode copy = d.deepCopy();
                copy.remove("lines");
                return copy;
            }, baseUrl() + path));
        }));
    }

    private void single(String template, NavigableMap<Integer, ObjectNode> documents, String label) {
        simulator.api("GET", template, request -> store.read(() ->
                SimResponse.json(200, existing(request, documents, label))));
    }

    private ObjectNode existing(SimRequest request, NavigableMap<Integer, ObjectNode> documents, String label) {
        ObjectNode document = documents.get(pathNumber(request, "number", label));
        if (document == null) {
            throw errors.missing(label + " " + request.pathParam("number"));
        }
        return document;
    }

    private SimResponse createDraftInvoice(SimRequest request) {
        ObjectNode body = validBody(request, EconomicModels.SALES_DOCUMENT);
        return store.write(() -> created(createDraftInvoice(body)));
    }

    /** Stores a validated draft-invoice body as POST /invoices/drafts does; call under the write lock. */
    ObjectNode createDraftInvoice(ObjectNode body) {
        ObjectNode document = buildDocument(body);
        int number = EconomicStore.nextNumber(store.draftInvoices);
        numberDocument(document, "draftInvoiceNumber", number, "invoices/drafts");
        store.draftInvoices.put(number, document);
        return document;
    }

    private SimResponse replace(SimRequest request, NavigableMap<Integer, ObjectNode> documents, String numberProperty,
                                String collection, String label) {
        ObjectNode body = objectBody(request);
        int number = pathNumber(request, "number", label);
        validate(EconomicModels.SALES_DOCUMENT, body, errors);
        return store.write(() -> {
            if (!documents.containsKey(number)) {
                throw errors.missing(label + " " + number);
            }
            ObjectNode document = buildDocument(body);
            numberDocument(document, numberProperty, number, collection);
            documents.put(number, document);
            return SimResponse.json(200, document);
        });
    }

    private SimResponse deleteDraftInvoice(SimRequest request) {
        return store.write(() -> {
            int number = pathNumber(request, "number", "Draft invoice");
            ObjectNode draft = remove("invoices/drafts", number);
            if (draft == null) {
                throw errors.missing("Draft invoice " + number);
            }
            ObjectNode body = Json.object();
            body.put("message", "Deleted invoice.");
            body.put("deletedCount", 1);
            ObjectNode item = body.putArray("deletedItems").addObject();
            item.put("draftInvoiceNumber", number);
            item.put("self", draft.path("self").asText());
            return SimResponse.json(200, body);
        });
    }

    private SimResponse delete(SimRequest request, String collection, String label) {
        return store.write(() -> {
            int number = pathNumber(request, "number", label);
            if (remove(collection, number) == null) {
                throw errors.missing(label + " " + number);
            }
            return SimResponse.empty(204);
        });
    }

    /** What DELETE does to one of the {@link #DELETABLE} collections, under the write lock; null when absent. */
    ObjectNode remove(String collection, int number) {
        if (!DELETABLE.contains(collection)) {
            throw new IllegalArgumentException(collection + " has no DELETE; booked invoices are credited instead");
        }
        return simulator.collection(collection).remove(number);
    }

    /** Appends lines to a draft invoice; the answer is the whole draft with new totals (guess: 201). */
    private SimResponse addLines(SimRequest request) {
        ObjectNode body = validBody(request, EconomicModels.LINES);
        return store.write(() -> {
            ObjectNode draft = existing(request, store.draftInvoices, "Draft invoice");
            ArrayNode problems = checkLines(body.path("lines"));
            if (!problems.isEmpty()) {
                ObjectNode tree = Json.object();
                tree.set("lines", problems);
                throw errors.invalid(tree);
            }
            ObjectNode updated = draft.deepCopy();
            ArrayNode lines = updated.withArray("lines");
            ArrayNode added = (ArrayNode) EconomicModels.LINES.project(body).path("lines");
            int next = lines.size();
            for (JsonNode line : added) {
                next++;
                lines.add(prepareLine((ObjectNode) line, next, updated));
            }
            DocumentTotals.apply(updated, store);
            store.draftInvoices.put(updated.path("draftInvoiceNumber").asInt(), updated);
            return created(updated);
        });
    }

    private SimResponse book(SimRequest request, Integer pathNumber) {
        ObjectNode body = validBody(request, EconomicModels.BOOKING);
        return store.write(() -> {
            ObjectNode problems = Json.object();
            Integer draftNumber = referencedNumber(body.get("draftInvoice"), "draftInvoiceNumber");
            ObjectNode draft = draftNumber == null ? null : store.draftInvoices.get(draftNumber);
            if (draftNumber == null) {
                problems.set("draftInvoice", EconomicErrors.leaf(EconomicErrors.NO_IDENTIFIER,
                        "draftInvoice must have draftInvoiceNumber or self.", null));
            } else if (draft == null) {
                problems.set("draftInvoice", EconomicErrors.leaf(EconomicErrors.NOT_FOUND,
                        "Draft invoice " + draftNumber + " does not exist.", IntNode.valueOf(draftNumber)));
            }
            Integer requested = pathNumber != null ? pathNumber
                    : body.has("bookWithNumber") ? Integer.valueOf(body.get("bookWithNumber").asInt()) : null;
            if (requested != null && store.bookedInvoices.containsKey(requested)) {
                problems.set("bookWithNumber", EconomicErrors.leaf(EconomicErrors.CONFLICT,
                        "An invoice with number " + requested + " is already booked.", IntNode.valueOf(requested)));
            }
            if (!problems.isEmpty()) {
                throw errors.invalid(problems);
            }
            ObjectNode booked = book(draftNumber, requested != null ? requested
                    : EconomicStore.nextNumber(store.bookedInvoices));
            return created(booked);
        });
    }

    /**
     * Books an existing draft under a free number, under the write lock: the draft disappears and the booked
     * invoice is open for its whole gross amount.
     */
    ObjectNode book(int draftNumber, int number) {
        ObjectNode draft = store.draftInvoices.remove(draftNumber);
        draft.remove("draftInvoiceNumber");
        ObjectNode numbered = Json.object();
        numbered.put("bookedInvoiceNumber", number);
        numbered.setAll(draft);
        numbered.put("remainder", numbered.path("grossAmount").decimalValue());
        numbered.put("remainderInBaseCurrency", numbered.path("grossAmountInBaseCurrency").decimalValue());
        numbered.putObject("pdf").put("download", baseUrl() + "/invoices/booked/" + number + "/pdf");
        numbered.put("self", baseUrl() + "/invoices/booked/" + number);
        store.bookedInvoices.put(number, numbered);
        if (store.inventoryModule()) {
            takeFromStock(numbered);
        }
        return numbered;
    }

    /** With the inventory module, a booked sale lowers stock, which also moves the product's lastUpdated. */
    private void takeFromStock(ObjectNode booked) {
        for (JsonNode line : booked.path("lines")) {
            EconomicProduct product = store.products.get(line.path("product").path("productNumber").asText());
            if (product != null) {
                store.putProduct(product.withStock(product.inStock().subtract(line.path("quantity").decimalValue()),
                        product.orderedByCustomers(), simulator.clock().instant()));
            }
        }
    }

    /** POST to /orders/drafts; a body carrying the number of a sent order moves it back to draft. */
    private SimResponse createDraftOrder(SimRequest request) {
        ObjectNode body = validBody(request, EconomicModels.SALES_DOCUMENT);
        return store.write(() -> {
            ObjectNode document = buildDocument(body);
            int requested = body.path("orderNumber").asInt(0);
            int number = store.sentOrders.containsKey(requested) ? requested
                    : EconomicStore.nextNumber(store.allOrders());
            store.sentOrders.remove(number);
            numberDocument(document, "orderNumber", number, "orders/drafts");
            store.draftOrders.put(number, document);
            return created(document);
        });
    }

    /** Marking as sent is a POST of the full order document to /orders/sent. */
    private SimResponse markOrderSent(SimRequest request) {
        ObjectNode body = validBody(request, EconomicModels.SALES_DOCUMENT);
        return store.write(() -> created(markOrderSent(body)));
    }

    /** Moves the draft order named by the validated body's orderNumber to sent; call under the write lock. */
    ObjectNode markOrderSent(ObjectNode body) {
        JsonNode orderNumber = body.get("orderNumber");
        if (orderNumber == null || !orderNumber.canConvertToInt()) {
            throw errors.invalid("orderNumber", EconomicErrors.REQUIRED, "orderNumber is required.", orderNumber);
        }
        int number = orderNumber.asInt();
        if (!store.draftOrders.containsKey(number)) {
            throw errors.invalid("orderNumber", EconomicErrors.NOT_FOUND,
                    "Draft order " + number + " does not exist.", orderNumber);
        }
        ObjectNode document = buildDocument(body);
        numberDocument(document, "orderNumber", number, "orders/sent");
        store.draftOrders.remove(number);
        store.sentOrders.put(number, document);
        return document;
    }

    private void numberDocument(ObjectNode document, String numberProperty, int number, String collection) {
        ObjectNode numbered = Json.object();
        numbered.put(numberProperty, number);
        numbered.setAll(document);
        document.removeAll();
        document.setAll(numbered);
        document.putObject("pdf").put("download", baseUrl() + "/" + collection + "/" + number + "/pdf");
        document.put("self", baseUrl() + "/" + collection + "/" + number);
    }

    /** Semantic checks after the structural ones, then the stored form with references, lines and totals. */
    private ObjectNode buildDocument(ObjectNode body) {
        ObjectNode problems = Json.object();
        String currencyCode = body.path("currency").asText().toUpperCase(Locale.ROOT);
        EconomicStore.Currency currency = store.currencies.get(currencyCode);
        if (currency == null) {
            problems.set("currency", EconomicErrors.leaf(EconomicErrors.NOT_FOUND, "currency does not exist.",
                    body.get("currency")));
        }
        Integer customer = checkReference(problems, body, "customer", "customerNumber", store.customers, "Customer");
        Integer layout = checkReference(problems, body, "layout", "layoutNumber", store.layouts, "Layout");
        Integer termsNumber = checkReference(problems, body, "paymentTerms", "paymentTermsNumber", store.paymentTerms,
                "Payment terms");
        EconomicStore.PaymentTerms terms = termsNumber == null ? null : store.paymentTerms.get(termsNumber);
        JsonNode sentType = body.path("paymentTerms").get("paymentTermsType");
        if (terms != null && sentType != null && !sentType.asText().equals(terms.paymentTermsType())) {
            problems.set("paymentTerms", EconomicErrors.leaf("E07180",
                    "paymentTermsType does not match the payment terms.", sentType));
        }
        if (terms != null && terms.paymentTermsType().equals("dueDate")) {
            checkDueDate(body, problems);
        }
        ObjectNode recipientProblems = Json.object();
        Integer zone = checkReference(recipientProblems, body.get("recipient"), "vatZone", "vatZoneNumber",
                store.vatZones, "VAT zone");
        if (!recipientProblems.isEmpty()) {
            problems.set("recipient", recipientProblems);
        }
        ArrayNode lineProblems = checkLines(body.path("lines"));
        if (!lineProblems.isEmpty()) {
            problems.set("lines", lineProblems);
        }
        if (!problems.isEmpty()) {
            throw errors.invalid(problems);
        }
        ObjectNode document = (ObjectNode) EconomicModels.SALES_DOCUMENT.project(body);
        document.put("currency", currencyCode);
        if (currencyCode.equals(EconomicStore.BASE_CURRENCY)) {
            document.put("exchangeRate", BigDecimal.valueOf(100));
        } else if (!document.has("exchangeRate")) {
            document.put("exchangeRate", currency.ratePer100());
        }
        document.put("dueDate", dueDate(LocalDate.parse(body.path("date").asText()), terms, body).toString());
        canonicalReference(document, "customer", "customerNumber", customer, "customers");
        canonicalReference(document, "layout", "layoutNumber", layout, "layouts");
        ObjectNode termsRef = canonicalReference(document, "paymentTerms", "paymentTermsNumber", termsNumber,
                "payment-terms");
        termsRef.put("name", terms.name());
        termsRef.put("paymentTermsType", terms.paymentTermsType());
        termsRef.put("daysOfCredit", terms.daysOfCredit());
        ObjectNode recipient = (ObjectNode) document.get("recipient");
        canonicalReference(recipient, "vatZone", "vatZoneNumber", zone, "vat-zones")
                .put("name", store.vatZones.get(zone).name());
        ArrayNode lines = Json.array();
        int lineNumber = 0;
        for (JsonNode line : document.path("lines")) {
            lineNumber++;
            lines.add(prepareLine((ObjectNode) line, lineNumber, document));
        }
        document.set("lines", lines);
        DocumentTotals.apply(document, store);
        return document;
    }

    private static void checkDueDate(ObjectNode body, ObjectNode problems) {
        if (!body.hasNonNull("dueDate")) {
            problems.set("dueDate", EconomicErrors.leaf("E04042",
                    "dueDate is required for payment terms of type dueDate.", null));
        } else if (LocalDate.parse(body.get("dueDate").asText()).isBefore(LocalDate.parse(body.get("date").asText()))) {
            problems.set("dueDate", EconomicErrors.leaf("E04760", "dueDate cannot be before date.", body.get("dueDate")));
        }
    }

    /** The due date follows from the payment terms; a sent dueDate only counts for type dueDate. */
    private static LocalDate dueDate(LocalDate date, EconomicStore.PaymentTerms terms, ObjectNode body) {
        return switch (terms.paymentTermsType()) {
            case "net" -> date.plusDays(terms.daysOfCredit());
            case "invoiceMonth" -> date.with(TemporalAdjusters.lastDayOfMonth()).plusDays(terms.daysOfCredit());
            case "dueDate" -> LocalDate.parse(body.get("dueDate").asText());
            default -> date;
        };
    }

    /** e-conomic's line rules for drafts: a product needs quantity and description, a priced line needs a product. */
    private ArrayNode checkLines(JsonNode lines) {
        ArrayNode problems = Json.array();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            ObjectNode lineProblems = Json.object();
            JsonNode product = line.get("product");
            if (product != null) {
                String productNumber = productNumber(product);
                if (productNumber == null) {
                    lineProblems.set("product", EconomicErrors.leaf(EconomicErrors.NO_IDENTIFIER,
                            "product must have productNumber or self.", null));
                } else if (!store.products.containsKey(productNumber)) {
                    lineProblems.set("product", EconomicErrors.leaf(EconomicErrors.NOT_FOUND,
                            "Product '" + productNumber + "' does not exist.", product.get("productNumber")));
                }
                if (!line.has("quantity")) {
                    lineProblems.set("quantity", EconomicErrors.leaf(EconomicErrors.LINE_NEEDS_PRODUCT_AND_QUANTITY,
                            "quantity is required when product is set.", null));
                }
                if (!line.has("description")) {
                    lineProblems.set("description", EconomicErrors.leaf(EconomicErrors.REQUIRED,
                            "description is required when product is set.", null));
                }
            } else if (line.has("quantity") || line.has("unitNetPrice")) {
                lineProblems.set("product", EconomicErrors.leaf(EconomicErrors.LINE_NEEDS_PRODUCT_AND_QUANTITY,
                        "A line with quantity or unitNetPrice needs a product.", null));
            }
            checkReference(lineProblems, line, "unit", "unitNumber", store.units, "Unit");
            if (!lineProblems.isEmpty()) {
                ObjectNode indexed = problems.addObject();
                indexed.put("arrayIndex", i);
                indexed.setAll(lineProblems);
            }
        }
        return problems;
    }

    private static String productNumber(JsonNode product) {
        if (product.hasNonNull("productNumber")) {
            return product.get("productNumber").asText();
        }
        String self = product.path("self").asText("");
        String last = self.substring(self.lastIndexOf('/') + 1);
        return last.isEmpty() ? null : EconomicPaths.decodeId(java.net.URLDecoder.decode(last,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Numbers the line, canonicalises its references and fills the product's defaults: the base-currency
     * sales price converted at the document's rate, and the cost price.
     */
    private ObjectNode prepareLine(ObjectNode line, int lineNumber, ObjectNode document) {
        ObjectNode prepared = Json.object();
        // Put first so the numbers lead the JSON; the server's lineNumber wins over a sent one.
        prepared.put("lineNumber", lineNumber);
        prepared.put("sortKey", line.path("sortKey").asInt(lineNumber));
        prepared.setAll(line);
        prepared.put("lineNumber", lineNumber);
        if (line.has("product")) {
            String productNumber = productNumber(line.get("product"));
            EconomicProduct product = store.products.get(productNumber);
            ObjectNode reference = prepared.putObject("product");
            reference.put("productNumber", productNumber);
            reference.put("self", baseUrl() + "/products/" + EconomicPaths.encodeId(productNumber));
            if (!line.has("unitNetPrice") && product.salesPrice() != null) {
                BigDecimal rate = document.path("exchangeRate").decimalValue();
                prepared.put("unitNetPrice", DocumentTotals.money(product.salesPrice().multiply(BigDecimal.valueOf(100))
                        .divide(rate, 6, java.math.RoundingMode.HALF_UP)));
            }
            if (!line.has("unitCostPrice") && product.costPrice() != null) {
                prepared.put("unitCostPrice", product.costPrice());
            }
            if (!line.has("unit") && product.unitNumber() != null) {
                canonicalReference(prepared, "unit", "unitNumber", product.unitNumber(), "units");
            }
        }
        if (line.has("unit")) {
            canonicalReference(prepared, "unit", "unitNumber", referencedNumber(line.get("unit"), "unitNumber"), "units");
        }
        return prepared;
    }
}
