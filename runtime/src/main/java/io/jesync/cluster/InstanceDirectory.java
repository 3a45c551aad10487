package io.jesync.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jesync.json.Json;

/**
 * The instances sharing the store, as their {@code instance_presence} rows tell: id, host, build version, when the
 * life started and when it last beat. An instance whose last beat is older than {@link #STALE} is listed as not live
 * (it died without a goodbye); every instance stamps its beats by the store's clock ({@code DatabaseClock}), so a
 * host whose clock is off is not listed as dead for it. A clean stop removes the row.
 */
public final class InstanceDirectory {
    /** Ten missed beats (the heartbeat runs every 3 s). */
    static final Duration STALE = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final DataSource dataSource;
    private final Clock clock;
    private final String self;
    private final ClusteredScheduler.Mode mode;

    /** One instance as listed. */
    public record Instance(String id, String host, String version, Instant startedAt, Instant lastBeat, boolean live) {
    }

    public InstanceDirectory(DataSource dataSource, Clock clock, String self, ClusteredScheduler.Mode mode) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.self = self;
        this.mode = mode;
    }

    /** Fills in where this life runs and which build it is, once it holds its row. */
    public void describe(String owner, String host, String version) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE instance_presence SET host = ?, version = ? WHERE instance_id = ? AND owner = ?")) {
            update.setString(1, host);
            update.setString(2, version);
            update.setString(3, self);
            update.setString(4, owner);
            update.executeUpdate();
        }
    }

    public List<Instance> list() throws SQLException {
        Instant now = clock.instant();
        List<Instance> instances = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT instance_id, host, version, started_at,"
                     + " beat_at FROM instance_presence ORDER BY instance_id");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Instant beat = rs.getObject("beat_at", OffsetDateTime.class).toInstant();
                instances.add(new Instance(rs.getString("instance_id"), rs.getString("host"), rs.getString("version"),
                        rs.getObject("started_at", OffsetDateTime.class).toInstant(), beat,
                        !beat.isBefore(now.minus(STALE))));
            }
        }
        return instances;
    }

    /**
     * This instance's role: a member of the scheduler cluster (any live instance may run any schedule, one at a
     * time) or the single instance of an H2 store.
     */
    public String role() {
        return mode == ClusteredScheduler.Mode.CLUSTERED ? "cluster-member" : "single";
    }

    public String self() {
        return self;
    }

    /** What {@code GET /api/instances} answers. */
    public ObjectNode view() throws SQLException {
        ObjectNode body = MAPPER.createObjectNode().put("self", self).put("role", role())
                .put("scheduler", mode == ClusteredScheduler.Mode.CLUSTERED ? "quartz-jdbc-clustered"
                        : "quartz-in-memory");
        ArrayNode list = body.putArray("instances");
        int live = 0;
        for (Instance instance : list()) {
            list.addObject().put("id", instance.id()).put("host", instance.host()).put("version", instance.version())
                    .put("startedAt", instance.startedAt().toString()).put("lastBeat", instance.lastBeat().toString())
                    .put("live", instance.live()).put("self", instance.id().equals(self));
            live += instance.live() ? 1 : 0;
        }
        body.put("live", live);
        return body;
    }
}
