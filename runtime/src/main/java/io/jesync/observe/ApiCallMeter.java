package io.jesync.observe;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;

import io.jesync.economic.CallMeter;
import io.jesync.store.Database;
import io.jesync.store.Jdbc;
import io.jesync.store.StoreException;

/**
 * Per-day API call counters, e.g. against e-conomic's 50,000 calls per day. Increments are a single
 * {@code calls = calls + ?} update, so concurrent callers and instances never lose a count.
 */
public final class ApiCallMeter implements CallMeter {

    /** The shop id used for calls that belong to no single shop, such as e-conomic's. */
    public static final String NO_SHOP = "";

    private static final String UPDATE = """
            UPDATE api_call_meter SET calls = calls + ?, cost = cost + ?
            WHERE system = ? AND usage_day = ? AND shop_id = ?""";
    private static final String INSERT =
            "INSERT INTO api_call_meter (system, usage_day, shop_id, calls, cost) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT =
            "SELECT calls, cost FROM api_call_meter WHERE system = ? AND usage_day = ? AND shop_id = ?";

    private final Database database;
    private final Clock clock;

    public ApiCallMeter(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void increment(String system, LocalDate day, long calls, BigDecimal cost) {
        increment(system, NO_SHOP, day, calls, cost);
    }

    /**
     * Update first, insert when the day has no row yet. Each statement runs in autocommit, so a
     * lost insert race does not abort anything on PostgreSQL; the loser simply updates the winner's row.
     */
    public void increment(String system, String shopId, LocalDate day, long calls, BigDecimal cost) {
        try (Connection connection = database.dataSource().getConnection()) {
            while (true) {
                if (update(connection, system, shopId, day, calls, cost) == 1) {
                    return;
                }
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, system);
                    insert.setObject(2, day);
                    insert.setString(3, shopId);
                    insert.setLong(4, calls);
                    insert.setBigDecimal(5, cost);
                    insert.executeUpdate();
                    return;
                } catch (SQLException e) {
                    if (!Jdbc.isDuplicateKey(e)) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot count API calls for " + system, e);
        }
    }

    /** Today's usage by the injected clock's zone. */
    public MeterReading today(String system) {
        return read(system, NO_SHOP, LocalDate.now(clock));
    }

    public MeterReading today(String system, String shopId) {
        return read(system, shopId, LocalDate.now(clock));
    }

    public MeterReading read(String system, String shopId, LocalDate day) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, system);
            select.setObject(2, day);
            select.setString(3, shopId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new MeterReading(system, day, shopId, 0, BigDecimal.ZERO);
                }
                return new MeterReading(system, day, shopId, rs.getLong("calls"), rs.getBigDecimal("cost"));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read API calls for " + system, e);
        }
    }

    private static int update(Connection connection, String system, String shopId, LocalDate day, long calls,
                              BigDecimal cost) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setLong(1, calls);
            update.setBigDecimal(2, cost);
            update.setString(3, system);
            update.setObject(4, day);
            update.setString(5, shopId);
            return update.executeUpdate();
        }
    }
}
