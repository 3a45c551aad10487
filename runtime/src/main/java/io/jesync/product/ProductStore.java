package io.jesync.product;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jesync.store.Database;
import io.jesync.store.Jdbc;
import io.jesync.store.StoreException;

/**
 * The product side of the store: parked products ({@code parked_item} with kind {@code product}), the product
 * trace that says who last wrote which field, and the initial syncs with their planned writes (V5).
 */
public final class ProductStore {
    public static final String PARKED_KIND = "product";
    private static final int BATCH = 1000;

    /** One write or refusal of one article. {@code writer} is the system whose values were written. */
    public record TraceEntry(String shopId, String articleNumber, Instant at, String writer, String target,
                             String action, String fields, String origin, String detail) {
    }


    public enum RunState { PLANNING, APPLYING, DONE, FAILED }

    public enum ItemState { PENDING, SUBMITTED, DONE, FAILED }

    public record Run(long id, String shopId, String direction, boolean dryRun, RunState state, int total, int done,
                      int failed, String summary, String reportPath, String message, Instant startedAt,
                      Instant finishedAt) {
    }

    /** One planned write: {@code product} is the source's product as JSON, {@code existing} the target's as read. */
    public record Item(long runId, int seq, String articleNumber, String action, ItemState state, String fields,
                       String product, String existing, String jobId, String reason) {
    }

    private final Database database;
    private final Clock clock;

    public ProductStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    // ---- parking

