package io.jesync.simulator.economic;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;

/** What the route groups of the simulator share: the store, error shapes, links and reference checks. */
abstract class RouteSupport {
    protected final EconomicSimulator simulator;
    protected final EconomicStore store;
    protected final EconomicErrors errors;

    RouteSupport(EconomicSimulator simulator) {
        this.simulator = simulator;
        this.store = simulator.store();
        this.errors = simulator.errors();
    }

    abstract void register();

    protected String baseUrl() {
        return simulator.baseUrl();
    }

    /** The request body as a JSON object; anything else is a validation error on the whole body. */
    protected ObjectNode objectBody(SimRequest request) {
        JsonNode body = request.json();
        if (body == null || !body.isObject()) {
            throw errors.invalid("body", EconomicErrors.WRONG_TYPE, "The request body must be a JSON object.", null);
        }
        return (ObjectNode) body;
    }

    /** The request body as a JSON object that passes {@code rule}; anything else is answered with its errors. */
    protected ObjectNode validBody(SimRequest request, FieldRule rule) {
        ObjectNode body = objectBody(request);
        validate(rule, body, errors);
        return body;
    }

    protected static void validate(FieldRule rule, JsonNode body, EconomicErrors errors) {
        ObjectNode tree = rule.check(body);
        if (!tree.isEmpty()) {
            throw errors.invalid(tree);
        }
    }

    protected int pathNumber(SimRequest request, String name, String what) {
        try {
            return Integer.parseInt(request.pathParam(name));
        } catch (NumberFormatException e) {
            throw errors.missing(what + " '" + request.pathParam(name) + "'");
        }
    }

    /**
     * The number of a reference given as {@code {"xNumber": n}} or {@code {"self": ".../n"}}, or null when it
     * has neither (E04500).
     */
    static Integer referencedNumber(JsonNode reference, String numberProperty) {
        if (reference == null || !reference.isObject()) {
            return null;
        }
        if (reference.hasNonNull(numberProperty)) {
            return reference.get(numberProperty).asInt();
        }
        String self = reference.path("self").asText("");
        String last = self.substring(self.lastIndexOf('/') + 1);
        try {
            return last.isEmpty() ? null : Integer.valueOf(last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Checks that a reference resolves to an existing entity, recording E04500 / E06000 under {@code property}.
     * Returns the number, or null when there is no such reference or it failed.
     */
    static Integer checkReference(ObjectNode tree, JsonNode parent, String property, String numberProperty,
                                  Map<Integer, ?> existing, String label) {
        JsonNode reference = parent.get(property);
        if (reference == null) {
            return null;
        }
        Integer number = referencedNumber(reference, numberProperty);
        if (number == null) {
            tree.set(property, EconomicErrors.leaf(EconomicErrors.NO_IDENTIFIER,
                    property + " must have " + numberProperty + " or self.", null));
            return null;
        }
        if (!existing.containsKey(number)) {
            tree.set(property, EconomicErrors.leaf(EconomicErrors.NOT_FOUND, label + " " + number + " does not exist.",
                    IntNode.valueOf(number)));
            return null;
        }
        return number;
    }

    /** Replaces a reference by its canonical form {@code {numberProperty: n, self: url}}. */
    protected ObjectNode canonicalReference(ObjectNode parent, String property, String numberProperty, int number,
                                            String collection) {
        ObjectNode reference = numbered(collection, numberProperty, number, json -> { });
        parent.set(property, reference);
        return reference;
    }

    /**
     * A member of a numbered collection in the order e-conomic writes it: the number, what {@code fields} adds, and
     * the {@code self} link last.
     */
    protected ObjectNode numbered(String collection, String numberProperty, int number, Consumer<ObjectNode> fields) {
        ObjectNode json = Json.object();
        json.put(numberProperty, number);
        fields.accept(json);
        json.put("self", baseUrl() + "/" + collection + "/" + number);
        return json;
    }

    /** Property lookup by dotted name in a stored JSON document, for filters and sorts. */
    static Function<String, JsonNode> jsonFields(JsonNode document) {
        return name -> {
            JsonNode node = document;
            for (String part : name.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            return node;
        };
    }

    protected static SimResponse created(JsonNode body, String location) {
        return SimResponse.json(201, body).header("Location", location);
    }

    /** 201 for an entity that names its own location in {@code self}. */
    protected static SimResponse created(JsonNode entity) {
        return created(entity, entity.path("self").asText());
    }
}
