package io.jesync.order;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.testsupport.TestDatabases.Kind;

/**
 * R4 and R5, and R3–R5 with e-conomic's Idempotency-Key replay window expired between lives, in the default build:
 * one seed per store of the seeded crash run ({@link CrashRun}), the packaged jar killed with SIGKILL twice in the
 * middle of a backlog under faults. The first kill falls between e-conomic storing a draft and the runtime hearing of
 * it, and e-conomic's clock moves past the replay window before the restart, so only the look-up by reference finds
 * that draft; the second kill falls on the next e-conomic call, with the window kept. Orders go side by side (the
 * default {@code orders.concurrency}), so each kill also leaves orders sent but not yet acknowledged, which the
 * restart takes up at once. {@code OrderCrashSeedsIT} runs 20 seeds per store in the opt-in profile.
 */
@Tag("harness")
class OrderCrashTest {
    private static final int ORDERS = 80;
    private static final int KILLS = 2;

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void killed_mid_batch_and_between_reply_and_commit_with_the_replay_window_expired_every_order_ends_once(Kind kind)
            throws Exception {
        CrashRun.run(tempDir, kind, CrashRun.Plan.of(kind == Kind.H2 ? 1 : 2, ORDERS, KILLS));
    }
}
