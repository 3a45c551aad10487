package io.jesync.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

/** What a simulator handler answers. Mutable only while the handler builds it. */
public final class SimResponse {
    private final int status;
    private final byte[] body;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private SimResponse(int status, byte[] body, String contentType) {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
    }

    public static SimResponse json(int status, Object body) {
        try {
            return new SimResponse(status, Json.MAPPER.writeValueAsBytes(body), "application/json; charset=utf-8");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("simulator produced an unserialisable body", e);
        }
    }

    public static SimResponse text(int status, String contentType, String body) {
        return new SimResponse(status, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public static SimResponse empty(int status) {
        return new SimResponse(status, new byte[0], null);
    }

    public SimResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
