package io.jesync.stock;

import io.jesync.json.Json;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.store.Database;
import io.jesync.store.Jdbc;
import io.jesync.store.StoreException;

/**
 * The stock and price flow's state: the newest e-conomic reading per product, what each shop should show and was
 * last sent, and the products the stock webhook asked to re-read. Every write compares timestamps first, so a reading
 * or value older than the stored one is dropped whatever order answers arrive in.
 */
public final class ArticleSyncStore {
    /** Rows per IN (...) look-up and per JDBC batch; well inside both databases' parameter limits. */
    private static final int CHUNK = 500;
    private static final ObjectMapper JSON = Json.MAPPER;

    /**
     * A round of the push: the shop's dirty rows, least-tried first. Read in the order of ix_shop_article_value_queue
     * (V13), so each round reads its rows and stops instead of sorting the shop's whole queue.
     */
    static final String QUEUE = "SELECT kind, article_no, wanted, attempts FROM shop_article_value "
            + "WHERE shop_id = ? AND dirty = TRUE AND kind LIKE ? ORDER BY shop_id, dirty, attempts, kind, article_no";

    private final Database database;
    private final Clock clock;

    /** A value waiting for the shop. */
    public record DirtyValue(String kind, String articleNo, String wanted, int attempts) {
    }

    public ArticleSyncStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    // ---- e-conomic readings

