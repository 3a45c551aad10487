package io.jesync.simulator.economic;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimClock;

/** Starts a seeded simulator on a free port with a frozen clock, and talks to it over real HTTP. */
abstract class EconomicTestClient {
    static final String APP_SECRET = "test-app-secret";
    static final String GRANT = "test-agreement-grant";
    static final Instant START = Instant.parse("2026-09-01T10:00:00Z");

    protected SimClock clock;
    protected EconomicSimulator simulator;
    protected HttpClient http;

    /** A response with its parsed JSON body (null for an empty body). */
    record Reply(int status, Map<String, String> headers, JsonNode body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @BeforeEach
    void startSimulator() {
        clock = new SimClock(Clock.fixed(START, ZoneOffset.UTC));
        simulator = new EconomicSimulator(0, 42L, clock, APP_SECRET, GRANT);
        simulator.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    Reply get(String path) {
        return send("GET", path, null, Map.of());
    }

    Reply post(String path, JsonNode body) {
        return send("POST", path, body, Map.of());
    }

    Reply put(String path, JsonNode body) {
        return send("PUT", path, body, Map.of());
    }

    Reply delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** Sends with the test agreement's tokens unless {@code headers} sets the token headers itself. */
    Reply send(String method, String path, JsonNode body, Map<String, String> headers) {
        try {
            return sendOrFail(method, path, body, headers);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Reply sendOrFail(String method, String path, JsonNode body, Map<String, String> headers) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("X-AppSecretToken", APP_SECRET);
        all.put("X-AgreementGrantToken", GRANT);
        all.putAll(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        all.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> responseHeaders.put(k.toLowerCase(java.util.Locale.ROOT),
                    v.get(0)));
            String text = response.body();
            return new Reply(response.statusCode(), responseHeaders,
                    text == null || text.isEmpty() ? null : Json.MAPPER.readTree(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A valid customer in Sweden, group Private SE, card payment, domestic VAT zone. */
    static ObjectNode customerBody(String name) {
        return json("""
                {"name": "%s", "currency": "SEK", "customerGroup": {"customerGroupNumber": 1},
                 "paymentTerms": {"paymentTermsNumber": 1}, "vatZone": {"vatZoneNumber": 1},
                 "email": "kund@example.se", "country": "Sverige"}
                """.formatted(name));
    }

    int createCustomer(String name) {
        Reply reply = post("/customers", customerBody(name));
        if (reply.status() != 201) {
            throw new AssertionError("customer not created: " + reply);
        }
        return reply.body().path("customerNumber").asInt();
    }

    /** A draft invoice body for {@code customer}: two coffee bags (food, 12 %) and shipping (25 %). */
    static ObjectNode draftBody(int customer, String reference) {
        return json("""
                {"date": "2026-09-01", "currency": "SEK",
                 "customer": {"customerNumber": %d},
                 "layout": {"layoutNumber": 19},
                 "paymentTerms": {"paymentTermsNumber": 1},
                 "recipient": {"name": "Anna Lindqvist", "vatZone": {"vatZoneNumber": 1}},
                 "references": {"other": "%s"},
                 "lines": [
                   {"product": {"productNumber": "KAF-00001"}, "description": "Kaffe", "quantity": 2,
                    "unitNetPrice": 100.00},
                   {"product": {"productNumber": "FRAKT"}, "description": "Frakt", "quantity": 1,
                    "unitNetPrice": 49.00}
                 ]}
                """.formatted(customer, reference));
    }

    /** A valid product in the 25 % group. */
    static ObjectNode productBody(String number) {
        return json("""
                {"productNumber": "%s", "name": "Testvara", "productGroup": {"productGroupNumber": 1},
                 "salesPrice": 99.50, "unit": {"unitNumber": 1}}
                """.formatted(number));
    }
}
