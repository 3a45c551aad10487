package io.jesync.simulator.economic;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimResponse;
import io.jesync.simulator.SimulatorException;

/**
 * The legacy REST error bodies. Only the codes named in the reference are sourced; the rest
 * are this simulator's own stand-ins so that clients can at least tell the failure kinds apart.
 */
final class EconomicErrors {
    /** Referenced entity does not exist or was not found (sourced). */
    static final String NOT_FOUND = "E06000";
    /** More decimals than allowed (sourced for unitNetPrice, used for every maxDecimal). */
    static final String TOO_MANY_DECIMALS = "E04740";
    /** A reference object without number or self (sourced for product references, used for all). */
    static final String NO_IDENTIFIER = "E04500";
    /** Quantity required when a product is set; also used for a priced line without product (sourced). */
    static final String LINE_NEEDS_PRODUCT_AND_QUANTITY = "E04730";
    /** pagesize outside 1..1000 (sourced). */
    static final String PAGE_SIZE = "E04810";
    /** Guessed: required property missing. */
    static final String REQUIRED = "E04000";
    /** Guessed: wrong JSON type, including null. */
    static final String WRONG_TYPE = "E04010";
    /** Guessed: string longer than allowed. */
    static final String TOO_LONG = "E04020";
    /** Guessed: string shorter than allowed. */
    static final String TOO_SHORT = "E04030";
    /** Guessed: pattern or date format mismatch. */
    static final String BAD_FORMAT = "E04040";
    /** Guessed: number outside its range. */
    static final String OUT_OF_RANGE = "E04050";
    /** Guessed: value outside its enumeration. */
    static final String NOT_IN_ENUM = "E04060";
    /** Guessed: a conflicting state (number taken, entity in use). */
    static final String CONFLICT = "E04070";

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final Clock clock;

    EconomicErrors(Clock clock) {
        this.clock = clock;
    }

    static ObjectNode leaf(String code, String message, JsonNode value) {
        ObjectNode error = Json.object();
        error.put("errorCode", code);
        error.put("message", message);
        if (value != null && !value.isNull()) {
            error.set("value", value);
        }
        ObjectNode holder = Json.object();
        holder.putArray("errors").add(error);
        return holder;
    }

    SimResponse validation(ObjectNode errors) {
        ObjectNode body = envelope("Validation error.", "Inspect validation errors and correct your request.", 400);
        body.set("errors", errors);
        return SimResponse.json(400, body);
    }

    /** One validation error on a single (possibly dotted) property, e.g. a query parameter. */
    SimResponse validation(String property, String code, String message, JsonNode value) {
        ObjectNode errors = Json.object();
        errors.set(property, leaf(code, message, value));
        return validation(errors);
    }

    SimulatorException invalid(ObjectNode errors) {
        return new SimulatorException(validation(errors));
    }

    SimulatorException invalid(String property, String code, String message, JsonNode value) {
        return new SimulatorException(validation(property, code, message, value));
    }

    SimResponse notFound(String what) {
        ObjectNode body = envelope("Resource not found.", what + " could not be found.", 404);
        body.put("errorCode", NOT_FOUND);
        return SimResponse.json(404, body);
    }

    SimulatorException missing(String what) {
        return new SimulatorException(notFound(what));
    }

    SimResponse routeNotFound() {
        return SimResponse.json(404, envelope("Resource not found.", "The resource path is not part of the API.", 404));
    }

    SimResponse unauthorized() {
        return SimResponse.json(401, envelope("Unauthorized.",
                "The credentials you supplied us with weren't correct, or perhaps you forgot them altogether. If an "
                        + "agreement has revoked the grant they gave your app, this is what you will see.", 401));
    }

    SimResponse forbidden(String message, String hint) {
        return SimResponse.json(403, envelope(message, hint, 403));
    }

    SimResponse badRequest(String message, String hint) {
        return SimResponse.json(400, envelope(message, hint, 400));
    }

    SimResponse conflict(String property, String message, JsonNode value) {
        return validation(property, CONFLICT, message, value);
    }

    SimResponse badFilter(List<String> problems, List<String> allowedFields) {
        ObjectNode body = envelope("Invalid filter.", "Inspect the errors and the list of allowed filtering fields.", 400);
        problems.forEach(body.putArray("errors")::add);
        allowedFields.forEach(body.putArray("allowedFilteringFields")::add);
        return SimResponse.json(400, body);
    }

    /** The ProblemDetails body the OpenAPI specs document for 429; REST is assumed to share it. */
    SimResponse tooManyRequests(String path) {
        ObjectNode body = Json.object();
        body.put("type", "https://tools.ietf.org/html/rfc6585#section-4");
        body.put("title", "Too Many Requests");
        body.put("status", 429);
        body.put("detail", "You have made too many calls towards our API. You are over your quota. Need to wait a bit. "
                + "Check info in the response headers.");
        body.put("instance", path);
        body.put("traceId", UUID.randomUUID().toString());
        return SimResponse.text(429, "application/problem+json; charset=utf-8", body.toString());
    }

    SimResponse serverError(int status) {
        return SimResponse.json(status, envelope(status == 503 ? "Service unavailable." : "Internal server error.",
                "Try again later.", status));
    }

    private ObjectNode envelope(String message, String hint, int status) {
        ObjectNode body = Json.object();
        body.put("message", message);
        body.put("developerHint", hint);
        body.put("logId", UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "-SIM");
        body.put("httpStatusCode", status);
        body.put("logTime", LOG_TIME.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
        return body;
    }
}
