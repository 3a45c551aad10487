package io.jesync.economic;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.backoff.Circuit;
import io.jesync.backoff.RetryAfter;
import io.jesync.config.EconomicSettings;
import io.jesync.json.Json;
import io.jesync.observe.ApiCallMeter;
import io.jesync.http.AnswerDeadline;
import io.jesync.http.NetworkFailure;

/**
 * Sends one {@link EconomicRequest}, retrying only where a second send cannot write twice, and turns every other
 * outcome into one of the {@link EconomicException} types. Paces through the {@link RateLimitGovernor}, asks the
 * {@link Circuit} before every attempt (while e-conomic is out, a call is refused without being made) and meters
 * every call that reached e-conomic.
 */
final class EconomicTransport {
    static final String METER_SYSTEM = "economic";
    private static final Logger LOG = LoggerFactory.getLogger(EconomicTransport.class);
    private static final ObjectMapper MAPPER = Json.MAPPER;

    /** Why an attempt failed; {@code unknown} means a write may have taken effect. */
    private record Failure(EconomicException exception, boolean unknown, Duration serverWait) {
    }

    private final EconomicSettings settings;
    private final String baseUrl;
    private final HttpClient http;
    private final CallMeter meter;
    private final Clock clock;
    private final RateLimitGovernor governor;
    private final RetryPolicy policy;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final Circuit circuit;

    EconomicTransport(EconomicSettings settings, HttpClient http, CallMeter meter, Clock clock,
                      RateLimitGovernor governor, RetryPolicy policy, RandomGenerator random, Sleeper sleeper,
                      Circuit circuit) {
        this.settings = settings;
        String base = settings.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = http;
        this.meter = meter;
        this.clock = clock;
        this.governor = governor;
        this.policy = policy;
        this.random = random;
        this.sleeper = sleeper;
        this.circuit = circuit;
    }

    EconomicResponse execute(EconomicRequest request) {
        Instant firstSent = null;
        boolean outcomeUnknown = false;
        Failure failure = null;
        for (int attempt = 1; ; attempt++) {
            pause(governor.reserve(request.isWrite()), request, outcomeUnknown, failure);
            Optional<Circuit.Refusal> refusal = circuit.admit();
            if (refusal.isPresent()) {
                throw outcomeUnknown ? unknownAfter(failure) : refused(request, refusal.get());
            }
            if (firstSent == null) {
                firstSent = clock.instant();
            }
            boolean judged = false;
            try {
                HttpResponse<String> response = http.send(build(request),
                        AnswerDeadline.within(settings.readTimeout(), HttpResponse.BodyHandlers.ofString()));
                judge(response);
                judged = true;
                observe(request, response);
                if (response.statusCode() / 100 == 2) {
                    return success(response);
                }
                failure = classify(request, response);
            } catch (IOException e) {
                circuit.failed(e.getClass().getSimpleName(), Duration.ZERO);
                judged = true;
                failure = classify(request, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(request, request.isWrite() || outcomeUnknown, failure);
            } finally {
                if (!judged) {
                    circuit.abandoned();
                }
            }
            outcomeUnknown |= failure.unknown();
            Duration wait = policy.backoff().delay(attempt,
                    failure.serverWait() == null ? Duration.ZERO : failure.serverWait(), random);
            if (!mayRetry(request, attempt, wait, outcomeUnknown, firstSent)) {
                throw outcomeUnknown ? unknownAfter(failure) : failure.exception();
            }
            LOG.warn("e-conomic {} failed ({}), attempt {} of {}, retrying in {} ms", request,
                    failure.exception().summary(), attempt, policy.maxAttempts(), wait.toMillis());
            pause(wait, request, outcomeUnknown, failure);
        }
    }

    /** Any answer but a 5xx shows e-conomic reachable; a 5xx counts towards opening the circuit. */
    private void judge(HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            circuit.failed("HTTP " + response.statusCode(), RetryAfter.parse(response.headers().firstValue("Retry-After")
                    .orElse(null), clock.instant()).orElse(Duration.ZERO));
        } else {
            circuit.succeeded();
        }
    }

