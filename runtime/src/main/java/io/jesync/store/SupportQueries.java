package io.jesync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Read-only counts for support views, over any state table that has {@code shop_id} and {@code state} columns. */
public final class SupportQueries {
    /** Table names go into SQL text, so only known ones are accepted; later flows add theirs here. */
    private static final Set<String> STATE_TABLES = Set.of("order_ledger", "status_action", "order_reversal",
            "shop_payment", "parked_item");

    private final Database database;

    public SupportQueries(Database database) {
        this.database = database;
    }

    /** Rows of one shop by state, e.g. {@code {"ACKNOWLEDGED": 12, "PARKED": 1}}. */
    public Map<String, Long> countByState(String table, String shopId) {
        if (!STATE_TABLES.contains(table)) {
            throw new IllegalArgumentException("no state table " + table);
        }
        String sql = "parked_item".equals(table)
                ? "SELECT kind AS state, COUNT(*) AS n FROM parked_item WHERE shop_id = ? AND resolved_at IS NULL"
                        + " GROUP BY kind"
                : "SELECT state, COUNT(*) AS n FROM " + table + " WHERE shop_id = ? GROUP BY state";
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, shopId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString("state"), rs.getLong("n"));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException("Cannot count " + table + " of shop " + shopId, e);
        }
    }

    /** An order that has waited, as alerts list it. */
    public record WaitingOrder(String shopId, String orderNo, String state, String reason, java.time.Instant since) {
    }

    /**
     * Orders first read before {@code before} that have not reached e-conomic and the shop's acknowledgement (and were
     * not skipped), oldest first: parked ones wait for a person, the others for a flow that may be stuck.
     */
    public java.util.List<WaitingOrder> waitingOrders(java.time.Instant before, int limit) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT shop_id, order_no, state, reason,"
                     + " created_at FROM order_ledger WHERE state NOT IN ('ACKNOWLEDGED', 'SKIPPED')"
                     + " AND created_at < ? ORDER BY created_at, order_no")) {
            Jdbc.setInstant(select, 1, before);
            select.setMaxRows(limit);
            java.util.List<WaitingOrder> orders = new java.util.ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    orders.add(new WaitingOrder(rs.getString("shop_id"), rs.getString("order_no"),
                            rs.getString("state"), rs.getString("reason"), Jdbc.getInstant(rs, "created_at")));
                }
            }
            return orders;
        } catch (SQLException e) {
            throw new StoreException("Cannot list waiting orders", e);
        }
    }

    /** Every watermark of one shop: flow name to the value and when it last moved. */
    public Map<String, String[]> watermarks(String shopId) {
        Map<String, String[]> marks = new LinkedHashMap<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT flow, mark_value, updated_at FROM watermark WHERE shop_id = ? ORDER BY flow")) {
            select.setString(1, shopId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    marks.put(rs.getString("flow"), new String[] {rs.getString("mark_value"),
                            Jdbc.getInstant(rs, "updated_at").toString()});
                }
            }
            return marks;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the watermarks of shop " + shopId, e);
        }
    }
}