    /** Parks (or re-parks with the new reason) an article; it stays parked until it syncs or someone resolves it. */
    public void park(String shopId, String articleNumber, String reason, String payload) {
        String key = limit(articleNumber, 200);
        run("park product " + articleNumber, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE parked_item SET reason = ?,"
                    + " payload = ?, created_at = ?, resolved_at = NULL WHERE kind = ? AND shop_id = ? AND item_key = ?")) {
                update.setString(1, limit(reason, 4000));
                update.setString(2, payload);
                Jdbc.setInstant(update, 3, clock.instant());
                update.setString(4, PARKED_KIND);
                update.setString(5, shopId);
                update.setString(6, key);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO parked_item (kind, shop_id,"
                    + " item_key, reason, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, PARKED_KIND);
                insert.setString(2, shopId);
                insert.setString(3, key);
                insert.setString(4, limit(reason, 4000));
                insert.setString(5, payload);
                Jdbc.setInstant(insert, 6, clock.instant());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!Jdbc.isDuplicateKey(e)) {
                    throw e;
                }
                park(shopId, articleNumber, reason, payload);
            }
            return null;
        });
    }

    /** Marks a parked article resolved, e.g. because it has now synced. */
    public void resolve(String shopId, String articleNumber) {
        run("resolve product " + articleNumber, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE parked_item SET resolved_at = ?"
                    + " WHERE kind = ? AND shop_id = ? AND item_key = ? AND resolved_at IS NULL")) {
                Jdbc.setInstant(update, 1, clock.instant());
                update.setString(2, PARKED_KIND);
                update.setString(3, shopId);
                update.setString(4, limit(articleNumber, 200));
                return update.executeUpdate();
            }
        });
    }

    // ---- trace

    public void trace(List<TraceEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        run("write the product trace", connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO product_trace (shop_id,"
                    + " article_number, at, writer, target, action, fields, origin, detail)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (TraceEntry e : entries) {
                    insert.setString(1, e.shopId());
                    insert.setString(2, limit(e.articleNumber(), 200));
                    Jdbc.setInstant(insert, 3, e.at());
                    insert.setString(4, e.writer());
                    insert.setString(5, e.target());
                    insert.setString(6, e.action());
                    insert.setString(7, limit(e.fields(), 400));
                    insert.setString(8, e.origin());
                    insert.setString(9, limit(e.detail(), 4000));
                    insert.addBatch();
                    if (++n % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    /** The article's trace, oldest first. */
    public List<TraceEntry> traceOf(String shopId, String articleNumber) {
        return run("read the product trace", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT at, writer, target, action, fields,"
                    + " origin, detail FROM product_trace WHERE shop_id = ? AND article_number = ? ORDER BY id")) {
                select.setString(1, shopId);
                select.setString(2, articleNumber);
                List<TraceEntry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new TraceEntry(shopId, articleNumber, Jdbc.getInstant(rs, "at"), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
                return entries;
            }
        });
    }

    /** Per field (as the trace names it), the last write of it: who last wrote what. */
    public Map<String, TraceEntry> lastWriters(String shopId, String articleNumber) {
        Map<String, TraceEntry> last = new LinkedHashMap<>();
        for (TraceEntry entry : traceOf(shopId, articleNumber)) {
            if (entry.fields() == null || entry.fields().isBlank()) {
                continue;
            }
            for (String field : entry.fields().split(",")) {
                last.put(field.strip(), entry);
            }
        }
        return last;
    }

    // ---- initial syncs

    public long startRun(String shopId, String direction, boolean dryRun) {
        return run("start an initial sync", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO product_sync_run (shop_id,"
                    + " direction, dry_run, state, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                Instant now = clock.instant();
                insert.setString(1, shopId);
                insert.setString(2, direction);
                insert.setBoolean(3, dryRun);
                insert.setString(4, RunState.PLANNING.name());
                Jdbc.setInstant(insert, 5, now);
                Jdbc.setInstant(insert, 6, now);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** The unfinished applying run of this shop and direction, if an earlier one stopped half-way. */
    public Optional<Run> unfinished(String shopId, String direction) {
        return runs("WHERE r.shop_id = ? AND r.direction = ? AND r.dry_run = ? AND r.state IN ('PLANNING',"
                + " 'APPLYING') ORDER BY r.id DESC", shopId, direction, false).stream().findFirst();
    }

    public Optional<Run> run(long id) {
        return runs("WHERE r.id = ?", id).stream().findFirst();
    }

    /**
     * Stores the plan and moves the run to APPLYING in one transaction: a crash before this commit leaves a run
     * in PLANNING with no items, which is simply planned again.
     */
    public void savePlan(long runId, List<Item> items, String summary, String reportPath, RunState next) {
        run("store the initial sync's plan", connection -> {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM product_sync_item WHERE run_id = ?")) {
                    delete.setLong(1, runId);
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO product_sync_item (run_id,"
                        + " seq, article_number, action, state, fields, product, existing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int n = 0;
                    for (Item item : items) {
                        insert.setLong(1, runId);
                        insert.setInt(2, item.seq());
                        insert.setString(3, limit(item.articleNumber(), 200));
                        insert.setString(4, item.action());
                        insert.setString(5, ItemState.PENDING.name());
                        insert.setString(6, limit(item.fields(), 400));
                        insert.setString(7, item.product());
                        insert.setString(8, item.existing());
                        insert.addBatch();
                        if (++n % BATCH == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE product_sync_run SET state = ?,"
                        + " total_items = ?, summary = ?, report_path = ?, updated_at = ?"
                        + (next == RunState.DONE ? ", finished_at = ?" : "") + " WHERE id = ?")) {
                    Instant now = clock.instant();
                    update.setString(1, next.name());
                    update.setInt(2, items.size());
                    update.setString(3, summary);
                    update.setString(4, reportPath);
                    Jdbc.setInstant(update, 5, now);
                    int i = 6;
                    if (next == RunState.DONE) {
                        Jdbc.setInstant(update, i++, now);
                    }
                    update.setLong(i, runId);
                    update.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    /** The items not yet done, in plan order. */
    public List<Item> open(long runId) {
        return run("read the initial sync's plan", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT seq, article_number, action, state,"
                    + " fields, product, existing, job_id, reason FROM product_sync_item WHERE run_id = ?"
                    + " AND state IN ('PENDING', 'SUBMITTED') ORDER BY seq")) {
                select.setLong(1, runId);
                List<Item> items = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(new Item(runId, rs.getInt(1), rs.getString(2), rs.getString(3),
                                ItemState.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8), rs.getString(9)));
                    }
                }
                return items;
            }
        });
    }

    /** Moves items to {@code state} in one transaction, e.g. a whole import batch when its job is known. */
    public void mark(long runId, List<Integer> seqs, ItemState state, String jobId, String reason) {
        if (seqs.isEmpty()) {
            return;
        }
        run("record initial sync progress", connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("UPDATE product_sync_item SET state = ?,"
                    + " job_id = COALESCE(?, job_id), reason = ? WHERE run_id = ? AND seq = ?")) {
                for (int seq : seqs) {
                    update.setString(1, state.name());
                    update.setString(2, jobId);
                    update.setString(3, limit(reason, 4000));
                    update.setLong(4, runId);
                    update.setInt(5, seq);
                    update.addBatch();
                }
                update.executeBatch();
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    public void finish(long runId, RunState state, String message) {
        run("finish the initial sync", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE product_sync_run SET state = ?,"
                    + " message = ?, updated_at = ?, finished_at = ? WHERE id = ?")) {
                Instant now = clock.instant();
                update.setString(1, state.name());
                update.setString(2, limit(message, 4000));
                Jdbc.setInstant(update, 3, now);
                Jdbc.setInstant(update, 4, now);
                update.setLong(5, runId);
                return update.executeUpdate();
            }
        });
    }

    private List<Run> runs(String where, Object... parameters) {
        return run("read initial syncs", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT r.*,"
                    + " (SELECT COUNT(*) FROM product_sync_item i WHERE i.run_id = r.id AND i.state = 'DONE') AS done_count,"
                    + " (SELECT COUNT(*) FROM product_sync_item i WHERE i.run_id = r.id AND i.state = 'FAILED')"
                    + " AS failed_count FROM product_sync_run r " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                List<Run> runs = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        runs.add(new Run(rs.getLong("id"), rs.getString("shop_id"), rs.getString("direction"),
                                rs.getBoolean("dry_run"), RunState.valueOf(rs.getString("state")),
                                rs.getInt("total_items"), rs.getInt("done_count"), rs.getInt("failed_count"),
                                rs.getString("summary"), rs.getString("report_path"), rs.getString("message"),
                                Jdbc.getInstant(rs, "started_at"), Jdbc.getInstant(rs, "finished_at")));
                    }
                }
                return runs;
            }
        });
    }

    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        try (Connection connection = database.dataSource().getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("Cannot " + what, e);
        }
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
