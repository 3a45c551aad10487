package io.jesync;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jesync.economic.CallMeter;
import io.jesync.economic.EconomicClient;
import io.jesync.preflight.EconomicPreflight;
import io.jesync.preflight.Preflight;
import io.jesync.preflight.PreflightReport;
import io.jesync.settings.RuntimeSettings;
import io.jesync.shop.ShopPlatforms;

/**
 * The live start-up preflight, started before the store is migrated and Camel boots so that it reads both tenants
 * meanwhile; the runtime waits for its report before any route can start. It needs no store: its e-conomic calls are
 * kept here and counted in the store's meter once that exists ({@link #countInto}).
 */
final class EarlyPreflight implements CallMeter {
    static final String BINDING = "earlyPreflight";

    private record Calls(String system, LocalDate day, long calls, BigDecimal cost) {
    }

    private final List<Calls> calls = new CopyOnWriteArrayList<>();
    private final CompletableFuture<PreflightReport> report = new CompletableFuture<>();

    private EarlyPreflight() {
    }

    static EarlyPreflight start(RuntimeSettings settings) {
        EarlyPreflight early = new EarlyPreflight();
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.economic().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Thread thread = new Thread(() -> {
            try {
                EconomicClient economic = EconomicClient.standard(settings.economic(), http, early, clock);
                early.report.complete(new Preflight(settings, new EconomicPreflight(economic),
                        ShopPlatforms.connect(settings.shops(), settings.shopClient().newHttpClient(),
                                settings.shopClient().readTimeout(), clock).tenantCheck(), clock).run());
            } catch (InterruptedException | RuntimeException | Error e) {
                early.report.completeExceptionally(e);
            }
        }, "preflight-at-start");
        thread.setDaemon(true);
        thread.start();
        return early;
    }

    CompletableFuture<PreflightReport> report() {
        return report;
    }

    @Override
    public void increment(String system, LocalDate day, long count, BigDecimal cost) {
        calls.add(new Calls(system, day, count, cost));
    }

    /** Once the report is in: its calls into the store's meter. */
    void countInto(CallMeter meter) {
        calls.forEach(c -> meter.increment(c.system(), c.day(), c.calls(), c.cost()));
        calls.clear();
    }
}
