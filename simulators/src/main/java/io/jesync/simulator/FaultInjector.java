package io.jesync.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, deterministically, which requests fail and how.
 *
 * <p>The draw for a request depends only on the seed, the request's identity (method, path, query and a hash
 * of the body) and how many times that same request was seen before, never on arrival order or thread
 * timing. So a test with concurrent clients sees the same faults on every run, and a retried request gets a
 * fresh draw each attempt. Scripted faults ({@link #script}) come first and apply exactly once each.
 */
public final class FaultInjector {
    public record Decision(Fault fault, FaultRule rule) {
    }

    private final Map<String, Deque<Fault>> scripted = new HashMap<>();
    private final Map<String, Integer> seenByIdentity = new HashMap<>();
    private final Map<Fault, AtomicLong> injected = new HashMap<>();
    private List<FaultRule> rules = List.of();
    private long seed;

    public FaultInjector(long seed) {
        this.seed = seed;
    }

    /** Replaces the rate rules and the seed; the most specific (longest) endpoint prefix wins. */
    public synchronized void configure(long seed, List<FaultRule> newRules) {
        this.seed = seed;
        List<FaultRule> sorted = new ArrayList<>(newRules);
        sorted.sort(Comparator.comparingInt((FaultRule r) -> r.endpoint().length()).reversed());
        this.rules = List.copyOf(sorted);
        seenByIdentity.clear();
    }

    /** Queues faults for the next requests to {@code endpoint} (exact key such as "POST /invoices/drafts"). */
    public synchronized void script(String endpoint, Fault... faults) {
        Deque<Fault> queue = scripted.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
        for (Fault fault : faults) {
            queue.addLast(fault);
        }
    }

    public synchronized void clear() {
        rules = List.of();
        scripted.clear();
        seenByIdentity.clear();
    }

    public synchronized long seed() {
        return seed;
    }

    public synchronized List<FaultRule> rules() {
        return rules;
    }

    public synchronized Map<Fault, Long> injectedCounts() {
        Map<Fault, Long> counts = new HashMap<>();
        injected.forEach((fault, count) -> counts.put(fault, count.get()));
        return counts;
    }

    /**
     * @param endpoint the request's endpoint key, "METHOD /route/template"
     * @param identity what makes two requests "the same request" (method, concrete path, query, body hash)
     */
    public synchronized Optional<Decision> decide(String endpoint, String identity) {
        Deque<Fault> queue = scripted.get(endpoint);
        if (queue != null && !queue.isEmpty()) {
            Fault fault = queue.pollFirst();
            count(fault);
            return Optional.of(new Decision(fault, ruleFor(endpoint).orElse(FaultRule.none(endpoint))));
        }
        Optional<FaultRule> rule = ruleFor(endpoint);
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        int attempt = seenByIdentity.merge(identity, 1, Integer::sum);
        Fault fault = rule.get().pick(draw(identity, attempt));
        if (fault == null) {
            return Optional.empty();
        }
        count(fault);
        return Optional.of(new Decision(fault, rule.get()));
    }

    private void count(Fault fault) {
        injected.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
    }

    private Optional<FaultRule> ruleFor(String endpoint) {
        return rules.stream().filter(r -> endpoint.startsWith(r.endpoint())).findFirst();
    }

    private double draw(String identity, int attempt) {
        long h = seed;
        h = mix(h ^ hash64(identity));
        h = mix(h ^ attempt);
        return (h >>> 11) * 0x1.0p-53;
    }

    static String bodyHash(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long hash64(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64 finaliser: spreads nearby inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
