package io.jesync.simulator.norce;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The identity server's client-credentials grant: issued tokens with a lifetime on the simulator clock, and the
 * token endpoint's own limit of 3 requests a minute with a burst of 20 (a token bucket refilled on the clock).
 */
final class NorceOAuth {
    static final int BURST = 20;
    static final int REFILL_PER_MINUTE = 3;

    private final Clock clock;
    private final String clientId;
    private final String clientSecret;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiryByToken = new HashMap<>();
    private Duration lifetime = Duration.ofSeconds(3600);
    private double bucket = BURST;
    private Instant lastRefill;

    /** Outcome of a token request: a token, or the HTTP status and OAuth error code to answer with. */
    record Grant(String accessToken, long expiresIn, String scope, int errorStatus, String error) {
    }

    NorceOAuth(Clock clock, String clientId, String clientSecret) {
        this.clock = clock;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.lastRefill = clock.instant();
    }

    synchronized void lifetime(Duration newLifetime) {
        this.lifetime = newLifetime;
    }

    synchronized void resetRateLimit() {
        bucket = BURST;
        lastRefill = clock.instant();
    }

    synchronized Grant token(String formBody) {
        Instant now = clock.instant();
        bucket = Math.min(BURST, bucket + Duration.between(lastRefill, now).toMillis() * REFILL_PER_MINUTE / 60_000.0);
        lastRefill = now;
        if (bucket < 1) {
            return new Grant(null, 0, null, 429, null);
        }
        bucket -= 1;
        Map<String, String> form = parseForm(formBody);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return new Grant(null, 0, null, 400, "unsupported_grant_type");
        }
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return new Grant(null, 0, null, 400, "invalid_client");
        }
        // The scope names the environment the token is for (Norce's OAuth documentation: playground, stage, prod).
        String scope = form.get("scope");
        if (scope == null || !java.util.Set.of("playground", "stage", "prod").containsAll(
                java.util.List.of(scope.strip().split("\\s+")))) {
            return new Grant(null, 0, null, 400, "invalid_scope");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "sim." + HexFormat.of().formatHex(bytes);
        expiryByToken.put(token, now.plus(lifetime));
        return new Grant(token, lifetime.toSeconds(), scope, 0, null);
    }

    /** True when the Authorization header carries a bearer token this server issued and that has not expired. */
    synchronized boolean isValid(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Instant expiry = expiryByToken.get(authorization.get().substring(7).trim());
        return expiry != null && clock.instant().isBefore(expiry);
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
