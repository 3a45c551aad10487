package io.jesync.status;

import java.util.List;
import java.util.Optional;

/** Where status events come from: e-conomic, read with as few calls as its API allows. */
public interface StatusEventSource {

    /**
     * The events that happened to {@code tracked} orders of one shop since {@code cursor}. Events already in a
     * tracked order's {@code seen} set may be returned again; the caller records each event once. The returned
     * cursor is stored by the caller only after every event is recorded, so a crash reads the same events again.
     */
    Detection detect(String shopId, List<TrackedOrder> tracked, Optional<String> cursor) throws Exception;

    record Detection(List<StatusEvent> events, Optional<String> cursor) {
        public Detection {
            events = List.copyOf(events);
        }
    }
}
