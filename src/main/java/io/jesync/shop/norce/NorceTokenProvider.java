package io.jesync.shop.norce;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.config.ShopSettings;

/**
 * OAuth2 client-credentials tokens for one Norce shop. Norce allows only 3 token requests a minute per IP
 * (burst 20), so a token is cached until shortly before it expires and every caller shares it: concurrent callers
 * queue on the lock while one of them fetches, then all take the fresh token.
 */
public final class NorceTokenProvider {
    static final String TOKEN_PATH = "/identity/1.0/connect/token";
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final ShopSettings shop;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private String token;
    private Instant expiresAt = Instant.MIN;

    public NorceTokenProvider(ShopSettings shop, HttpClient http, Clock clock) {
        this.shop = shop;
        this.http = http;
        this.clock = clock;
    }

    /** A valid bearer token, fetched only when the cached one is missing or about to expire. */
    public synchronized String token() throws IOException, InterruptedException {
        if (token != null && clock.instant().isBefore(expiresAt.minus(REFRESH_MARGIN))) {
            return token;
        }
        String form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(shop.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(shop.clientSecret().reveal(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(shop.scope(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + TOKEN_PATH))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new NorceAuthException(shop.id(), response.statusCode());
        }
        JsonNode body = mapper.readTree(response.body());
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null || accessToken.isBlank()) {
            throw new IOException("Norce token endpoint of shop " + shop.id() + " answered without an access_token");
        }
        token = accessToken;
        expiresAt = clock.instant().plusSeconds(body.path("expires_in").asLong(3600));
        return token;
    }

    /**
     * Forgets the cached token after the API answered 401 to {@code rejected}. Only that token is dropped: when
     * many callers hit 401 together, the first one's refresh already replaced it and the others reuse the new one
     * instead of spending the token endpoint's small budget.
     */
    public synchronized void invalidate(String rejected) {
        if (rejected.equals(token)) {
            token = null;
            expiresAt = Instant.MIN;
        }
    }

    /** The token endpoint refused; the message names the shop and the status, never the credentials. */
    public static final class NorceAuthException extends IOException {
        private final int status;

        public NorceAuthException(String shopId, int status) {
            super("Norce refused the OAuth client of shop " + shopId + " (HTTP " + status + ")"
                    + (status == 400 || status == 401 ? ": check shop." + shopId + ".client-id and the client secret"
                    : status == 429 ? ": token endpoint rate limit (3/min), retry shortly" : ""));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
