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
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.backoff.RetryAfter;
import io.jesync.config.ShopSettings;
import io.jesync.json.Json;
import io.jesync.http.AnswerDeadline;
import io.jesync.http.NetworkFailure;

/**
 * OAuth2 client-credentials tokens for one Norce shop. Norce allows only 3 token requests a minute per IP
 * (burst 20) and answers 429 beyond that, so a token is cached until shortly before it expires and every caller
 * shares it; concurrent callers queue on the lock while one of them fetches. After a 429 or an outage nobody asks
 * again before the Retry-After Norce named (else a third of a minute, the refill of one request), and the outage
 * is logged once when it starts and once when it ends, not once per call.
 */
public final class NorceTokenProvider {
    private static final Logger LOG = LoggerFactory.getLogger(NorceTokenProvider.class);
    static final String TOKEN_PATH = "/identity/1.0/connect/token";
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** One request's refill at 3 a minute: the soonest a throttled client has a request again. */
    static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(20);

    private final ShopSettings shop;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private final ObjectMapper mapper = Json.MAPPER;
    private String token;
    private Instant expiresAt = Instant.MIN;
    private Instant quietUntil = Instant.MIN;
    private String outage;

    /** @param timeout the read timeout of the token request, as of every Norce call */
    public NorceTokenProvider(ShopSettings shop, HttpClient http, Clock clock, Duration timeout) {
        this.shop = shop;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * A valid bearer token, fetched only when the cached one is missing or about to expire.
     *
     * @throws NorceUnavailableException the token endpoint is throttling or down; {@code retryAfter} says until when
     * @throws NorceAuthException        the endpoint refused the OAuth client (wrong id, secret or scope)
     */
    public synchronized String token() throws IOException, InterruptedException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(expiresAt.minus(REFRESH_MARGIN))) {
            return token;
        }
        if (now.isBefore(quietUntil)) {
            throw new NorceUnavailableException("Norce login for shop " + shop.id() + " fails: " + outage
                    + "; not asking again before " + quietUntil, 429, Duration.between(now, quietUntil), null);
        }
        String form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(shop.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(shop.clientSecret().reveal(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(shop.scope(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + TOKEN_PATH))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, AnswerDeadline.within(request.timeout().orElseThrow(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw unavailable(NetworkFailure.describe(e, request.uri(), "shop." + shop.id() + ".base-url"), 0, null,
                    e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw unavailable("the token endpoint answered HTTP " + status, status, retryAfter(response).orElse(null),
                    null);
        }
        if (status != 200) {
            throw new NorceAuthException(shop.id(), status);
        }
        JsonNode body = mapper.readTree(response.body());
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null || accessToken.isBlank()) {
            throw unavailable("the token endpoint answered without an access_token", status, null, null);
        }
        if (outage != null) {
            LOG.info("Norce login for shop {} works again (it failed: {})", shop.id(), outage);
            outage = null;
        }
        token = accessToken;
        expiresAt = clock.instant().plusSeconds(body.path("expires_in").asLong(3600));
        return token;
    }

    private NorceUnavailableException unavailable(String what, int status, Duration retryAfter, Throwable cause) {
        Duration wait = retryAfter != null ? retryAfter : DEFAULT_BACK_OFF;
        quietUntil = clock.instant().plus(wait);
        if (outage == null) {
            LOG.warn("Norce login for shop {} fails: {}; the flows wait and ask again in {} s, and this is logged"
                    + " again only when it works", shop.id(), what, wait.toSeconds());
        }
        outage = what;
        return new NorceUnavailableException("Norce login for shop " + shop.id() + " fails: " + what
                + "; asking again in " + wait.toSeconds() + " s", status, wait, cause);
    }

    /** The wait Norce asked for; when it named none (or nothing readable), the default back-off applies. */
    private Optional<Duration> retryAfter(HttpResponse<String> response) {
        return RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant());
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
                    + (status == 400 || status == 401 ? ": check shop." + shopId + ".client-id, the client secret"
                    + " and shop." + shopId + ".scope (playground, stage or prod)" : ""));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
