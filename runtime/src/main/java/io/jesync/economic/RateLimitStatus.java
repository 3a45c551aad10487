package io.jesync.economic;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The token bucket as {@code X-RateLimiting: token-limit-10000-per-60-seconds: 147/10000} reports it. */
public record RateLimitStatus(double used, int limit, Duration window) {
    private static final Pattern HEADER =
            Pattern.compile("token-limit-(\\d+)-per-(\\d+)-seconds:\\s*(\\d+)\\s*/\\s*(\\d+)");

    public static Optional<RateLimitStatus> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = HEADER.matcher(header);
        if (!m.find()) {
            return Optional.empty();
        }
        int limit = Integer.parseInt(m.group(1));
        long seconds = Long.parseLong(m.group(2));
        if (limit < 1 || seconds < 1) {
            return Optional.empty();
        }
        return Optional.of(new RateLimitStatus(Integer.parseInt(m.group(3)), limit, Duration.ofSeconds(seconds)));
    }

    /** Tokens that flow back per second, assuming the bucket drains evenly over its window (an INFER). */
    double refillPerSecond() {
        return limit / (window.toMillis() / 1000.0);
    }

    /** How long until {@code cost} more tokens fit into the bucket. */
    Duration waitForRoom(int cost) {
        double excess = used + cost - limit;
        return excess <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(excess / refillPerSecond() * 1000));
    }
}
