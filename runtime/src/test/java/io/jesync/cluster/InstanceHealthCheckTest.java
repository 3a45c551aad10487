package io.jesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.junit.jupiter.api.Test;

/** Each instance's health names its role and how far its host's clock is off the store's. */
class InstanceHealthCheckTest {
    private final InstanceDirectory directory = new InstanceDirectory(null, Clock.systemUTC(), "node-a",
            ClusteredScheduler.Mode.CLUSTERED);

    @Test
    void a_host_clock_within_a_second_is_a_detail_and_one_further_off_is_named_in_the_message() {
        HealthCheck.Result near = result(Duration.ofMillis(-400));
        HealthCheck.Result far = result(Duration.ofMinutes(10));

        assertThat(near.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(near.getDetails()).containsEntry(InstanceHealthCheck.CLOCK_SKEW, -400L)
                .containsEntry(InstanceHealthCheck.ROLE, "cluster-member");
        assertThat(near.getMessage()).hasValueSatisfying(message -> assertThat(message).doesNotContain("NTP"));
        assertThat(far.getState()).as("the runtime's leases do not depend on it").isEqualTo(HealthCheck.State.UP);
        assertThat(far.getDetails()).containsEntry(InstanceHealthCheck.CLOCK_SKEW, 600_000L);
        assertThat(far.getMessage()).hasValueSatisfying(message -> assertThat(message)
                .contains("600000 ms ahead of the store's").contains("check NTP"));
    }

    private HealthCheck.Result result(Duration skew) {
        InstanceHealthCheck check = new InstanceHealthCheck(directory, () -> skew);
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(check);
        check.doCall(builder, Map.of());
        return builder.build();
    }
}
