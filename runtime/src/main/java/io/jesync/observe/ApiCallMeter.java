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
            "INSERT INTO api_call_meter (calls, cost, system, usage_day, shop_id) VALUES (?, ?, ?, ?, ?)";
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
                    bindCount(insert, system, shopId, day, calls, cost);
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
            bindKey(select, 1, system, shopId, day);
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
            bindCount(update, system, shopId, day, calls, cost);
            return update.executeUpdate();
        }
    }

    /** The insert and the update take the same parameters: the count, then the row's key. */
    private static void bindCount(PreparedStatement statement, String system, String shopId, LocalDate day, long calls,
                                  BigDecimal cost) throws SQLException {
        statement.setLong(1, calls);
        statement.setBigDecimal(2, cost);
        bindKey(statement, 3, system, shopId, day);
    }

    private static void bindKey(PreparedStatement statement, int first, String system, String shopId, LocalDate day)
            throws SQLException {
        statement.setString(first, system);
        statement.setObject(first + 1, day);
        statement.setString(first + 2, shopId);
    }
}
