package io.jesync.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every scheduled run (a Quartz-started exchange) in {@code scheduled_run} with the instance that ran it, so
 * the cluster's runs can be seen in one place: which instance ran a flow last, and that no two runs of one flow ever
 * overlapped. A store that cannot be written loses the record, never the run.
 */
public final class ScheduledRunLog extends ScheduledRunNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRunLog.class);
    private static final String RUN_ID = "jesyncScheduledRunId";

    private final DataSource dataSource;
    private final Clock clock;
    private final String instanceId;

    /** One run as recorded; {@code finishedAt} and {@code failed} are null while it runs (or if its instance died). */
    public record Run(long id, String routeId, String instanceId, Instant startedAt, Instant finishedAt,
                      Boolean failed) {
    }

    public ScheduledRunLog(DataSource dataSource, Clock clock, String instanceId) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /** A split's parts carry the scheduled exchange's origin too; only the exchange Quartz started is the run. */
    @Override
    protected boolean isRun(Exchange exchange) {
        return exchange.getProperty(Exchange.CORRELATION_ID) == null;
    }

    @Override
    protected void runStarted(Exchange exchange, String routeId) {
        try {
            exchange.setProperty(RUN_ID, started(routeId));
        } catch (SQLException e) {
            notRecorded(routeId, e);
        }
    }

    @Override
    protected void runEnded(Exchange exchange, String routeId) {
        Long id = exchange.getProperty(RUN_ID, Long.class);
        try {
            if (id != null) {
                finished(id, exchange.isFailed());
            }
        } catch (SQLException e) {
            notRecorded(routeId, e);
        }
    }

    private static void notRecorded(String routeId, SQLException e) {
        LOG.warn("Run of {} not recorded in scheduled_run: {}", routeId, e.getMessage());
    }

    long started(String routeId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO scheduled_run (route_id, instance_id, started_at) VALUES (?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, routeId);
            insert.setString(2, instanceId);
            insert.setObject(3, now(), Types.TIMESTAMP_WITH_TIMEZONE);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void finished(long id, boolean failed) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE scheduled_run SET finished_at = ?, failed = ? WHERE id = ?")) {
            update.setObject(1, now(), Types.TIMESTAMP_WITH_TIMEZONE);
            update.setBoolean(2, failed);
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    /** Every recorded run of every instance, oldest first. */
    public static List<Run> all(DataSource dataSource) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement select = connection.createStatement();
             ResultSet rs = select.executeQuery("SELECT id, route_id, instance_id, started_at, finished_at, failed"
                     + " FROM scheduled_run ORDER BY started_at, id")) {
            while (rs.next()) {
                OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
                boolean failed = rs.getBoolean("failed");
                runs.add(new Run(rs.getLong("id"), rs.getString("route_id"), rs.getString("instance_id"),
                        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                        finished == null ? null : finished.toInstant(), rs.wasNull() ? null : failed));
            }
        }
        return runs;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
