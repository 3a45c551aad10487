package io.jesync.observe;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.jesync.config.RuntimeSettings;
import io.jesync.config.ShopSettings;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.order.OrderLedger;
import io.jesync.order.OrderState;

/**
 * What support staff and alerting want on {@code /observe/metrics}: orders per shop and state (a growing PARKED
 * or FAILED count is the signal), and how much of e-conomic's daily budget and rate bucket is used.
 */
public final class RuntimeMetrics {
    /** Scrapes may come often; the ledger is counted at most this often per shop. */
    private static final Duration COUNT_CACHE = Duration.ofSeconds(10);

    private RuntimeMetrics() {
    }

    public static void bind(MeterRegistry registry, RuntimeSettings settings, OrderLedger ledger,
                            RateLimitGovernor governor, Clock clock) {
        for (ShopSettings shop : settings.shops()) {
            CachedCounts<OrderState> counts = new CachedCounts<>(() -> ledger.countByState(shop.id()), COUNT_CACHE,
                    clock);
            for (OrderState state : OrderState.values()) {
                Gauge.builder("jesync_orders", counts, c -> c.get().getOrDefault(state, 0L))
                        .description("Orders in the ledger by shop and state")
                        .tag("shop", shop.id()).tag("state", state.name())
                        // Micrometer holds gauge state weakly; nothing else keeps the cache alive.
                        .strongReference(true)
                        .register(registry);
            }
        }
        Gauge.builder("jesync_economic_calls_today", governor, RateLimitGovernor::callsToday)
                .description("e-conomic calls made today (UTC) by this instance").register(registry);
        Gauge.builder("jesync_economic_daily_call_budget", governor, RateLimitGovernor::dailyCallBudget)
                .description("e-conomic fair-use budget per 24 hours").register(registry);
        Gauge.builder("jesync_economic_rate_bucket_used_ratio", governor, g -> g.headroom()
                        .map(s -> s.used() / s.limit()).orElse(0.0))
                .description("Share of e-conomic's token bucket in use at the last answer").register(registry);
    }
}
