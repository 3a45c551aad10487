package io.jesync.store;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * How far each polling flow has read. Values are text so a flow can keep a timestamp, an id or a
 * cursor; the caller says how two values compare, and a watermark only ever moves forward.
 */
public final class WatermarkStore {

    /** ISO-8601 instants; compared as instants because their text length varies with the fraction. */
    public static final Comparator<String> INSTANT_ORDER = Comparator.comparing(Instant::parse);
    /** Whole numbers of any size; compared numerically because "9" sorts after "10" as text. */
    public static final Comparator<String> NUMBER_ORDER = Comparator.comparing(BigInteger::new);

    private static final String SELECT = "SELECT mark_value FROM watermark WHERE flow = ? AND shop_id = ?";
    private static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
    private static final String INSERT =
            "INSERT INTO watermark (flow, shop_id, mark_value, updated_at) VALUES (?, ?, ?, ?)";
    private static final String UPDATE =
            "UPDATE watermark SET mark_value = ?, updated_at = ? WHERE flow = ? AND shop_id = ?";

    private final Database database;
    private final Clock clock;

    public WatermarkStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Optional<String> get(String flow, String shopId) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, flow);
            select.setString(2, shopId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read watermark " + flow + "/" + shopId, e);
        }
    }

    public Optional<Instant> getInstant(String flow, String shopId) {
        return get(flow, shopId).map(Instant::parse);
    }

    public boolean advance(String flow, String shopId, Instant value) {
        return advance(flow, shopId, value.toString(), INSTANT_ORDER);
    }

    /**
     * Stores {@code value} if there is no watermark yet or it is beyond the current one.
     *
     * @return whether the watermark moved
     */
    public boolean advance(String flow, String shopId, String value, Comparator<String> order) {
        try (Connection connection = database.dataSource().getConnection()) {
            return Jdbc.inTransaction(connection, tx -> advanceInTransaction(tx, flow, shopId, value, order));
        } catch (SQLException e) {
            if (Jdbc.isDuplicateKey(e)) {
                // Another instance created the first watermark at the same moment; compare against it.
                return advance(flow, shopId, value, order);
            }
            throw new StoreException("Cannot advance watermark " + flow + "/" + shopId, e);
        }
    }

    private boolean advanceInTransaction(Connection connection, String flow, String shopId, String value,
                                         Comparator<String> order) throws SQLException {
        Optional<String> current;
        try (PreparedStatement select = connection.prepareStatement(SELECT_FOR_UPDATE)) {
            select.setString(1, flow);
            select.setString(2, shopId);
            try (ResultSet rs = select.executeQuery()) {
                current = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
        Instant now = clock.instant();
        if (current.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, flow);
                insert.setString(2, shopId);
                insert.setString(3, value);
                Jdbc.setInstant(insert, 4, now);
                insert.executeUpdate();
            }
            return true;
        }
        if (order.compare(value, current.get()) <= 0) {
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setString(1, value);
            Jdbc.setInstant(update, 2, now);
            update.setString(3, flow);
            update.setString(4, shopId);
            update.executeUpdate();
        }
        return true;
    }
}
