package io.jesync.demo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Someone in the demo who acts on a schedule: the accountant in e-conomic, the shopkeeper in the shop. A tick that
 * meets the runtime moving the same document is skipped; the next tick looks again.
 */
abstract class DemoBackOffice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoBackOffice.class);

    private final String threadName;
    private ScheduledExecutorService scheduler;

    DemoBackOffice(String threadName) {
        this.threadName = threadName;
    }

    /** One round; public in the subclasses so tests drive it without a schedule. */
    public abstract void tick();

    public final synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::tickQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.debug("{} skipped a tick: {}", threadName, e.getMessage());
        }
    }

    @Override
    public final synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
