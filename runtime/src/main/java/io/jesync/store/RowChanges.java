package io.jesync.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns one {@link ClaimableRows} update sets. Columns not mentioned keep their value; a column set to
 * {@code null} is cleared. Each value carries its SQL type, so a null binds correctly on PostgreSQL too.
 * Immutable: each method returns a copy. The ledgers wrap it in their own typed changes.
 */
public final class RowChanges {

    private record Value(Object value, int sqlType, String expression) {
    }

    private final Map<String, Value> values;
    private final boolean countAttempt;
    private final boolean releaseClaim;

    private RowChanges(Map<String, Value> values, boolean countAttempt, boolean releaseClaim) {
        this.values = values;
        this.countAttempt = countAttempt;
        this.releaseClaim = releaseClaim;
    }

    public static RowChanges none() {
        return new RowChanges(new LinkedHashMap<>(), false, false);
    }

    public RowChanges set(String column, String value) {
        return with(column, new Value(value, Types.VARCHAR, null));
    }

    public RowChanges set(String column, Long value) {
        return with(column, new Value(value, Types.BIGINT, null));
    }

    public RowChanges set(String column, Integer value) {
        return with(column, new Value(value, Types.INTEGER, null));
    }

    public RowChanges set(String column, Instant value) {
        return with(column, new Value(value, Types.TIMESTAMP_WITH_TIMEZONE, null));
    }

    public RowChanges clear(String column) {
        return setTo(column, "NULL");
    }

    /** A value the database computes from the row, e.g. a state that depends on another column. */
    public RowChanges setTo(String column, String sqlExpression) {
        return with(column, new Value(null, Types.OTHER, sqlExpression));
    }

    /** Adds one to {@code attempts}, for a change that records a try against a remote system. */
    public RowChanges countAttempt() {
        return new RowChanges(values, true, releaseClaim);
    }

    /** Ends the lease, so the row can be claimed again as soon as it is due. */
    public RowChanges releaseClaim() {
        return new RowChanges(values, countAttempt, true);
    }

    public boolean releasesClaim() {
        return releaseClaim;
    }

    /** The SET items, in the order {@link #bind} binds them. */
    List<String> assignments() {
        List<String> items = new ArrayList<>();
        values.forEach((column, value) -> items.add(column + " = "
                + (value.expression() == null ? "?" : value.expression())));
        if (countAttempt) {
            items.add("attempts = attempts + 1");
        }
        if (releaseClaim) {
            items.add("claimed_by = NULL");
            items.add("claimed_until = NULL");
        }
        return items;
    }

    /** @return the next free parameter index */
    int bind(PreparedStatement statement, int index) throws SQLException {
        for (Value value : values.values()) {
            if (value.expression() != null) {
                continue;
            }
            if (value.sqlType() == Types.TIMESTAMP_WITH_TIMEZONE) {
                Jdbc.setInstant(statement, index++, (Instant) value.value());
            } else if (value.value() == null) {
                statement.setNull(index++, value.sqlType());
            } else {
                statement.setObject(index++, value.value(), value.sqlType());
            }
        }
        return index;
    }

    private RowChanges with(String column, Value value) {
        Map<String, Value> copy = new LinkedHashMap<>(values);
        copy.put(column, value);
        return new RowChanges(copy, countAttempt, releaseClaim);
    }
}
