package io.jesync.simulator.norce;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimClock;

/** Starts a demo tenant on a free port with a fixed clock, and speaks HTTP to it as an integration would. */
abstract class NorceSimulatorTestSupport {
    static final String CLIENT_ID = "jesync";
    static final String CLIENT_SECRET = "s3cret";
    static final int SE_APP = 1001;
    static final int EU_APP = 1002;

    record Reply(int status, JsonNode json, String raw) {
    }

    protected SimClock clock;
    protected NorceSimulator sim;
    protected final HttpClient http = HttpClient.newHttpClient();
    private String token;

    @BeforeEach
    void startSimulator() {
        clock = new SimClock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC));
        sim = NorceSimulator.demo(0, 7L, clock, CLIENT_ID, CLIENT_SECRET);
        sim.start();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    Reply requestToken(String clientSecret) {
        String form = "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret="
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8) + "&scope=playground";
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + NorceSimulator.TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    String token() {
        if (token == null) {
            Reply reply = requestToken(CLIENT_SECRET);
            token = reply.json().get("access_token").asText();
        }
        return token;
    }

    /** GET on the Query API with the bearer token and the SE application header. */
    Reply query(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token()).header("applicationId", Integer.toString(SE_APP)).GET());
    }

    Reply getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token())
                .header("applicationId", Integer.toString(SE_APP)).GET());
    }

    Reply connectGet(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + NorceSimulator.CONNECT + pathAndQuery))
                .header("Authorization", "Bearer " + token()).GET());
    }

    Reply connectPost(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + NorceSimulator.CONNECT + path))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply importCall(String operation, String header, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.baseUrl() + NorceSimulator.CONNECT
                        + "/Product/" + operation))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (header != null) {
            builder.header("X-StormConnect-Header", header);
        }
        return send(builder);
    }

    Reply control(String method, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/" + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body == null || body.isEmpty() ? null : Json.MAPPER.readTree(body);
            return new Reply(response.statusCode(), json, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