    private EconomicUnavailableException refused(EconomicRequest request, Circuit.Refusal refusal) {
        long seconds = Math.max(1, (refusal.retryIn().toMillis() + 999) / 1000);
        return new EconomicUnavailableException(new CallTrace(request.method(), request.path(), 0, null, null),
                "e-conomic is out (" + refusal.failures() + " failed calls in a row since " + refusal.openSince()
                + ", the last " + refusal.lastFailure() + "); not called, one call is tried in " + seconds + " s.",
                refusal.retryIn(), null, true);
    }

    private boolean mayRetry(EconomicRequest request, int attempt, Duration wait, boolean outcomeUnknown,
                             Instant firstSent) {
        if (attempt >= policy.maxAttempts() || wait.compareTo(policy.maxInlineWait()) > 0) {
            return false;
        }
        if (!outcomeUnknown) {
            return true;
        }
        // Only a replay of the same key inside e-conomic's one-hour cache is certain not to write a second time.
        Instant resendAt = clock.instant().plus(wait);
        return request.keyed() && policy.retryKeyedWrites()
                && Duration.between(firstSent, resendAt).compareTo(policy.replayWindow()) < 0;
    }

    private HttpRequest build(EconomicRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(settings.readTimeout())
                .header("X-AppSecretToken", settings.appSecretToken().reveal())
                .header("X-AgreementGrantToken", settings.agreementGrantToken().reveal())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body().toString()));
        if (request.keyed()) {
            builder.header("Idempotency-Key", request.idempotencyKey());
        }
        return builder.build();
    }

    private EconomicResponse success(HttpResponse<String> response) {
        String text = response.body();
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? MAPPER.nullNode() : MAPPER.readTree(text);
        } catch (IOException e) {
            // A 2xx did take effect; an unreadable body must not turn it into a failure the flow would retry.
            body = MAPPER.nullNode();
        }
        boolean fromCache = response.headers().firstValue("X-ResultFromCache").map("true"::equalsIgnoreCase)
                .orElse(false);
        return new EconomicResponse(response.statusCode(), body, requestId(response), fromCache);
    }

    private Failure classify(EconomicRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        EconomicErrorBody error = EconomicErrorBody.parse(response.body());
        CallTrace trace = new CallTrace(request.method(), request.path(), status, requestId(response), error.logId());
        String said = error.message() == null ? "" : " e-conomic said: " + error.message();
        if (status == 401) {
            throw new EconomicAuthException(trace, "e-conomic refused the tokens: they are wrong, or the agreement "
                    + "revoked the app's grant. Ask the agreement's administrator for a new grant and update the "
                    + "tokens.");
        }
        if (status == 403) {
            throw new EconomicAuthException(trace, "e-conomic accepted the tokens but refuses this resource: the "
                    + "app's role or the agreement's modules do not allow it." + said + " Ask for a new grant with "
                    + "the right role, or change the settings.");
        }
        if (status == 429) {
            Duration wait = rateLimitWait(response);
            return new Failure(new EconomicUnavailableException(trace, "e-conomic's rate limit is reached.", wait,
                    null), false, wait);
        }
        if (status >= 500) {
            // 503 comes from e-conomic's front before the application runs; other 5xx may follow a write.
            boolean mayHaveWritten = request.isWrite() && status != 503;
            String summary = "e-conomic failed with HTTP " + status + "." + said;
            return mayHaveWritten
                    ? new Failure(new EconomicOutcomeUnknownException(trace, summary
                            + " The write may have taken effect; look the document up before sending it again.",
                            null), true, null)
                    : new Failure(new EconomicUnavailableException(trace, summary, null, null), false, null);
        }
        throw new EconomicValidationException(trace, validationSummary(status, error), error.fieldErrors(),
                error.allowedFilteringFields());
    }

    private Failure classify(EconomicRequest request, IOException e) {
        CallTrace trace = new CallTrace(request.method(), request.path(), 0, null, null);
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return new Failure(new EconomicUnavailableException(trace, "e-conomic cannot be reached: "
                    + NetworkFailure.describe(e, settings.baseUrl(), "economic.base-url") + ".", null, e), false, null);
        }
        governor.countUnanswered();
        meter(BigDecimal.ONE);
        String what = e instanceof java.net.http.HttpTimeoutException ? "No answer from e-conomic within "
                + settings.readTimeout().toSeconds() + " s." : "The connection to e-conomic broke before its answer "
                + "arrived (" + e.getClass().getSimpleName() + ").";
        return request.isWrite()
                ? new Failure(new EconomicOutcomeUnknownException(trace, what + " The write may have taken effect; "
                        + "look the document up before sending it again.", e), true, null)
                : new Failure(new EconomicUnavailableException(trace, what, null, e), false, null);
    }

    private static String validationSummary(int status, EconomicErrorBody error) {
        StringBuilder summary = new StringBuilder("e-conomic rejected the request (HTTP " + status + ")");
        if (error.message() != null) {
            summary.append(": ").append(error.message());
        }
        error.fieldErrors().stream().limit(5).forEach(field -> summary.append(" [")
                .append(field.path().isEmpty() ? "" : field.path() + ": ")
                .append(field.errorCode() == null ? "" : field.errorCode() + " ")
                .append(field.message()).append("]"));
        return summary.toString();
    }

    /** Retry-After (seconds or HTTP date) when sent; otherwise the time the bucket needs to fit this call again. */
    private Duration rateLimitWait(HttpResponse<String> response) {
        Optional<Duration> asked = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                clock.instant());
        if (asked.isPresent()) {
            return asked.get();
        }
        int cost = callCost(response).orElse(1);
        return RateLimitStatus.parse(response.headers().firstValue("X-RateLimiting").orElse(null))
                .map(status -> status.waitForRoom(cost)).orElse(null);
    }

    private void observe(EconomicRequest request, HttpResponse<String> response) {
        Optional<Integer> cost = callCost(response);
        governor.observe(request.isWrite(),
                RateLimitStatus.parse(response.headers().firstValue("X-RateLimiting").orElse(null)), cost);
        meter(BigDecimal.valueOf(cost.orElse(1)));
    }

    private void meter(BigDecimal cost) {
        if (meter == null) {
            return;
        }
        try {
            meter.increment(METER_SYSTEM, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), 1, cost);
        } catch (RuntimeException e) {
            // The call has happened; failing it now would make the flow believe a write failed that did not.
            LOG.warn("Could not count an e-conomic call: {}", e.getMessage());
        }
    }

    private void pause(Duration wait, EconomicRequest request, boolean outcomeUnknown, Failure failure) {
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(request, outcomeUnknown, failure);
        }
    }

    private EconomicException interrupted(EconomicRequest request, boolean mayHaveWritten, Failure failure) {
        CallTrace trace = failure == null ? new CallTrace(request.method(), request.path(), 0, null, null)
                : new CallTrace(request.method(), request.path(), failure.exception().status(),
                        failure.exception().requestId(), failure.exception().logId());
        return mayHaveWritten
                ? new EconomicOutcomeUnknownException(trace, "Interrupted while a write to e-conomic was under way; "
                        + "look the document up before sending it again.", failure == null ? null : failure.exception())
                : new EconomicUnavailableException(trace, "Interrupted before the call to e-conomic completed.", null,
                        failure == null ? null : failure.exception());
    }

    /** The last attempt failed safely, but an earlier one may have written: that uncertainty is what counts. */
    private static EconomicException unknownAfter(Failure failure) {
        if (failure.exception() instanceof EconomicOutcomeUnknownException unknown) {
            return unknown;
        }
        EconomicException last = failure.exception();
        return new EconomicOutcomeUnknownException(new CallTrace(last.method(), last.path(), last.status(),
                last.requestId(), last.logId()), "An earlier attempt of this write may have taken effect and the "
                + "retries could not settle it (" + last.summary() + "); look the document up before sending it "
                + "again.", last);
    }

    private static Optional<Integer> callCost(HttpResponse<String> response) {
        try {
            return response.headers().firstValue("X-CallCost").map(String::trim).map(Integer::valueOf);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-RequestId").orElse(null);
    }
}
