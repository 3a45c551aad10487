package io.jesync.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jesync.store.Database;
import io.jesync.store.Jdbc;
import io.jesync.store.StoreException;

/** Reconciliation runs and their findings (table {@code reconciliation_run}); findings are kept as a JSON array. */
public final class ReconciliationStore {
    private static final String COLUMNS = "id, shop_id, kind, business_day, state, trigger_source, started_at,"
            + " finished_at, shop_count, ledger_count, economic_count, finding_count, api_calls, findings, error";

    /** One run as stored; counts are null while it runs or when it failed. */
    public record Run(long id, String shopId, String kind, LocalDate day, String state, String trigger,
                      Instant startedAt, Instant finishedAt, Integer shopCount, Integer ledgerCount,
                      Integer economicCount, Integer findingCount, Integer apiCalls, String findings, String error) {
    }

    private final Database database;
    private final Clock clock;

    public ReconciliationStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public long start(String shopId, String kind, LocalDate day, String trigger) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO reconciliation_run (shop_id, kind,"
                     + " business_day, state, trigger_source, started_at) VALUES (?, ?, ?, 'RUNNING', ?, ?)",
                     new String[] {"id"})) {
            insert.setString(1, shopId);
            insert.setString(2, kind);
            insert.setObject(3, day);
            insert.setString(4, trigger);
            Jdbc.setInstant(insert, 5, Jdbc.truncate(clock.instant()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot record a reconciliation of shop " + shopId, e);
        }
    }

    public void finish(long id, int shopCount, int ledgerCount, int economicCount, int findingCount, int apiCalls,
                       String findingsJson) {
        update(id, "UPDATE reconciliation_run SET state = 'DONE', finished_at = ?, shop_count = ?, ledger_count = ?,"
                + " economic_count = ?, finding_count = ?, api_calls = ?, findings = ? WHERE id = ?", statement -> {
                    statement.setInt(2, shopCount);
                    statement.setInt(3, ledgerCount);
                    statement.setInt(4, economicCount);
                    statement.setInt(5, findingCount);
                    statement.setInt(6, apiCalls);
                    statement.setString(7, findingsJson);
                    statement.setLong(8, id);
                });
    }

    public void fail(long id, String error) {
        update(id, "UPDATE reconciliation_run SET state = 'FAILED', finished_at = ?, error = ? WHERE id = ?",
                statement -> {
                    statement.setString(2, error.length() > 4000 ? error.substring(0, 4000) : error);
                    statement.setLong(3, id);
                });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void update(long id, String sql, Binder binder) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            Jdbc.setInstant(update, 1, Jdbc.truncate(clock.instant()));
            binder.bind(update);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot update reconciliation " + id, e);
        }
    }

    public Optional<Run> find(long id) {
        List<Run> runs = select("SELECT " + COLUMNS + " FROM reconciliation_run WHERE id = ?", 1, id);
        return runs.stream().findFirst();
    }

    /** The latest runs, newest first; {@code shopId} null for every shop. */
    public List<Run> latest(String shopId, int limit) {
        return shopId == null
                ? select("SELECT " + COLUMNS + " FROM reconciliation_run ORDER BY id DESC", limit)
                : select("SELECT " + COLUMNS + " FROM reconciliation_run WHERE shop_id = ? ORDER BY id DESC", limit,
                        shopId);
    }

    private List<Run> select(String sql, int limit, Object... parameters) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            select.setMaxRows(limit);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getLong("id"), rs.getString("shop_id"), rs.getString("kind"),
                            rs.getObject("business_day", LocalDate.class), rs.getString("state"),
                            rs.getString("trigger_source"), Jdbc.getInstant(rs, "started_at"),
                            Jdbc.getInstant(rs, "finished_at"), integer(rs, "shop_count"), integer(rs, "ledger_count"),
                            integer(rs, "economic_count"), integer(rs, "finding_count"), integer(rs, "api_calls"),
                            rs.getString("findings"), rs.getString("error")));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new StoreException("Cannot read reconciliations", e);
        }
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
