package io.jesync.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A status source that returns every event a test gave it, on every call, as a source that re-reads after a
 * crash would: the flow must record each once. The cursor counts the calls so tests can see it stored.
 */
final class ScriptedEvents implements StatusEventSource {
    private final List<StatusEvent> events = new ArrayList<>();
    private final List<List<TrackedOrder>> calls = new ArrayList<>();

    synchronized ScriptedEvents add(StatusEvent event) {
        events.add(event);
        return this;
    }

    synchronized List<List<TrackedOrder>> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized Detection detect(String shopId, List<TrackedOrder> tracked, Optional<String> cursor) {
        calls.add(tracked);
        return new Detection(events.stream().filter(e -> e.shopId().equals(shopId)).toList(),
                Optional.of("call-" + calls.size()));
    }
}
