package io.jesync.economic;

import io.jesync.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads e-conomic's error bodies: the legacy REST shape, where {@code errors} mirrors the payload and arrays
 * carry {@code arrayIndex}; the filter error, where {@code errors} is a list of strings next to
 * {@code allowedFilteringFields}; and ProblemDetails, which 429s use. Anything unreadable yields an empty
 * body, because a broken error body must not hide the status that came with it.
 */
record EconomicErrorBody(String message, String developerHint, String logId, List<FieldError> fieldErrors,
                         List<String> allowedFilteringFields) {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final EconomicErrorBody EMPTY = new EconomicErrorBody(null, null, null, List.of(), List.of());

    static EconomicErrorBody parse(String text) {
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? null : MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return EMPTY;
        }
        if (body == null || !body.isObject()) {
            return EMPTY;
        }
        List<FieldError> fieldErrors = new ArrayList<>();
        collect(body.path("errors"), "", fieldErrors);
        List<String> allowed = new ArrayList<>();
        body.path("allowedFilteringFields").forEach(field -> allowed.add(field.asText()));
        return new EconomicErrorBody(text(body, "message", "title"), text(body, "developerHint", "detail"),
                text(body, "logId", "traceId"), fieldErrors, allowed);
    }

    private static void collect(JsonNode node, String path, List<FieldError> out) {
        if (node.isArray()) {
            int position = 0;
            for (JsonNode element : node) {
                collectElement(element, path, position++, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("errors") && value.isArray()) {
                value.forEach(leaf -> out.add(leaf(path, leaf)));
            } else if (value.isArray()) {
                int position = 0;
                for (JsonNode element : value) {
                    int index = element.path("arrayIndex").asInt(position++);
                    collect(element, join(path, name) + "[" + index + "]", out);
                }
            } else if (value.isObject()) {
                collect(value, join(path, name), out);
            }
        }
    }

    /** Elements of a top-level {@code errors} array: filter messages (strings) or ProblemDetails entries. */
    private static void collectElement(JsonNode element, String path, int position, List<FieldError> out) {
        if (element.isTextual()) {
            out.add(new FieldError(path, null, element.asText(), null));
        } else if (element.has("errorCode") || element.has("property")) {
            out.add(leaf(element.has("property") ? element.path("property").asText() : path, element));
        } else {
            collect(element, path + "[" + element.path("arrayIndex").asInt(position) + "]", out);
        }
    }

    private static FieldError leaf(String path, JsonNode leaf) {
        return new FieldError(path, text(leaf, "errorCode", "errorCode"), text(leaf, "message", "message"),
                leaf.get("value"));
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String text(JsonNode node, String name, String fallback) {
        JsonNode value = node.hasNonNull(name) ? node.get(name) : node.get(fallback);
        return value == null || value.isNull() ? null : value.asText();
    }
}
