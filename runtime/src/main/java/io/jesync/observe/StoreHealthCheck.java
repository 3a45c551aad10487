package io.jesync.observe;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness check that the state store answers. Every flow claims and records its work in the store, so while it is
 * unreachable nothing can move and the runtime is not ready. The probe runs on its own thread with a deadline: the
 * connection pool would otherwise keep a caller waiting for its whole connection timeout (30 s) while the database
 * is gone, longer than any health check waits. A probe still hanging from an earlier call is not started again.
 */
public final class StoreHealthCheck extends AbstractHealthCheck {
    private final DataSource dataSource;
    private final Duration deadline;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "store-health");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> running;

    public StoreHealthCheck(DataSource dataSource, Duration deadline) {
        super("store", "store");
        this.dataSource = dataSource;
        this.deadline = deadline;
    }

    @Override
    public boolean isLiveness() {
        // A database outage is not cured by restarting this process; it only means "not ready".
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String problem = probe();
        if (problem == null) {
            builder.message("the store answers").up();
        } else {
            builder.message(problem).down();
        }
    }

    /** Null when the store answered within the deadline, else why not. */
    private synchronized String probe() {
        if (running == null || running.isDone()) {
            int seconds = (int) Math.max(1, deadline.toSeconds());
            running = prober.submit(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    if (!connection.isValid(seconds)) {
                        throw new IllegalStateException("the store connection is not valid");
                    }
                }
                return null;
            });
        }
        try {
            running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "the store did not answer within " + deadline.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            return "the store cannot be reached: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage().lines().findFirst().orElse(""));
        }
    }
}
