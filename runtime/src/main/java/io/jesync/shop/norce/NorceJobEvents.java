package io.jesync.shop.norce;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import io.jesync.config.ShopSettings;
import io.jesync.economic.Sleeper;

/**
 * The {@code JobCompletedEvent}s Norce posts to the runtime, and the waits of the import-job followers that they end
 * early. Norce documents the event as the preferred way to learn that an import job ended; polling {@code Job/Get}
 * stays behind it, because an event can be lost (Norce retries a refused one, not a missing one) or arrive at another
 * instance of a cluster. So a shop that sends events waits up to {@link #eventWait} for its job's event between two
 * polls instead of the short polling pauses, and one {@code Job/Get} after the event reads the job's counts.
 */
final class NorceJobEvents {
    /** Events of jobs nobody here waits for (another instance's, or a finished wait's) are forgotten oldest first. */
    static final int REMEMBERED = 2_000;
    static final Duration DEFAULT_EVENT_WAIT = Duration.ofSeconds(5);

    private final Duration eventWait;
    private final Map<Long, Integer> arrived = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    NorceJobEvents(Duration eventWait) {
        this.eventWait = eventWait;
    }

    /** Whether the shop's tenant posts job events to this runtime (its webhook token is configured). */
    static boolean sendsEvents(ShopSettings shop) {
        return shop.jobWebhookToken().isPresent();
    }

    synchronized void arrived(long jobId, int statusId) {
        arrived.put(jobId, statusId);
        notifyAll();
    }

    synchronized OptionalInt statusOf(long jobId) {
        Integer status = arrived.get(jobId);
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /**
     * Before the first poll of a job: for a shop that sends events, wait for the job's event (or {@link #eventWait}),
     * so a job that ends normally costs one {@code Job/Get}; otherwise poll at once.
     */
    void beforeFirstPoll(ShopSettings shop, long jobId) throws InterruptedException {
        if (sendsEvents(shop)) {
            awaitEvent(jobId);
        }
    }

    /**
     * Between two polls of an unfinished job: for a shop that sends events and whose event for this job has not come
     * yet, the event wait; otherwise the polling pause (also when the event came but {@code Job/Get} does not show the
     * end yet, so that case cannot turn into a tight loop of polls).
     */
    void betweenPolls(ShopSettings shop, long jobId, Duration pollingPause, Sleeper sleeper)
            throws InterruptedException {
        if (sendsEvents(shop) && statusOf(jobId).isEmpty()) {
            awaitEvent(jobId);
        } else {
            sleeper.sleep(pollingPause);
        }
    }

    private synchronized void awaitEvent(long jobId) throws InterruptedException {
        long deadline = System.nanoTime() + eventWait.toNanos();
        while (!arrived.containsKey(jobId)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
