package io.jesync.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP request as a simulator handler sees it: path parameters already extracted, query decoded,
 * header names lower-cased.
 */
public record SimRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Query lookup that ignores case, as ASP.NET-style services do for their parameter names. */
    public Optional<String> queryParamIgnoreCase(String name) {
        return query.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Parses the body as JSON; a body that is not JSON raises {@link MalformedBodyException}. */
    public JsonNode json() {
        try {
            return body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedBodyException(e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedBodyException(e.getMessage());
        }
    }

    /** A body the simulator could not parse; handlers turn it into the platform's own 400 shape. */
    public static final class MalformedBodyException extends RuntimeException {
        public MalformedBodyException(String message) {
            super(message);
        }
    }
}
