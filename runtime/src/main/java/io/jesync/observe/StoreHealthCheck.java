package io.jesync.observe;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness check that the state store answers. Every flow claims and records its work in the store, so while it is
 * unreachable nothing can move and the runtime is not ready. The probe has a deadline ({@link DeadlineProbe}): the
 * connection pool would otherwise keep a caller waiting for its whole connection timeout (30 s) while the database
 * is gone, longer than any health check waits.
 */
public final class StoreHealthCheck extends ReadinessCheck {
    private final DataSource dataSource;
    private final Duration deadline;
    private final DeadlineProbe<Boolean> probe;

    public StoreHealthCheck(DataSource dataSource, Duration deadline) {
        super("store", "store");
        this.dataSource = dataSource;
        this.deadline = deadline;
        this.probe = new DeadlineProbe<>("store-health", deadline);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        DeadlineProbe.Answer<Boolean> answer = probe.await(this::connects);
        report(builder, answer.answered(), answer.answered() ? "the store answers"
                : "the store cannot be reached: " + answer.failure().lines().findFirst().orElse(""));
    }

    private boolean connects() throws SQLException {
        int seconds = (int) Math.max(1, deadline.toSeconds());
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(seconds)) {
                throw new IllegalStateException("the store connection is not valid");
            }
        }
        return true;
    }
}
