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
            "parked_item");

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
