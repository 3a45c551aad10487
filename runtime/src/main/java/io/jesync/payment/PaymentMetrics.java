package io.jesync.payment;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.jesync.observe.CachedCounts;

/**
 * {@code jesync_payments{shop,state}} on {@code /observe/metrics}: alert on a growing {@code PARKED} or
 * {@code FAILED}. Bound with the runtime's other gauges once Camel has created its metrics registry.
 */
public final class PaymentMetrics {
    /** Scrapes may come often; the table is counted at most this often per shop. */
    private static final Duration COUNT_CACHE = Duration.ofSeconds(10);

    private PaymentMetrics() {
    }

    public static void bind(MeterRegistry registry, Iterable<String> shopIds, PaymentLedger ledger, Clock clock) {
        for (String shop : shopIds) {
            CachedCounts<String> counts = new CachedCounts<>(() -> ledger.countByState(shop), COUNT_CACHE, clock);
            for (PaymentState state : PaymentState.values()) {
                Gauge.builder("jesync_payments", counts, c -> c.get().getOrDefault(state.name(), 0L))
                        .description("Shop payments by shop and state")
                        .tag("shop", shop).tag("state", state.name())
                        // Micrometer holds gauge state weakly; nothing else keeps the cache alive.
                        .strongReference(true)
                        .register(registry);
            }
        }
    }
}
