package io.jesync.simulator.economic;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import io.jesync.simulator.SimResponse;

/**
 * {@code Idempotency-Key} handling: the first successful answer for a key is kept for one hour on the
 * simulator clock and replayed with {@code X-ResultFromCache: true} without running the write again. Keys
 * are agreement-wide, not per path. Requests with the same key are serialised, so two concurrent retries
 * cannot both write.
 */
final class IdempotencyCache {
    static final Duration TTL = Duration.ofHours(1);

    private record Stored(Instant at, int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    private final Clock clock;
    private final Map<String, Stored> answers = new ConcurrentHashMap<>();
    private final Queue<Map.Entry<String, Instant>> byAge = new ConcurrentLinkedQueue<>();
    private final Object[] locks = new Object[256];

    IdempotencyCache(Clock clock) {
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    SimResponse execute(String key, Supplier<SimResponse> write) {
        Object lock = locks[Math.floorMod(key.hashCode(), locks.length)];
        synchronized (lock) {
            Instant now = clock.instant();
            Stored stored = answers.get(key);
            if (stored != null && now.isBefore(stored.at().plus(TTL))) {
                return replay(stored);
            }
            forgetExpired(now);
            SimResponse response = write.get();
            // Only successes are kept: a caller that fixes a rejected body may retry under the same key.
            if (response.status() >= 200 && response.status() < 300) {
                answers.put(key, new Stored(now, response.status(), response.contentType(), response.body(),
                        Map.copyOf(response.headers())));
                byAge.add(Map.entry(key, now));
            }
            return response;
        }
    }

    void clear() {
        answers.clear();
        byAge.clear();
    }

    /** The simulator clock only moves forward, so the oldest entries sit at the head of {@code byAge}. */
    private void forgetExpired(Instant now) {
        Map.Entry<String, Instant> oldest = byAge.peek();
        while (oldest != null && !now.isBefore(oldest.getValue().plus(TTL))) {
            byAge.poll();
            Instant storedAt = oldest.getValue();
            answers.computeIfPresent(oldest.getKey(), (k, s) -> s.at().equals(storedAt) ? null : s);
            oldest = byAge.peek();
        }
    }

    private static SimResponse replay(Stored stored) {
        SimResponse copy = stored.contentType() == null
                ? SimResponse.empty(stored.status())
                : SimResponse.text(stored.status(), stored.contentType(), new String(stored.body(), StandardCharsets.UTF_8));
        stored.headers().forEach(copy::header);
        return copy.header("X-ResultFromCache", "true");
    }
}
