package io.jesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.AdminRuntime;
import io.jesync.testsupport.MutableClock;

/** Guessing the admin password is slowed per client address; one address's guesses do not lock out another. */
class LoginThrottleTest {
    @TempDir
    Path dir;

    @Test
    void ten_wrong_logins_lock_the_address_out_for_a_minute_doubling_each_time_and_a_right_one_clears_it() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 1; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.failed("10.0.0.1")).as("failure " + i).isEmpty();
        }
        assertThat(throttle.failed("10.0.0.1")).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("10.0.0.1")).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("10.0.0.2")).as("another address").isEmpty();

        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.lockedFor("10.0.0.1")).hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("10.0.0.1")).isEmpty();
        for (int i = 1; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.failed("10.0.0.1")).as("the second lock-out").hasValue(Duration.ofMinutes(2));

        for (int lockout = 0; lockout < 8; lockout++) {
            clock.advance(LoginThrottle.LONGEST_LOCKOUT);
            for (int i = 1; i < LoginThrottle.MAX_FAILURES; i++) {
                throttle.failed("10.0.0.1");
            }
            assertThat(throttle.failed("10.0.0.1").orElseThrow()).isLessThanOrEqualTo(LoginThrottle.LONGEST_LOCKOUT);
        }
        assertThat(throttle.lockedFor("10.0.0.1")).hasValue(LoginThrottle.LONGEST_LOCKOUT);

        clock.advance(LoginThrottle.LONGEST_LOCKOUT);
        throttle.failed("10.0.0.1");
        throttle.succeeded("10.0.0.1");
        for (int i = 1; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.failed("10.0.0.1")).as("counted afresh after a right login").isEmpty();
        }
    }

    @Test
    void over_http_the_eleventh_request_after_ten_wrong_passwords_is_a_429_with_retry_after_even_with_the_right_one() {
        try (AdminRuntime runtime = AdminRuntime.start(dir, Map.of())) {
            String wrong = AdminRuntime.basic(AdminRuntime.USER, "not-the-password");
            for (int i = 1; i <= LoginThrottle.MAX_FAILURES; i++) {
                assertThat(runtime.send("GET", "/api/orders", null, wrong).statusCode()).as("guess " + i)
                        .isEqualTo(401);
            }
            HttpResponse<String> locked = runtime.get("/api/orders");
            assertThat(locked.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(locked.body()).contains("too many wrong logins");
            assertThat(runtime.send("GET", "/observe/health", null, null).statusCode())
                    .as("health stays open for the container's checks").isEqualTo(200);
        }
    }
}
