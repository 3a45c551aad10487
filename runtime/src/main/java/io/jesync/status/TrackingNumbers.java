package io.jesync.status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.status.StatusFlowSettings.Tracking;
import io.jesync.json.Json;
import io.jesync.status.StatusFlowSettings.Tracking;

/**
 * Finds a delivery note's tracking numbers in the e-conomic document of the event: in a field (dot path), or by
 * asking a plugin route, which gets the document as JSON and answers a comma-separated string or a list.
 */
public final class TrackingNumbers {
    private static final ObjectMapper JSON = Json.MAPPER;

    private final BiFunction<String, String, Object> routes;

    /** @param routes sends a body to a Camel endpoint and returns the reply: (endpoint uri, body) → reply */
    public TrackingNumbers(BiFunction<String, String, Object> routes) {
        this.routes = routes;
    }

    /** The numbers found and where they were looked for, for the order's timeline. */
    public record Found(List<String> numbers, String lookedIn) {
        public Found {
            numbers = List.copyOf(numbers);
        }
    }

    /** @param documentJson the event's e-conomic document; null for an event without one */
    public Found find(Tracking tracking, String documentJson) throws IOException {
        return switch (tracking.source()) {
            case NONE -> new Found(List.of(), "nowhere (tracking.source=none)");
            case FIELD -> new Found(tracking.numbersIn(field(documentJson, tracking.location())),
                    "the e-conomic field " + tracking.location());
            case ROUTE -> new Found(documentJson == null ? List.of() : fromReply(routes.apply(tracking.location(),
                    documentJson)), "the plugin route " + tracking.location());
        };
    }

    private static String field(String documentJson, String path) throws IOException {
        if (documentJson == null) {
            return null;
        }
        JsonNode node = JSON.readTree(documentJson);
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static List<String> fromReply(Object reply) {
        List<String> numbers = new ArrayList<>();
        if (reply instanceof Collection<?> list) {
            list.stream().filter(java.util.Objects::nonNull).map(Object::toString).forEach(n -> add(numbers, n));
        } else if (reply != null) {
            for (String part : reply.toString().split(",")) {
                add(numbers, part);
            }
        }
        return numbers;
    }

    private static void add(List<String> numbers, String candidate) {
        String number = candidate.strip();
        if (!number.isEmpty() && !numbers.contains(number)) {
            numbers.add(number);
        }
    }
}
