package io.jesync.observe;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The connections the flows depend on (e-conomic and each shop), as the console shows them. Each is its readiness
 * check, so a probe is shared with {@code /observe/health} and never costs more than one call per cache time. A flow
 * that meets an outage asks for a look ({@link #suspect()}); while a connection is down it is looked at again on a
 * timer ({@link #recheckDown()}), so the end of an outage is logged even when nobody watches.
 */
public final class Connections {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<RemoteAuthHealthCheck> checks;

    public Connections(List<RemoteAuthHealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** A flow met an outage: each connection is probed unless its last probe is recent. */
    public void suspect() {
        checks.forEach(RemoteAuthHealthCheck::outcome);
    }

    public void recheckDown() {
        checks.stream().filter(check -> !check.outcome().up()).forEach(RemoteAuthHealthCheck::outcome);
    }

    public long downCount() {
        return checks.stream().filter(check -> !check.outcome().up()).count();
    }

    public ArrayNode view() {
        ArrayNode list = MAPPER.createArrayNode();
        for (RemoteAuthHealthCheck check : checks) {
            RemoteAuthHealthCheck.Outcome outcome = check.outcome();
            list.addObject().put("id", check.getId()).put("connection", check.label()).put("up", outcome.up())
                    .put("detail", outcome.detail()).put("since", outcome.since().toString())
                    .put("checkedAt", outcome.at().toString());
        }
        return list;
    }
}
