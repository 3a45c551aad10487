package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;
import io.jesync.simulator.SimulatorException;

/** The {@code /_sim/economic/} views and switches, mirroring the Java methods of {@link EconomicSimulator}. */
final class EconomicControlRoutes {
    private final EconomicSimulator simulator;

    EconomicControlRoutes(EconomicSimulator simulator) {
        this.simulator = simulator;
    }

    void register() {
        simulator.control("GET", "documents", request -> SimResponse.json(200, documents()));
        simulator.control("GET", "documents/{kind}/{state}/{number}", request -> guarded(() -> {
            String collection = request.pathParam("kind") + "/" + request.pathParam("state");
            return simulator.document(collection, Integer.parseInt(request.pathParam("number")))
                    .map(d -> SimResponse.json(200, d))
                    .orElseGet(() -> problem(404, "no document " + collection + "/" + request.pathParam("number")));
        }));
        simulator.control("DELETE", "documents/{kind}/{state}/{number}", request -> guarded(() -> {
            simulator.deleteDraft(request.pathParam("kind") + "/" + request.pathParam("state"), number(request));
            return SimResponse.empty(204);
        }));
        simulator.control("POST", "documents/{kind}/{state}/{number}/note", request -> guarded(() ->
                SimResponse.json(200, simulator.addNote(request.pathParam("kind") + "/" + request.pathParam("state"),
                        number(request), body(request).path("text").asText()))));
        simulator.control("GET", "documents/by-reference", request -> guarded(() -> {
            String other = request.queryParam("other")
                    .orElseThrow(() -> new IllegalArgumentException("the query parameter other is required"));
            return SimResponse.json(200, Json.MAPPER.valueToTree(simulator.documentsByReference(other)));
        }));
        simulator.control("GET", "customers", request -> SimResponse.json(200, Json.MAPPER.valueToTree(
                simulator.customers())));
        simulator.control("PUT", "customers/{number}/price-group", request -> guarded(() -> {
            JsonNode group = body(request).path("priceGroupNumber");
            simulator.setCustomerPriceGroup(Integer.parseInt(request.pathParam("number")),
                    group.canConvertToInt() ? group.asInt() : null);
            return SimResponse.empty(204);
        }));
        simulator.control("GET", "products", request -> guarded(() -> products(request)));
        simulator.control("PUT", "products/{productNumber}/stock", request -> guarded(() -> {
            JsonNode body = body(request);
            String productNumber = request.pathParam("productNumber");
            EconomicProduct product = body.has("orderedByCustomers")
                    ? simulator.setStock(productNumber, decimal(body, "inStock"), decimal(body, "orderedByCustomers"))
                    : simulator.setStock(productNumber, decimal(body, "inStock"));
            return SimResponse.json(200, product(product));
        }));
        simulator.control("PUT", "products/{productNumber}/price", request -> guarded(() -> SimResponse.json(200,
                product(simulator.setSalesPrice(request.pathParam("productNumber"),
                        decimal(body(request), "salesPrice"))))));
        simulator.control("PUT", "products/{productNumber}/currency-prices/{currency}", request -> guarded(() -> {
            simulator.setCurrencyPrice(request.pathParam("productNumber"), request.pathParam("currency"),
                    decimal(body(request), "price"));
            return SimResponse.empty(204);
        }));
        simulator.control("PUT", "pricegroups/{number}", request -> guarded(() -> {
            simulator.addPriceGroup(Integer.parseInt(request.pathParam("number")),
                    body(request).path("name").asText("Price group " + request.pathParam("number")));
            return SimResponse.empty(204);
        }));
        simulator.control("PUT", "pricegroups/{number}/specialprices/{productNumber}", request -> guarded(() -> {
            JsonNode body = body(request);
            int number = simulator.setSpecialPrice(Integer.parseInt(request.pathParam("number")),
                    request.pathParam("productNumber"),
                    body.path("salesPriceBaseCurrency").isNumber() ? body.get("salesPriceBaseCurrency").decimalValue() : null,
                    body.path("discountPercentage").isNumber() ? body.get("discountPercentage").decimalValue() : null);
            return SimResponse.json(200, Json.object().put("number", number));
        }));
        simulator.control("DELETE", "pricegroups/{number}/specialprices/{productNumber}", request -> guarded(() -> {
            simulator.setSpecialPrice(Integer.parseInt(request.pathParam("number")),
                    request.pathParam("productNumber"), null, null);
            return SimResponse.empty(204);
        }));
        simulator.control("PUT", "stale-reads", request -> guarded(() -> {
            JsonNode body = body(request);
            simulator.staleReads(body.path("rate").asDouble(0), body.path("seed").asLong(0));
            return SimResponse.empty(204);
        }));
        simulator.control("GET", "inventory-module", request -> SimResponse.json(200, inventoryModule()));
        simulator.control("PUT", "inventory-module", request -> {
            simulator.setInventoryModule(body(request).path("enabled").asBoolean());
            return SimResponse.json(200, inventoryModule());
        });
        simulator.control("GET", "budget", request -> SimResponse.json(200, budget()));
        simulator.control("PUT", "budget", request -> guarded(() -> {
            JsonNode body = body(request);
            simulator.budget().configure(body.path("capacity").asInt(EconomicSimulator.DEFAULT_BUCKET_SIZE),
                    Duration.ofSeconds(body.path("windowSeconds").asLong(60)));
            return SimResponse.json(200, budget());
        }));
        simulator.control("POST", "invoices/booked/{number}/payments", request -> guarded(() ->
                SimResponse.json(200, simulator.registerPayment(Integer.parseInt(request.pathParam("number")),
                        decimal(body(request), "amount")))));
        simulator.control("POST", "invoices/booked/{number}/credit", request -> guarded(() ->
                SimResponse.json(200, simulator.creditInvoice(number(request), creditLines(body(request))))));
        simulator.control("POST", "journals/{number}/book", request -> guarded(() -> SimResponse.json(200,
                Json.object().put("booked", simulator.bookJournal(Integer.parseInt(request.pathParam("number")))))));
        simulator.control("POST", "invoices/drafts/{number}/book", request -> guarded(() ->
                SimResponse.json(200, simulator.bookDraft(number(request)))));
        simulator.control("POST", "orders/drafts/{number}/send", request -> guarded(() ->
                SimResponse.json(200, simulator.markOrderSent(number(request)))));
        simulator.control("POST", "orders/sent/{number}/archive", request -> guarded(() -> {
            EconomicSimulator.Upgrade upgrade = simulator.archiveSentOrder(number(request));
            ObjectNode json = Json.object();
            json.set("archivedOrder", upgrade.archivedOrder());
            json.set("draftInvoice", upgrade.draftInvoice());
            return SimResponse.json(200, json);
        }));
        simulator.control("POST", "seed/articles", request -> guarded(() -> {
            JsonNode body = body(request);
            simulator.seedGeneratedArticles(body.path("count").asInt(), body.path("seed").asLong(1L));
            return SimResponse.json(200, Json.object().put("products", simulator.productCount()));
        }));
        simulator.control("POST", "reset", request -> {
            simulator.reset();
            return SimResponse.json(200, Json.object().put("products", simulator.productCount()));
        });
    }

