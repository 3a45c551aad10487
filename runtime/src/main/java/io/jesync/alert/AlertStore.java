package io.jesync.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.jesync.store.Database;
import io.jesync.store.Jdbc;
import io.jesync.store.StoreException;

/**
 * Alert notices, one row per kind and digest window (table {@code alert_notice}). Inserting the row is the claim to
 * send: with several instances on one store, the first to insert sends and the others see the duplicate key.
 */
public final class AlertStore {

    public record Notice(String kind, Instant windowStart, Instant sentAt, String channel, String summary,
                         String items, String outcome) {
    }

    private final Database database;
    private final Clock clock;

    public AlertStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** @return false when a notice of this kind was already claimed for this window */
    public boolean claim(String kind, Instant windowStart, String channel, String summary, String itemsJson) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_notice (kind, window_start,"
                     + " sent_at, channel, summary, items) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, kind);
            Jdbc.setInstant(insert, 2, windowStart);
            Jdbc.setInstant(insert, 3, Jdbc.truncate(clock.instant()));
            insert.setString(4, channel);
            insert.setString(5, summary.length() > 4000 ? summary.substring(0, 4000) : summary);
            insert.setString(6, itemsJson);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Jdbc.isDuplicateKey(e)) {
                return false;
            }
            throw new StoreException("Cannot record the " + kind + " alert", e);
        }
    }

    public void outcome(String kind, Instant windowStart, String outcome) {
        execute("UPDATE alert_notice SET outcome = ? WHERE kind = ? AND window_start = ?", kind, windowStart, outcome);
    }

    /** Gives the window back after a failed delivery, so the next check tries again. */
    public void release(String kind, Instant windowStart) {
        execute("DELETE FROM alert_notice WHERE kind = ? AND window_start = ?", kind, windowStart, null);
    }

    private void execute(String sql, String kind, Instant windowStart, String outcome) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (outcome != null) {
                statement.setString(index++, outcome.length() > 4000 ? outcome.substring(0, 4000) : outcome);
            }
            statement.setString(index++, kind);
            Jdbc.setInstant(statement, index, windowStart);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot update the " + kind + " alert", e);
        }
    }

    public List<Notice> latest(int limit) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT kind, window_start, sent_at, channel,"
                     + " summary, items, outcome FROM alert_notice ORDER BY sent_at DESC, kind")) {
            select.setMaxRows(limit);
            List<Notice> notices = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    notices.add(new Notice(rs.getString("kind"), Jdbc.getInstant(rs, "window_start"),
                            Jdbc.getInstant(rs, "sent_at"), rs.getString("channel"), rs.getString("summary"),
                            rs.getString("items"), rs.getString("outcome")));
                }
            }
            return notices;
        } catch (SQLException e) {
            throw new StoreException("Cannot read alert notices", e);
        }
    }
}
