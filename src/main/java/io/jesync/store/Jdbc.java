package io.jesync.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Binding helpers shared by the stores, so both drivers see the same Java types. */
final class Jdbc {

    private static final String UNIQUE_VIOLATION = "23505";
    /** H2 reports a unique-key clash with a concurrent, not yet committed insert this way. */
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private Jdbc() {
    }

    /**
     * Both databases keep microseconds; truncating up front makes a value read back equal to the
     * value written, which lease comparisons rely on.
     */
    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(truncate(instant), ZoneOffset.UTC),
                java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Integer getInteger(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long getLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static boolean isDuplicateKey(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState()) || e.getErrorCode() == H2_CONCURRENT_UPDATE;
    }
}