    private static int number(SimRequest request) {
        return Integer.parseInt(request.pathParam("number"));
    }

    /** {@code {"lines": [{"lineNumber": 1, "quantity": 1}]}} credits those lines; no lines credits them all. */
    private static Optional<List<EconomicSimulator.CreditLine>> creditLines(JsonNode body) {
        if (!body.has("lines")) {
            return Optional.empty();
        }
        List<EconomicSimulator.CreditLine> lines = new ArrayList<>();
        for (JsonNode line : body.get("lines")) {
            if (!line.path("lineNumber").canConvertToInt()) {
                throw new IllegalArgumentException("lineNumber must be a number");
            }
            lines.add(new EconomicSimulator.CreditLine(line.get("lineNumber").asInt(), decimal(line, "quantity")));
        }
        return Optional.of(lines);
    }

    private ObjectNode documents() {
        ObjectNode all = Json.object();
        for (Map.Entry<String, List<EconomicSimulator.DocumentView>> entry : simulator.documents().entrySet()) {
            all.set(entry.getKey(), Json.MAPPER.valueToTree(entry.getValue()));
        }
        return all;
    }

    /** Products with stock; {@code offset}/{@code limit} page through large catalogues. */
    private SimResponse products(SimRequest request) {
        int offset = request.queryParam("offset").map(Integer::parseInt).orElse(0);
        int limit = request.queryParam("limit").map(Integer::parseInt).orElse(1000);
        List<EconomicProduct> all = simulator.products();
        ArrayNode items = Json.array();
        for (EconomicProduct product : all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit))) {
            items.add(product(product));
        }
        ObjectNode page = Json.object();
        page.put("total", all.size());
        page.set("products", items);
        return SimResponse.json(200, page);
    }

    private static ObjectNode product(EconomicProduct product) {
        ObjectNode json = Json.object();
        json.put("productNumber", product.productNumber());
        json.put("name", product.name());
        json.put("inStock", product.inStock());
        json.put("orderedByCustomers", product.orderedByCustomers());
        json.put("available", product.available());
        json.put("lastUpdated", EconomicStore.timestamp(product.lastUpdated()));
        return json;
    }

    private ObjectNode inventoryModule() {
        return Json.object().put("enabled", simulator.inventoryModule());
    }

    private ObjectNode budget() {
        ObjectNode json = Json.object();
        json.put("capacity", simulator.budget().capacity());
        json.put("windowSeconds", simulator.budget().window().toSeconds());
        json.put("used", simulator.budget().used());
        json.put("callsToday", simulator.callsToday());
        return json;
    }

    private static JsonNode body(SimRequest request) {
        JsonNode body = request.json();
        return body == null ? Json.object() : body;
    }

    private static BigDecimal decimal(JsonNode body, String name) {
        if (!body.path(name).isNumber()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return body.get(name).decimalValue();
    }

    /** Turns a bad control request (unknown entity, non-numeric input) into a plain 400, not a dropped connection. */
    private static SimResponse guarded(java.util.function.Supplier<SimResponse> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new SimulatorException(problem(400, e.getMessage()));
        }
    }

    private static SimResponse problem(int status, String message) {
        return SimResponse.json(status, Json.object().put("message", message));
    }
}
