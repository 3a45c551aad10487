package io.jesync.economic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.jesync.config.EconomicSettings;
import io.jesync.config.Secret;
import io.jesync.simulator.Json;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.observe.ApiCallMeter;
import io.jesync.testsupport.EconomicSchemaCheck;

/**
 * Runs the e-conomic simulator on a free port with a frozen clock. The client's waits go to a recording
 * {@link Sleeper} that moves the same clock, so back-off and pacing are observable and no test sleeps.
 */
abstract class EconomicClientTestSupport {
    static final String APP_SECRET = "app-secret-7f3c9a";
    static final String GRANT = "grant-token-5d1e2b";
    static final Instant START = Instant.parse("2026-09-01T10:00:00Z");

    protected SimClock clock;
    protected EconomicSimulator simulator;
    protected HttpClient http;
    protected EconomicSchemaCheck schemaCheck;
    protected final List<Duration> waits = new CopyOnWriteArrayList<>();
    protected final Sleeper sleeper = duration -> {
        waits.add(duration);
        clock.advance(duration);
    };

    @BeforeEach
    void startSimulator() {
        clock = new SimClock(Clock.fixed(START, ZoneOffset.UTC));
        simulator = new EconomicSimulator(0, 42L, clock, APP_SECRET, GRANT);
        simulator.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        schemaCheck = EconomicSchemaCheck.attach(simulator);
    }

    @AfterEach
    void stopSimulator() {
        schemaCheck.close();
        simulator.close();
    }

    EconomicSettings settings(String appSecret, String grant, Duration readTimeout) {
        return new EconomicSettings(URI.create(simulator.baseUrl()), Secret.of(appSecret), Secret.of(grant), 50_000,
                Duration.ofSeconds(5), readTimeout);
    }

    EconomicClient client() {
        return client(RetryPolicy.standard());
    }

    EconomicClient client(RetryPolicy policy) {
        return client(settings(APP_SECRET, GRANT, Duration.ofSeconds(10)), policy, null);
    }

    EconomicClient client(EconomicSettings settings, RetryPolicy policy, ApiCallMeter meter) {
        return new EconomicClient(settings, http, meter, clock, RateLimitGovernor.standard(clock, 50_000), policy,
                seeded(), sleeper);
    }

    static RandomGenerator seeded() {
        return new java.util.SplittableRandom(7);
    }

    /** Requests the simulator saw for one endpoint template, e.g. "POST /invoices/drafts". */
    List<RecordedRequest> journal(String endpoint) {
        return simulator.journal().stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    long rejectedWith429() {
        return simulator.journal().stream().filter(r -> r.status() == 429).count();
    }

    /** A call outside the client under test, e.g. another app using up the shared bucket. */
    int rawGet(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                    .header("X-AppSecretToken", APP_SECRET).header("X-AgreementGrantToken", GRANT).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode customerBody(String name, String email, String corporateId) {
        return json("""
                {"name": "%s", "currency": "SEK", "customerGroup": {"customerGroupNumber": 2},
                 "paymentTerms": {"paymentTermsNumber": 1}, "vatZone": {"vatZoneNumber": 1},
                 "email": "%s", "corporateIdentificationNumber": "%s", "country": "Sverige"}
                """.formatted(name, email, corporateId));
    }

    int createCustomer(EconomicClient client, String name) {
        return client.createCustomer(customerBody(name, name.toLowerCase() + "@example.se", "556677-8899"),
                "customer-" + name).body().path("customerNumber").asInt();
    }

    /** Two coffee bags (12 % group) and shipping (25 %), net prices. */
    static ObjectNode draftBody(int customer, String reference) {
        ObjectNode body = json("""
                {"date": "2026-09-01", "currency": "SEK",
                 "customer": {"customerNumber": %d},
                 "layout": {"layoutNumber": 19},
                 "paymentTerms": {"paymentTermsNumber": 1},
                 "recipient": {"name": "Anna Lindqvist", "vatZone": {"vatZoneNumber": 1}},
                 "lines": [
                   {"product": {"productNumber": "KAF-00001"}, "description": "Kaffe", "quantity": 2,
                    "unitNetPrice": 100.00},
                   {"product": {"productNumber": "FRAKT"}, "description": "Frakt", "quantity": 1,
                    "unitNetPrice": 49.00}
                 ]}
                """.formatted(customer));
        body.putObject("references").put("other", reference);
        return body;
    }

    static ObjectNode productBody(String number) {
        ObjectNode body = json("""
                {"name": "Testvara", "productGroup": {"productGroupNumber": 1}, "salesPrice": 99.50,
                 "unit": {"unitNumber": 1}}
                """);
        body.put("productNumber", number);
        return body;
    }
}
