package io.jesync.observe;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A health check of readiness only. What these checks see (the store or a remote system gone, a mismatch with a
 * tenant, a flow slowed to its budget) is not cured by restarting this process, so none of them may make an
 * orchestrator restart it: they only say "not ready".
 */
public abstract class ReadinessCheck extends AbstractHealthCheck {

    protected ReadinessCheck(String group, String id) {
        super(group, id);
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }

    protected static void report(HealthCheckResultBuilder builder, boolean up, String message) {
        builder.message(message);
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }

    /**
     * A probe run on its own daemon thread and awaited for at most a deadline, so a health call answers within
     * seconds even while what it probes hangs (a pool waiting its whole connection timeout for a database that is
     * gone). A probe still running from an earlier call is awaited again rather than started twice.
     */
    protected static final class DeadlineProbe<T> {
        private final Duration deadline;
        private final ExecutorService thread;
        private Future<T> running;

        public DeadlineProbe(String threadName, Duration deadline) {
            this.deadline = deadline;
            this.thread = Executors.newSingleThreadExecutor(runnable -> {
                Thread daemon = new Thread(runnable, threadName);
                daemon.setDaemon(true);
                return daemon;
            });
        }

        /** What the probe answered, or why there is no answer. */
        public record Answer<T>(T value, String failure, Throwable cause) {
            public boolean answered() {
                return failure == null;
            }
        }

        public synchronized Answer<T> await(Callable<T> probe) {
            if (running == null || running.isDone()) {
                running = thread.submit(probe);
            }
            try {
                return new Answer<>(running.get(deadline.toMillis(), TimeUnit.MILLISECONDS), null, null);
            } catch (TimeoutException e) {
                return new Answer<>(null, "no answer within " + deadline.toSeconds() + " s", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer<>(null, "interrupted", null);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                return new Answer<>(null, cause.getMessage() == null ? cause.getClass().getSimpleName()
                        : cause.getMessage(), cause);
            }
        }
    }
}
