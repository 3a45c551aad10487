package io.jesync.admin;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jesync.json.Json;

/**
 * How the admin API answers and reads what it is sent: every answer is JSON, every error is
 * {@code {"error": "<what went wrong and what to send instead>"}} (with {@code parameter} naming the query or path
 * parameter at fault), so neither a browser nor a script ever gets a Java exception text or an HTML page.
 */
public final class ApiAnswers {
    static final ObjectMapper MAPPER = Json.MAPPER;

    private ApiAnswers() {
    }

    /** A parameter that is missing or not of its kind: answered 400 naming it. */
    public static final class BadParameter extends IllegalArgumentException {
        private final String parameter;

        public BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /** Something the path names (a shop, an article, an order) that does not exist: answered 404. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message, null, false, false);
        }
    }

    public static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    /** The answer for an exception a route let through: 400 for bad input, 404 for an unknown thing. */
    public static void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof NotFound) {
            answer(exchange, 404, error(failure.getMessage()));
        } else if (failure instanceof BadParameter bad) {
            answer(exchange, 400, error(failure.getMessage()).put("parameter", bad.parameter()));
        } else {
            answer(exchange, 400, error(failure.getMessage()));
        }
    }

    public static void answer(Exchange exchange, int status, ObjectNode body) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        try {
            exchange.getMessage().setBody(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    /** A query parameter; blank counts as absent. */
    public static String query(Exchange exchange, String name) {
        String value = header(exchange, name);
        return value == null || value.isBlank() ? null : value;
    }

    /** A whole-number query parameter, or null when absent. */
    public static Integer wholeNumber(Exchange exchange, String name) {
        String value = query(exchange, name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " must be a whole number such as 50, not '" + value + "'");
        }
    }

    /** A numeric path parameter. */
    public static long number(Exchange exchange, String name) {
        String value = header(exchange, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " must be a number, not '" + value + "'");
        }
    }

    /** The request body as JSON; an empty body is an empty object. */
    public static JsonNode jsonBody(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the request body is not JSON");
        }
    }
}
