package io.jesync.observe;

import io.jesync.store.Database;
import io.jesync.store.MigratedStoreTest;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases.Kind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("harness")
class StoreApiCallMeterTest extends MigratedStoreTest {

    private static final int THREADS = 16;
    private static final int INCREMENTS_PER_THREAD = 25;


    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T23:59:00Z"));
    private ApiCallMeter meter;

    private void open(Kind kind) {
        Database db = openMigrated(kind);
        meter = new ApiCallMeter(db, clock);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrent_increments_are_never_lost(Kind kind) throws Exception {
        open(kind);
        LocalDate today = LocalDate.now(clock);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                workers.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int n = 0; n < INCREMENTS_PER_THREAD; n++) {
                        meter.increment("economic", today, 1, new BigDecimal("0.0100"));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        MeterReading reading = meter.today("economic");
        assertThat(reading.calls()).isEqualTo(THREADS * INCREMENTS_PER_THREAD);
        assertThat(reading.cost()).isEqualByComparingTo("4.0000");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void counters_are_kept_per_system_shop_and_day(Kind kind) {
        open(kind);
        LocalDate today = LocalDate.now(clock);
        meter.increment("economic", today, 3, BigDecimal.ZERO);
        meter.increment("jetshop", "shop-1", today, 2, BigDecimal.ONE);
        clock.advance(Duration.ofMinutes(2));
        meter.increment("economic", LocalDate.now(clock), 5, BigDecimal.ZERO);

        assertThat(meter.read("economic", ApiCallMeter.NO_SHOP, today).calls()).isEqualTo(3);
        assertThat(meter.today("economic").calls()).isEqualTo(5);
        assertThat(meter.read("jetshop", "shop-1", today).cost()).isEqualByComparingTo("1");
        assertThat(meter.today("jetshop", "shop-1").calls()).isZero();
    }
}
