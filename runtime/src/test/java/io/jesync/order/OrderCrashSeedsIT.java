package io.jesync.order;

import java.nio.file.Path;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jesync.testsupport.TestDatabases.Kind;

/**
 * R4 at its full count, in the opt-in reliability profile: the seeded crash run ({@link CrashRun}) for 20 seeds on
 * each store, H2 and PostgreSQL, each seed its own orders, faults and kill points, every restart checked against the
 * journal and the ledger. Sizes come from system properties: {@code reliability.crash.seeds} (20),
 * {@code reliability.crash.first-seed} (101), {@code reliability.crash.orders} (200) and
 * {@code reliability.crash.kills} (3).
 */
@Tag("harness")
@Tag("reliability")
class OrderCrashSeedsIT {
    private static final int SEEDS = Integer.getInteger("reliability.crash.seeds", 20);
    private static final long FIRST_SEED = Long.getLong("reliability.crash.first-seed", 101);
    private static final int ORDERS = Integer.getInteger("reliability.crash.orders", 200);
    private static final int KILLS = Integer.getInteger("reliability.crash.kills", 3);

    @TempDir
    Path tempDir;

    static Stream<Arguments> seeds() {
        return LongStream.range(FIRST_SEED, FIRST_SEED + SEEDS).boxed()
                .flatMap(seed -> Stream.of(Arguments.of(seed, Kind.H2), Arguments.of(seed, Kind.POSTGRESQL)));
    }

    @ParameterizedTest(name = "seed {0} on {1}")
    @MethodSource("seeds")
    void every_order_ends_in_exactly_one_document_after_seeded_kills(long seed, Kind kind) throws Exception {
        CrashRun.run(tempDir, kind, CrashRun.Plan.of(seed, ORDERS, KILLS));
    }
}
