package io.jesync.stock;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

import io.jesync.observe.ReadinessCheck;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How the stock and price flow shows itself on {@code /observe/metrics} and {@code /observe/health}: its pacing
 * (poll interval, stretch, skipped scans), what waits for each shop, and what it read and sent.
 */
public final class StockPriceObservability {
    private StockPriceObservability() {
    }

    public static void bindMetrics(MeterRegistry registry, StockPriceFlow flow) {
        FlowStats stats = flow.stats();
        Gauge.builder("jesync_stock_poll_interval_seconds", stats, s -> s.pacing() == null ? 0
                        : s.pacing().pollInterval().toSeconds())
                .description("Current interval of the e-conomic lastUpdated poll after budget pacing")
                .strongReference(true).register(registry);
        Gauge.builder("jesync_stock_pacing_stretch", stats, s -> s.pacing() == null ? 1 : s.pacing().stretch())
                .description("Poll interval as a multiple of the configured one (1 = on track)")
                .strongReference(true).register(registry);
        Gauge.builder("jesync_stock_budget_spendable_calls", stats, s -> s.pacing() == null ? 0
                        : s.pacing().spendable())
                .description("e-conomic calls the stock and price flow may still make today")
                .strongReference(true).register(registry);
        Gauge.builder("jesync_stock_last_tick_economic_calls", stats, FlowStats::lastTickCalls)
                .description("e-conomic calls of the last tick").strongReference(true).register(registry);
        counter(registry, "jesync_stock_full_scans_skipped_total", stats, FlowStats::fullScansSkipped,
                "Reconciliations skipped because the day's budget was low");
        counter(registry, "jesync_stock_price_scans_skipped_total", stats, FlowStats::priceScansSkipped,
                "Price scans skipped because the day's budget was low");
        counter(registry, "jesync_stock_readings_total", stats, FlowStats::readings, "Product readings from e-conomic");
        counter(registry, "jesync_stock_stale_readings_total", stats, FlowStats::staleReadings,
                "Readings dropped because a newer one was stored");
        counter(registry, "jesync_stock_values_pushed_total", stats, FlowStats::pushedValues,
                "Stock and price values the shops accepted");
        counter(registry, "jesync_stock_values_rejected_total", stats, FlowStats::rejectedValues,
                "Stock and price values the shops refused (parked)");
        for (var shop : flow.shops()) {
            Gauge.builder("jesync_stock_values_waiting", flow, f -> f.waiting(shop.id()))
                    .description("Stock and price values waiting for the shop").tag("shop", shop.id())
                    .strongReference(true).register(registry);
        }
    }

    private static void counter(MeterRegistry registry, String name, FlowStats stats,
                                java.util.function.ToDoubleFunction<FlowStats> value, String description) {
        FunctionCounter.builder(name, stats, value).description(description).register(registry);
    }

    /**
     * Readiness detail: always up (a slowed flow still serves), with the pacing as message and details, so an
     * operator sees "poll slowed: 900 calls left for 240 minutes" before the shop's stock visibly lags.
     */
    public static final class PacingHealthCheck extends ReadinessCheck {
        private final StockPriceFlow flow;

        public PacingHealthCheck(StockPriceFlow flow) {
            super("stock", "stock-prices-pacing");
            this.flow = flow;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            FlowStats stats = flow.stats();
            BudgetPacer.Decision pacing = stats.pacing();
            if (pacing == null) {
                builder.detail("pacing", "not run yet");
                builder.message("stock and prices: not run yet");
            } else {
                builder.detail("pacing", pacing.reason());
                builder.detail("poll.interval.seconds", pacing.pollInterval().toSeconds());
                builder.detail("stretch", pacing.stretch());
                builder.detail("spendable.calls", pacing.spendable());
                builder.detail("full.scan.allowed", pacing.fullScanAllowed());
                builder.detail("price.scan.allowed", pacing.priceScanAllowed());
                builder.message("stock and prices: " + pacing.reason());
            }
            builder.detail("last.error", stats.lastError());
            builder.up();
        }
    }
}
