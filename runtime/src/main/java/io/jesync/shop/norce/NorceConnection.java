package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ShopClientSettings;
import io.jesync.config.ShopSettings;
import io.jesync.http.AnswerDeadline;
import io.jesync.shop.CappedBody;
import io.jesync.http.NetworkFailure;

/**
 * The HTTP conversation with Norce that the Query reader and the Connect write-backs share: one cached token per
 * shop, one retry with a fresh token after a 401, and the sorting of failures into retryable
 * ({@link NorceUnavailableException}) and permanent ({@link NorceRequestException}).
 */
public final class NorceConnection {
    private static final int DETAIL_LIMIT = 300;

    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private final ObjectMapper mapper = NorceOrderMapper.JSON;
    private final Map<String, NorceTokenProvider> tokens = new ConcurrentHashMap<>();

    /** With the default read timeout ({@link ShopClientSettings#DEFAULTS}). */
    public NorceConnection(HttpClient http, Clock clock) {
        this(http, clock, ShopClientSettings.DEFAULTS.readTimeout());
    }

    /**
     * @param http    connects within the shop side's connect timeout ({@code norce.connect-timeout-seconds})
     * @param timeout the read timeout of every answer, headers and body ({@code norce.read-timeout-seconds})
     */
    public NorceConnection(HttpClient http, Clock clock, Duration timeout) {
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The read timeout every request to Norce carries: until the headers, and through {@link #send} for the body. */
    Duration timeout() {
        return timeout;
    }

    /**
     * Sends the request {@code build} makes for a bearer token and returns the 2xx answer. {@code what} names the
     * call in every error message (for a query: its filter).
     *
     * @throws NorceUnavailableException 429, 5xx, an I/O failure, or the token endpoint's own rate limit
     * @throws NorceRequestException     any other refusal, including a 401 to a freshly fetched token
     * @throws NorceTokenProvider.NorceAuthException the token endpoint refused the shop's OAuth client
     */
    HttpResponse<String> send(ShopSettings shop, String what, Function<String, HttpRequest> build)
            throws IOException, InterruptedException {
        NorceTokenProvider provider = provider(shop);
        String token = token(provider, what);
        HttpResponse<String> response = exchange(shop, build.apply(token), what);
        if (response.statusCode() == 401) {
            // A token can die before its announced expiry (revoked, server clock ahead): refresh once, not forever.
            provider.invalidate(token);
            response = exchange(shop, build.apply(token(provider, what)), what);
            if (response.statusCode() == 401) {
                throw new NorceRequestException(what + " was refused with 401 even with a fresh token of shop "
                        + shop.id() + ": the OAuth client lacks this API or application", 401);
            }
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new NorceUnavailableException(what + " failed with HTTP " + status + detail(response.body()),
                    status, retryAfter(response), null);
        }
        if (status < 200 || status > 299) {
            throw new NorceRequestException(what + " was refused with HTTP " + status + detail(response.body()), status);
        }
        return response;
    }

    /**
     * POSTs a Connect 4.0 body to {@code path} and returns Norce's answer (empty when it sent none). Connect's
     * OrderResponse can say "Failed" inside a 200; that is a refusal too.
     *
     * @throws NorceUnavailableException 429/5xx/I/O: retry later
     * @throws NorceRequestException     Norce refused; the message starts with {@code what}
     */
    JsonNode postConnect(ShopSettings shop, String path, ObjectNode body, String what)
            throws IOException, InterruptedException {
        URI uri = URI.create(shop.baseUrl() + path);
        String json = body.toString();
        HttpResponse<String> response = send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
        if (response.body() == null || response.body().isBlank()) {
            return mapper.createObjectNode();
        }
        JsonNode answer;
        try {
            answer = json(response.body());
        } catch (IOException notJson) {
            return mapper.createObjectNode();
        }
        if ("Failed".equalsIgnoreCase(answer.path("StatusCode").asText())) {
            throw new NorceRequestException(what + " was refused: " + answer.path("Description").asText(""),
                    response.statusCode());
        }
        return answer;
    }

    /**
     * A Query 2.0 GET of {@code pathAndQuery} (below {@code /commerce/query/2.0/}) in {@code applicationId}'s
     * context, answered as JSON.
     *
     * @throws NorceUnavailableException 429/5xx/I/O or an answer that is not JSON: retry later
     * @throws NorceRequestException     Norce refused the query; the message starts with {@code what}
     */
    JsonNode query(ShopSettings shop, int applicationId, String pathAndQuery, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> response = queryPage(shop, applicationId, URI.create(shop.baseUrl() + QUERY + pathAndQuery),
                what);
        try {
            return json(response.body());
        } catch (IOException e) {
            throw new NorceUnavailableException(what + " answered something that is not JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", response.statusCode(), null, e);
        }
    }

    /** A Query 2.0 GET of {@code uri}, a query or the next page Norce linked to, in {@code applicationId}'s context. */
    HttpResponse<String> queryPage(ShopSettings shop, int applicationId, URI uri, String what)
            throws IOException, InterruptedException {
        return send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(timeout)
                // The header only sets Norce's context; a filter restricts the rows.
                .header("applicationId", Integer.toString(applicationId))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build());
    }

    static final String QUERY = "/commerce/query/2.0/";

    /**
     * Checks that the shop's OAuth client is accepted, using the same cached token the flows use, so a health
     * check costs none of Norce's three token requests a minute while the token is valid.
     */
    public void checkToken(ShopSettings shop) throws IOException, InterruptedException {
        token(provider(shop), "the OAuth token of shop " + shop.id());
    }

    private NorceTokenProvider provider(ShopSettings shop) {
        return tokens.computeIfAbsent(shop.id(), id -> new NorceTokenProvider(shop, http, clock, timeout));
    }

    JsonNode json(String body) throws IOException {
        return mapper.readTree(body);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    private static String token(NorceTokenProvider provider, String what) throws IOException, InterruptedException {
        try {
            return provider.token();
        } catch (NorceUnavailableException e) {
            throw new NorceUnavailableException(what + ": " + e.getMessage(), e.status(), e.retryAfter().orElse(null),
                    e);
        }
    }

    private HttpResponse<String> exchange(ShopSettings shop, HttpRequest request, String what)
            throws NorceUnavailableException, InterruptedException {
        try {
            return http.send(request, AnswerDeadline.within(request.timeout().orElse(timeout),
                    CappedBody.handler(CappedBody.DEFAULT_MAX_BYTES)));
        } catch (IOException e) {
            if (CappedBody.tooLarge(e)) {
                throw new NorceUnavailableException(what + ": " + e.getMessage(), 0, null, e);
            }
            throw new NorceUnavailableException(what + " got no answer: " + NetworkFailure.describe(e, request.uri(),
                    "shop." + shop.id() + ".base-url"), 0, null, e);
        }
    }

    /** The error text Norce put in the body: OData's error.message or Connect's Description, else the raw start. */
    private String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            JsonNode json = mapper.readTree(body);
            String message = json.path("error").path("message").asText(null);
            String description = json.path("Description").asText(null);
            text = message != null ? message : description != null ? description : json.toString();
        } catch (IOException notJson) {
            // The raw text is the best detail there is.
        }
        text = text.strip();
        return ": " + (text.length() > DETAIL_LIMIT ? text.substring(0, DETAIL_LIMIT) + "…" : text);
    }

    /** Retry-After as delta-seconds or HTTP-date (RFC 9110); anything else is ignored. */
    private Duration retryAfter(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After").map(String::strip).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
