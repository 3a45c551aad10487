package io.jesync.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The window a watermark poll reads: from a flow's watermark (the first time, a look-back from now) less an
 * overlap, because shops report change times out of order and coarsely, so the edge is read again and recording
 * must be idempotent. The mark moves only once everything the poll read is recorded, and only forward.
 */
public final class WatermarkWindow {

    private final WatermarkStore watermarks;
    private final Clock clock;
    private final String flow;

    public WatermarkWindow(WatermarkStore watermarks, Clock clock, String flow) {
        this.watermarks = watermarks;
        this.clock = clock;
        this.flow = flow;
    }

    /** What one poll read; {@code watermark} is where the next poll may start (before the overlap). */
    public record Poll<T>(List<T> items, Instant watermark) {
    }

    /** One poll's window: read changes from {@code since}; {@link #next} is where the following poll starts. */
    public record Window(Instant mark, Instant since) {

        /** The new mark given the newest change the poll read: never behind the current one. */
        public Instant next(Optional<Instant> newestChange) {
            return newestChange.filter(mark::isBefore).orElse(mark);
        }
    }

    /** How far a flow's polls reach back: the first time from now, and then behind the mark. */
    public interface Reach {
        Duration initialLookback();

        Duration overlap();
    }

    public Window open(String shopId, Reach reach) {
        Instant mark = watermarks.getInstant(flow, shopId)
                .orElseGet(() -> clock.instant().minus(reach.initialLookback()));
        return new Window(mark, mark.minus(reach.overlap()));
    }

    /** Moves the mark once the poll's changes are all recorded; a null mark (nothing polled) changes nothing. */
    public void commit(String shopId, Instant mark) {
        if (mark != null) {
            watermarks.advance(flow, shopId, mark);
        }
    }
}
