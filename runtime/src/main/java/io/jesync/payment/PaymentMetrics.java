package io.jesync.payment;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.jesync.observe.CachedCounts;

/**
 * {@code jesync_payments{shop,state}} on {@code /observe/metrics}: alert on a growing {@code PARKED} or
 * {@code FAILED}. Camel creates its metrics registry while the context starts, so the gauges join it then.
 */
public final class PaymentMetrics {
    /** Scrapes may come often; the table is counted at most this often per shop. */
    private static final Duration COUNT_CACHE = Duration.ofSeconds(10);

    private PaymentMetrics() {
    }

    public static void bindOnStart(CamelContext context, Iterable<String> shopIds, PaymentLedger ledger, Clock clock) {
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry",
                        MeterRegistry.class);
                if (registry != null) {
                    bind(registry, shopIds, ledger, clock);
                }
            }
        });
    }

    static void bind(MeterRegistry registry, Iterable<String> shopIds, PaymentLedger ledger, Clock clock) {
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
