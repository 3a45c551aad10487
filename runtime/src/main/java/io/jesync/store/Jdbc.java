package io.jesync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Binding helpers shared by the stores, so both drivers see the same Java types, and the plain read a store does most:
 * one query, its parameters, each row read, a failure turned into a {@link StoreException} naming what was read.
 */
public final class Jdbc {

    /**
     * Both drivers use the standard state; both also wait for a concurrent uncommitted insert of the
     * same key and report this once it commits (checked on H2 2.3.232), so a race looks like a plain clash.
     */
    private static final String UNIQUE_VIOLATION = "23505";

    private Jdbc() {
    }

    /**
     * Both databases keep microseconds; truncating up front makes a value read back equal to the
     * value written, which lease comparisons rely on.
     */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        OffsetDateTime value = instant == null ? null : OffsetDateTime.ofInstant(truncate(instant), ZoneOffset.UTC);
        statement.setObject(index, value, Types.TIMESTAMP_WITH_TIMEZONE);
    }

    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Integer getInteger(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Long getLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    public static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** Work that must commit or roll back as a whole. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction on {@code connection}, rolled back on any failure; autocommit after. */
    public static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Sets the parameters (and limits such as the row count) of a statement the caller wrote. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the result set's current row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes the result set's current row. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Every row {@code sql} selects, in its order; {@code what} completes "Cannot …" when the read fails. */
    public static <T> List<T> list(Database database, String what, String sql, Binder binder, Row<T> row) {
        List<T> rows = new ArrayList<>();
        each(database, what, sql, binder, rs -> rows.add(row.read(rs)));
        return rows;
    }

    /** Hands every row {@code sql} selects to {@code row}; {@code what} completes "Cannot …" when the read fails. */
    public static void each(Database database, String what, String sql, Binder binder, RowConsumer row) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot " + what, e);
        }
    }

    public static boolean isDuplicateKey(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }
}
