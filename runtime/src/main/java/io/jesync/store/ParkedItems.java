package io.jesync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What waits for a person besides orders ({@code parked_item}): products the product flow could not write, stock
 * and price rows the shop refused. Each flow parks and resolves its own kind; support reads them all here.
 */
public final class ParkedItems {
    private static final String SELECT_OPEN = """
            SELECT kind, shop_id, item_key, reason, payload, created_at FROM parked_item
            WHERE resolved_at IS NULL AND (? IS NULL OR kind = ?) AND (? IS NULL OR shop_id = ?)
            ORDER BY created_at DESC, id DESC""";

    /* Price rows are parked as "<list>/<article>", everything else under the article itself. */
    private static final String SELECT_OF_ARTICLE = """
            SELECT kind, shop_id, item_key, reason, payload, created_at FROM parked_item
            WHERE resolved_at IS NULL AND shop_id = ? AND (item_key = ? OR item_key LIKE ? ESCAPE '!')
            ORDER BY created_at DESC, id DESC""";

    private final Database database;

    public ParkedItems(Database database) {
        this.database = database;
    }

    public record Item(String kind, String shopId, String key, String reason, String payload, Instant parkedAt) {
    }

    /** Unresolved items, newest first; {@code kind} and {@code shopId} may be null for all. */
    public List<Item> open(String kind, String shopId, int limit) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_OPEN)) {
            select.setString(1, kind);
            select.setString(2, kind);
            select.setString(3, shopId);
            select.setString(4, shopId);
            select.setMaxRows(limit);
            return items(select);
        } catch (SQLException e) {
            throw new StoreException("Cannot list the parked items", e);
        }
    }

    /** Unresolved items of one article of one shop (the product, its stock, its prices), newest first. */
    public List<Item> ofArticle(String shopId, String articleNo) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_OF_ARTICLE)) {
            select.setString(1, shopId);
            select.setString(2, articleNo);
            select.setString(3, "%/" + articleNo.replace("!", "!!").replace("%", "!%").replace("_", "!_"));
            return items(select);
        } catch (SQLException e) {
            throw new StoreException("Cannot list the parked items of article " + articleNo, e);
        }
    }

    private static List<Item> items(PreparedStatement select) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                items.add(new Item(rs.getString("kind"), rs.getString("shop_id"), rs.getString("item_key"),
                        rs.getString("reason"), rs.getString("payload"), Jdbc.getInstant(rs, "created_at")));
            }
        }
        return items;
    }
}