    /**
     * Stores each reading unless a newer one is stored already, and returns the readings kept (in order). A reading
     * as new as the stored one is kept: lastUpdated has whole seconds, so two changes in one second look alike and
     * the later read is the better one.
     */
    public List<ArticleReading> ingest(List<ArticleReading> readings) {
        List<ArticleReading> kept = new ArrayList<>();
        Instant now = clock.instant();
        try (Connection c = database.dataSource().getConnection()) {
            for (List<ArticleReading> chunk : chunks(dedupeNewest(readings))) {
                kept.addAll(Jdbc.inTransaction(c, tx -> ingest(tx, chunk, now)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store e-conomic product readings", e);
        }
        return kept;
    }

    /**
     * One chunk in one transaction: in autocommit each row of a batch is its own commit, which H2 writes to its file
     * at once; a page of the first full read is then thousands of file writes instead of a few.
     */
    private static List<ArticleReading> ingest(Connection c, List<ArticleReading> chunk, Instant now)
            throws SQLException {
        Map<String, Instant> stored = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT article_no, source_updated FROM "
                + "economic_article WHERE article_no IN (" + marks(chunk.size()) + ")")) {
            for (int i = 0; i < chunk.size(); i++) {
                select.setString(i + 1, chunk.get(i).articleNo());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), Jdbc.getInstant(rs, "source_updated"));
                }
            }
        }
        List<ArticleReading> kept = chunk.stream()
                .filter(r -> !stored.containsKey(r.articleNo()) || !r.lastUpdated().isBefore(stored.get(r.articleNo())))
                .toList();
        upsert(c, "UPDATE economic_article SET in_stock = ?, available = ?, incoming = ?, sales_price = ?, "
                + "product_group = ?, barred = ?, source_updated = ?, read_at = ? WHERE article_no = ? "
                + "AND source_updated <= ?", "INSERT INTO economic_article (in_stock, available, incoming, "
                + "sales_price, product_group, barred, source_updated, read_at, article_no) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", kept, r -> stored.containsKey(r.articleNo()), (statement, r) -> {
                    statement.setBigDecimal(1, r.inStock());
                    statement.setBigDecimal(2, r.available());
                    statement.setBigDecimal(3, r.incoming());
                    statement.setBigDecimal(4, r.salesPrice());
                    Jdbc.setInteger(statement, 5, r.productGroup());
                    statement.setBoolean(6, r.barred());
                    Jdbc.setInstant(statement, 7, r.lastUpdated());
                    Jdbc.setInstant(statement, 8, now);
                    statement.setString(9, r.articleNo());
                    return 9;
                }, ArticleReading::lastUpdated);
        return kept;
    }

    /** The stored readings of these products (those the flow has seen). */
    public Map<String, ArticleReading> readings(Collection<String> articleNos) {
        Map<String, ArticleReading> found = new HashMap<>();
        try (Connection c = database.dataSource().getConnection()) {
            for (List<String> chunk : chunks(List.copyOf(articleNos))) {
                try (PreparedStatement select = c.prepareStatement("SELECT * FROM economic_article WHERE article_no IN ("
                        + marks(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = select.executeQuery()) {
                        collectReadings(rs, found);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read e-conomic product readings", e);
        }
        return found;
    }

    /** Every stored reading; for the price scans, which need each product's group and base price. */
    public Map<String, ArticleReading> allReadings() {
        Map<String, ArticleReading> all = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT * FROM economic_article");
             ResultSet rs = select.executeQuery()) {
            collectReadings(rs, all);
        } catch (SQLException e) {
            throw new StoreException("Cannot read e-conomic product readings", e);
        }
        return all;
    }

    // ---- per shop

    /**
     * Records what the shop should show. A value older than the stored one is dropped; a value that equals what was
     * last pushed needs nothing, any other becomes dirty (waits for the shop).
     *
     * @return how many values became dirty
     */
    public int want(String shopId, List<ShopArticleValue> values) {
        Map<String, List<ShopArticleValue>> byKind = new LinkedHashMap<>();
        for (ShopArticleValue v : values) {
            byKind.computeIfAbsent(v.kind(), k -> new ArrayList<>()).add(v);
        }
        int dirty = 0;
        Instant now = clock.instant();
        try (Connection c = database.dataSource().getConnection()) {
            for (Map.Entry<String, List<ShopArticleValue>> kind : byKind.entrySet()) {
                for (List<ShopArticleValue> chunk : chunks(kind.getValue())) {
                    dirty += Jdbc.inTransaction(c, tx -> want(tx, shopId, kind.getKey(), chunk, now));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot record the wanted stock and prices of shop " + shopId, e);
        }
        return dirty;
    }

    private record Stored(Instant sourceUpdated, String wanted, String pushed, BigDecimal pending) {
    }

    private int want(Connection c, String shopId, String kind, List<ShopArticleValue> chunk, Instant now)
            throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT article_no, source_updated, wanted, pushed, "
                + "pending_qty FROM shop_article_value WHERE shop_id = ? AND kind = ? AND article_no IN ("
                + marks(chunk.size()) + ")")) {
            select.setString(1, shopId);
            select.setString(2, kind);
            for (int i = 0; i < chunk.size(); i++) {
                select.setString(i + 3, chunk.get(i).articleNo());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new Stored(Jdbc.getInstant(rs, "source_updated"), rs.getString(3),
                            rs.getString(4), rs.getBigDecimal(5)));
                }
            }
        }
        List<ShopArticleValue> changed = chunk.stream().filter(v -> {
            Stored old = stored.get(v.articleNo());
            return old == null || !v.sourceUpdated().isBefore(old.sourceUpdated())
                    && !(v.wanted().equals(old.wanted()) && v.pendingQty().compareTo(old.pending()) == 0);
        }).toList();
        upsert(c, "UPDATE shop_article_value SET source_updated = ?, wanted = ?, pending_qty = ?, dirty = ?, "
                + "attempts = 0, updated_at = ? WHERE shop_id = ? AND kind = ? AND article_no = ? AND source_updated <= ?",
                "INSERT INTO shop_article_value (source_updated, wanted, pending_qty, dirty, attempts, updated_at, "
                + "shop_id, kind, article_no) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)", changed,
                v -> stored.containsKey(v.articleNo()), (statement, v) -> {
                    Jdbc.setInstant(statement, 1, v.sourceUpdated());
                    statement.setString(2, v.wanted());
                    statement.setBigDecimal(3, v.pendingQty());
                    statement.setBoolean(4, dirty(stored.get(v.articleNo()), v));
                    Jdbc.setInstant(statement, 5, now);
                    statement.setString(6, shopId);
                    statement.setString(7, kind);
                    statement.setString(8, v.articleNo());
                    return 8;
                }, ShopArticleValue::sourceUpdated);
        return (int) changed.stream().filter(v -> dirty(stored.get(v.articleNo()), v)).count();
    }

    /** A value the shop has not been sent yet: new, or wanting other than what was last pushed. */
    private static boolean dirty(Stored old, ShopArticleValue value) {
        return old == null || !value.wanted().equals(old.pushed());
    }

    /**
     * Writes {@code rows} in two batches: an UPDATE for those already {@code stored} and an INSERT for the rest. Both
     * take a row's parameters in the same order, which {@code parameters} binds (returning how many); the UPDATE's
     * one more is the row's source time, so that it never overwrites a row a later reading wrote meanwhile.
     */
    private static <R> void upsert(Connection c, String updateSql, String insertSql, List<R> rows,
                                   Predicate<R> stored, Parameters<R> parameters, Function<R, Instant> sourceTime)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement(updateSql);
             PreparedStatement insert = c.prepareStatement(insertSql)) {
            for (R row : rows) {
                boolean known = stored.test(row);
                PreparedStatement statement = known ? update : insert;
                int bound = parameters.bind(statement, row);
                if (known) {
                    Jdbc.setInstant(statement, bound + 1, sourceTime.apply(row));
                }
                statement.addBatch();
            }
            update.executeBatch();
            insert.executeBatch();
        }
    }

    @FunctionalInterface
    private interface Parameters<R> {
        int bind(PreparedStatement statement, R row) throws SQLException;
    }

    /** One stored value of a shop as the reconciliation compares it. */
    public record SyncedValue(String kind, String articleNo, String wanted, String pushed, boolean dirty,
                              String reason) {
    }

    /**
     * The shop's stock and price values (not customer price lists) of these articles, by kind and article. Read
     * {@value #CHUNK} articles at a time on the primary key's leading column, so a caller walking the catalogue a
     * page at a time holds one page of values, never the whole shop (544,000 of them at 500,000 articles).
     */
    public Map<String, SyncedValue> stockAndPriceValues(String shopId, Collection<String> articleNos) {
        Map<String, SyncedValue> values = new HashMap<>();
        try (Connection c = database.dataSource().getConnection()) {
            for (List<String> chunk : chunks(List.copyOf(articleNos))) {
                try (PreparedStatement select = c.prepareStatement("SELECT kind, article_no, wanted, pushed, dirty, "
                        + "reason FROM shop_article_value WHERE article_no IN (" + marks(chunk.size()) + ") "
                        + "AND shop_id = ? AND (kind = ? OR kind LIKE ?)")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    select.setString(chunk.size() + 1, shopId);
                    select.setString(chunk.size() + 2, ShopArticleValue.ONHAND);
                    select.setString(chunk.size() + 3, ShopArticleValue.PRICE_PREFIX + "%");
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            SyncedValue v = new SyncedValue(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getBoolean(5), rs.getString(6));
                            values.put(v.kind() + " " + v.articleNo(), v);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the stock and price values of shop " + shopId, e);
        }
        return values;
    }

    /**
     * Queues the article's stock and prices for the shop again and asks the next tick to re-read it from e-conomic,
     * so the shop gets e-conomic's current figures even where they equal what was pushed last (the shop may have
     * been changed behind the flow's back).
     *
     * @return how many of the shop's values were queued
     */
    public int requeue(String shopId, String articleNo) {
        int queued;
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE shop_article_value SET dirty = TRUE, attempts = 0, "
                     + "updated_at = ? WHERE shop_id = ? AND article_no = ? AND (kind = ? OR kind LIKE ?)")) {
            Jdbc.setInstant(update, 1, clock.instant());
            update.setString(2, shopId);
            update.setString(3, articleNo);
            update.setString(4, ShopArticleValue.ONHAND);
            update.setString(5, ShopArticleValue.PRICE_PREFIX + "%");
            queued = update.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot queue article " + articleNo + " for shop " + shopId + " again", e);
        }
        markReread(articleNo);
        return queued;
    }

    /** Articles whose stock figure had shop orders subtracted, with that quantity. */
    public Map<String, BigDecimal> recordedPending(String shopId) {
        Map<String, BigDecimal> pending = new HashMap<>();
        Jdbc.each(database, "read the pending quantities of shop " + shopId, "SELECT article_no, pending_qty"
                + " FROM shop_article_value WHERE shop_id = ? AND kind = ? AND (pending_qty > 0 OR pending_qty < 0)",
                select -> {
                    select.setString(1, shopId);
                    select.setString(2, ShopArticleValue.ONHAND);
                }, rs -> pending.put(rs.getString(1), rs.getBigDecimal(2)));
        return pending;
    }

    /** Articles of one kind whose wanted value is not {@code except}; finds special prices that disappeared. */
    public List<String> articlesOfKind(String shopId, String kind, String except) {
        return Jdbc.list(database, "list " + kind + " of shop " + shopId,
                "SELECT article_no FROM shop_article_value WHERE shop_id = ? AND kind = ? AND wanted <> ?", select -> {
                    select.setString(1, shopId);
                    select.setString(2, kind);
                    select.setString(3, except);
                }, rs -> rs.getString(1));
    }

    /** Values waiting for the shop, of kinds starting with {@code kindPrefix}; the least-tried first. */
    public List<DirtyValue> dirty(String shopId, String kindPrefix, int limit) {
        return Jdbc.list(database, "read the waiting values of shop " + shopId, QUEUE, select -> {
            select.setString(1, shopId);
            select.setString(2, kindPrefix + "%");
            select.setMaxRows(limit);
        }, rs -> new DirtyValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
    }

    public long dirtyCount(String shopId) {
        return Jdbc.list(database, "count the waiting values of shop " + shopId,
                "SELECT COUNT(*) FROM shop_article_value WHERE shop_id = ? AND dirty = TRUE",
                select -> select.setString(1, shopId), rs -> rs.getLong(1)).get(0);
    }

    /**
     * The shop accepted {@code sent}. Only a row still wanting exactly that value is settled: one that changed while
     * the import ran stays dirty. A parked row of the same article is resolved.
     */
    public void pushed(String shopId, List<DirtyValue> sent) {
        Instant now = clock.instant();
        try (Connection c = database.dataSource().getConnection()) {
            Jdbc.inTransaction(c, tx -> {
                settle(tx, shopId, sent, now);
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("Cannot record what shop " + shopId + " accepted", e);
        }
    }

    /** An import's rows in one transaction, for the same reason as {@link #ingest(Connection, List, Instant)}. */
    private static void settle(Connection c, String shopId, List<DirtyValue> sent, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE shop_article_value SET pushed = ?, dirty = FALSE, "
                     + "attempts = 0, reason = NULL, pushed_at = ? WHERE shop_id = ? AND kind = ? AND article_no = ? "
                     + "AND wanted = ?");
             PreparedStatement resolve = c.prepareStatement("UPDATE parked_item SET resolved_at = ? WHERE kind = ? "
                     + "AND shop_id = ? AND item_key = ? AND resolved_at IS NULL")) {
            for (DirtyValue v : sent) {
                update.setString(1, v.wanted());
                Jdbc.setInstant(update, 2, now);
                update.setString(3, shopId);
                update.setString(4, v.kind());
                update.setString(5, v.articleNo());
                update.setString(6, v.wanted());
                update.addBatch();
                Jdbc.setInstant(resolve, 1, now);
                resolve.setString(2, parkKind(v.kind()));
                resolve.setString(3, shopId);
                resolve.setString(4, parkKey(v));
                resolve.addBatch();
            }
            update.executeBatch();
            resolve.executeBatch();
        }
    }

    /**
     * The shop refused this row: it leaves the queue (resending the same value would fail the same way) and waits
     * in {@code parked_item} for a person; a new value from e-conomic makes it dirty again.
     */
    public void rejected(String shopId, DirtyValue value, String reason) {
        Instant now = clock.instant();
        String text = reason.length() > 4000 ? reason.substring(0, 4000) : reason;
        try (Connection c = database.dataSource().getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE shop_article_value SET dirty = FALSE, "
                    + "reason = ? WHERE shop_id = ? AND kind = ? AND article_no = ? AND wanted = ?")) {
                update.setString(1, text);
                update.setString(2, shopId);
                update.setString(3, value.kind());
                update.setString(4, value.articleNo());
                update.setString(5, value.wanted());
                update.executeUpdate();
            }
            String kind = parkKind(value.kind());
            String key = parkKey(value);
            try (PreparedStatement park = c.prepareStatement("UPDATE parked_item SET reason = ?, payload = ?, "
                    + "created_at = ?, resolved_at = NULL WHERE kind = ? AND shop_id = ? AND item_key = ?")) {
                park.setString(1, text);
                park.setString(2, value.wanted());
                Jdbc.setInstant(park, 3, now);
                park.setString(4, kind);
                park.setString(5, shopId);
                park.setString(6, key);
                if (park.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO parked_item (kind, shop_id, item_key, "
                    + "reason, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, kind);
                insert.setString(2, shopId);
                insert.setString(3, key);
                insert.setString(4, text);
                insert.setString(5, value.wanted());
                Jdbc.setInstant(insert, 6, now);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!Jdbc.isDuplicateKey(e)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot park " + value.kind() + " of " + value.articleNo() + " in shop " + shopId, e);
        }
    }

    /** The import did not get through; the rows stay dirty and are tried again, the least-tried first. */
    public void attempted(String shopId, List<DirtyValue> values) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE shop_article_value SET attempts = attempts + 1 "
                     + "WHERE shop_id = ? AND kind = ? AND article_no = ?")) {
            for (DirtyValue v : values) {
                update.setString(1, shopId);
                update.setString(2, v.kind());
                update.setString(3, v.articleNo());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("Cannot count attempts of shop " + shopId, e);
        }
    }

    private static String parkKind(String kind) {
        return kind.equals(ShopArticleValue.ONHAND) ? "STOCK"
                : kind.equals(ShopArticleValue.CUSTOMER_PRICE_LISTS) ? ShopArticleValue.CUSTOMER_PRICE_LISTS : "PRICE";
    }

    private static String parkKey(DirtyValue v) {
        return v.kind().equals(ShopArticleValue.ONHAND) || v.kind().equals(ShopArticleValue.CUSTOMER_PRICE_LISTS)
                ? v.articleNo()
                : v.kind().substring(ShopArticleValue.PRICE_PREFIX.length()) + "/" + v.articleNo();
    }

    // ---- shop orders not yet in e-conomic

    /**
     * Quantities per article of the shop's orders in the given ledger states, from each order's snapshot as the shop
     * sent it (Norce {@code Items[].PartNo}, {@code QtyOrdered}).
     */
    public Map<String, BigDecimal> pendingOrderQuantities(String shopId, Set<String> states) {
        Map<String, BigDecimal> quantities = new HashMap<>();
        if (states.isEmpty()) {
            return quantities;
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT order_no, shop_order FROM order_ledger "
                     + "WHERE shop_id = ? AND state IN (" + marks(states.size()) + ")")) {
            select.setString(1, shopId);
            int i = 2;
            for (String state : states) {
                select.setString(i++, state);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String snapshot = rs.getString(2);
                    if (snapshot == null) {
                        continue;
                    }
                    JsonNode order;
                    try {
                        order = JSON.readTree(snapshot);
                    } catch (java.io.IOException e) {
                        // A snapshot that is not JSON holds no lines to count; the order itself is parked elsewhere.
                        continue;
                    }
                    for (JsonNode item : order.path("Items")) {
                        String partNo = item.path("PartNo").asText("");
                        if (!partNo.isEmpty() && item.path("QtyOrdered").isNumber()) {
                            quantities.merge(partNo, item.path("QtyOrdered").decimalValue(), BigDecimal::add);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the open orders of shop " + shopId, e);
        }
        return quantities;
    }

    // ---- webhook re-reads

    public void markReread(String articleNo) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO economic_article_reread (article_no, marked_at) VALUES (?, ?)")) {
            insert.setString(1, articleNo);
            Jdbc.setInstant(insert, 2, clock.instant());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!Jdbc.isDuplicateKey(e)) {
                throw new StoreException("Cannot mark product " + articleNo + " for a re-read", e);
            }
        }
    }

    public List<String> rereads(int limit) {
        return Jdbc.list(database, "read the products to re-read",
                "SELECT article_no FROM economic_article_reread ORDER BY marked_at, article_no",
                select -> select.setMaxRows(limit), rs -> rs.getString(1));
    }

    /** Clears marks set no later than {@code readStartedAt}: a mark that came in during the read stays. */
    public void clearRereads(Collection<String> articleNos, Instant readStartedAt) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM economic_article_reread WHERE article_no = ? AND marked_at <= ?")) {
            for (String articleNo : articleNos) {
                delete.setString(1, articleNo);
                Jdbc.setInstant(delete, 2, readStartedAt);
                delete.addBatch();
            }
            delete.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("Cannot clear re-read marks", e);
        }
    }

    // ---- helpers

    private static ArticleReading reading(ResultSet rs) throws SQLException {
        return new ArticleReading(rs.getString("article_no"), rs.getBigDecimal("in_stock"),
                rs.getBigDecimal("available"), rs.getBigDecimal("incoming"), rs.getBigDecimal("sales_price"),
                Jdbc.getInteger(rs, "product_group"), rs.getBoolean("barred"), Jdbc.getInstant(rs, "source_updated"));
    }

    private static void collectReadings(ResultSet rs, Map<String, ArticleReading> into) throws SQLException {
        while (rs.next()) {
            ArticleReading r = reading(rs);
            into.put(r.articleNo(), r);
        }
    }

    /** One reading per product: the newest, so a page that listed a product twice stores its latest state. */
    private static List<ArticleReading> dedupeNewest(List<ArticleReading> readings) {
        Map<String, ArticleReading> newest = new LinkedHashMap<>();
        for (ArticleReading r : readings) {
            newest.merge(r.articleNo(), r, (a, b) -> b.lastUpdated().isBefore(a.lastUpdated()) ? a : b);
        }
        return List.copyOf(newest.values());
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += CHUNK) {
            chunks.add(items.subList(i, Math.min(items.size(), i + CHUNK)));
        }
        return chunks;
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** One value the shop is fed for an article (stock, a price list, ...): what is wanted, what was sent, when. */
    public record ShopValueView(String kind, String wanted, String pushed, boolean dirty, int attempts, String reason,
                                Instant sourceUpdated, Instant pushedAt) {
    }

    /** Every value of one article in one shop, for support: where each stands and why. */
    public List<ShopValueView> valuesOf(String shopId, String articleNo) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT kind, wanted, pushed, dirty, attempts, reason,"
                     + " source_updated, pushed_at FROM shop_article_value WHERE article_no = ? AND shop_id = ?"
                     + " ORDER BY kind")) {
            select.setString(1, articleNo);
            select.setString(2, shopId);
            List<ShopValueView> values = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    values.add(new ShopValueView(rs.getString("kind"), rs.getString("wanted"), rs.getString("pushed"),
                            rs.getBoolean("dirty"), rs.getInt("attempts"), rs.getString("reason"),
                            Jdbc.getInstant(rs, "source_updated"), Jdbc.getInstant(rs, "pushed_at")));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the values of article " + articleNo + " of shop " + shopId, e);
        }
    }
}
