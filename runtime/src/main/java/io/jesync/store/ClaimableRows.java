package io.jesync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lease discipline every ledger shares, written once: a row is held by one worker at a time
 * ({@code claimed_by} until {@code claimed_until}), a lease that ran out is adopted by the next claimer, and a
 * ledger row moves only from the state (and version) its mover last saw.
 *
 * <p>Why one caller wins: both databases re-check an UPDATE's conditions on the row version they locked
 * (PostgreSQL re-reads the row a blocked UPDATE waited for, H2 2.x re-evaluates the locked row), so among
 * concurrent claimers only the first still sees a free lease; {@code ClaimableRowsTest} and the ledgers' store
 * tests race callers on both databases to hold this. All times come from the caller's clock, never from SQL, so
 * leases can be tested; in the runtime that clock is the database's ({@link DatabaseClock}), so instances whose
 * hosts' clocks disagree still agree on when a lease ends.
 *
 * <p>A ledger table has the columns {@code state}, {@code next_attempt_at}, {@code attempts},
 * {@code updated_at} and {@code version} besides the lease; every change bumps the version. A reservation table
 * has only the lease columns and a condition saying while a row may be claimed.
 */
public final class ClaimableRows {

    /** How many due rows one poll of a flow lists at most, so a backlog is worked off over several polls. */
    public static final int DUE_PER_POLL = 500;

    private static final String LEASE_FREE = "(%1$sclaimed_until IS NULL OR %1$sclaimed_until <= ?)";

    private final String table;
    private final List<String> key;
    private final boolean ledger;
    private final List<String> openStates;
    private final List<String> waitingStates;
    private final String claimableWhen;
    private final String adoptedFrom;
    private final String adoptedAs;

    private ClaimableRows(String table, List<String> key, boolean ledger, List<String> openStates,
                          List<String> waitingStates, String claimableWhen, String adoptedFrom, String adoptedAs) {
        this.table = table;
        this.key = List.copyOf(key);
        this.ledger = ledger;
        this.openStates = List.copyOf(openStates);
        this.waitingStates = List.copyOf(waitingStates);
        this.claimableWhen = claimableWhen;
        this.adoptedFrom = adoptedFrom;
        this.adoptedAs = adoptedAs;
    }

    /**
     * A ledger table, keyed by {@code key}. A row is due in one of {@code openStates} once its
     * {@code next_attempt_at} is unset or past, in one of {@code waitingStates} only once it is set and past (a
     * finished-for-now row that has a follow-up planned).
     */
    public static ClaimableRows ledger(String table, List<String> key, List<String> openStates,
                                       List<String> waitingStates) {
        return new ClaimableRows(table, key, true, openStates, waitingStates, null, null, null);
    }

    /** A table of reservations: a row may be claimed while {@code claimableWhen} (SQL without parameters) holds. */
    public static ClaimableRows reservations(String table, List<String> key, String claimableWhen) {
        return new ClaimableRows(table, key, false, List.of(), List.of(), claimableWhen, null, null);
    }

    /**
     * A row adopted in state {@code from} changes to {@code to}: a worker that died while sending leaves an
     * outcome nobody knows, so its successor must look before it sends again.
     */
    public ClaimableRows adoptingAs(String from, String to) {
        return new ClaimableRows(table, key, ledger, openStates, waitingStates, claimableWhen, from, to);
    }

    /**
     * Runs {@code insert}; false when a row with its key exists (another worker won the race). Runs in autocommit:
     * on PostgreSQL a failed statement aborts its whole transaction, so the loser must not share one with the
     * claim that follows. Both drivers wait for a concurrent uncommitted insert of the same key and report the
     * clash once it commits.
     */
    public static boolean insertUnlessPresent(Connection connection, String insert, Binder binder)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            binder.bind(statement);
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Jdbc.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Claims the row for {@code lease} when it is claimable now: nobody holds a live lease (an expired one is
     * adopted) and it is due. Of any number of concurrent callers at most one wins.
     */
    public boolean claim(Connection connection, List<?> keyValues, String owner, Instant now, Duration lease)
            throws SQLException {
        RowChanges changes = RowChanges.none().set("claimed_by", owner).set("claimed_until", now.plus(lease));
        if (adoptedFrom != null) {
            changes = changes.setTo("state", "CASE WHEN state = '" + adoptedFrom + "' THEN '" + adoptedAs
                    + "' ELSE state END");
        }
        return update(keyValues).claimableAt(now).apply(connection, changes, now);
    }

    /**
     * The condition that a row may be claimed at the time bound by {@link #bindClaimable}, with columns of the
     * table alias {@code alias} ("" for none), for the ledgers' lists of due work.
     */
    public String claimable(String alias) {
        String prefix = alias.isEmpty() ? "" : alias + ".";
        String free = LEASE_FREE.formatted(prefix);
        if (!ledger) {
            return free + " AND (" + claimableWhen + ")";
        }
        String due = prefix + "state IN (" + quoted(openStates) + ") AND (" + prefix + "next_attempt_at IS NULL OR "
                + prefix + "next_attempt_at <= ?)";
        if (!waitingStates.isEmpty()) {
            due += " OR " + prefix + "state IN (" + quoted(waitingStates) + ") AND " + prefix
                    + "next_attempt_at IS NOT NULL AND " + prefix + "next_attempt_at <= ?";
        }
        return free + " AND (" + due + ")";
    }

    /** @return the next free parameter index */
    public int bindClaimable(PreparedStatement statement, int index, Instant now) throws SQLException {
        for (int i = 0; i < claimableParameters(); i++) {
            Jdbc.setInstant(statement, index++, now);
        }
        return index;
    }

    private int claimableParameters() {
        return !ledger ? 1 : waitingStates.isEmpty() ? 2 : 3;
    }

    /** A change of the row with key {@code keyValues}, applied only when the conditions added to it hold. */
    public Update update(List<?> keyValues) {
        if (keyValues.size() != key.size()) {
            throw new IllegalArgumentException(table + " is keyed by " + key + ", not by " + keyValues);
        }
        return new Update(keyValues);
    }

    /**
     * Up to {@code limit} rows of a shop that can be claimed now, read by {@code select}: a query whose parameters
     * are the shop's id, then those of {@link #claimable}.
     */
    public <T> List<T> due(Database database, String select, String shopId, Instant now, int limit,
                           Reader<T> reader) {
        return list(database, select, limit, reader, "the due " + table + " rows of shop " + shopId, statement -> {
            statement.setString(1, shopId);
            bindClaimable(statement, 2, now);
        });
    }

    /**
     * Up to {@code limit} rows of a shop (of every shop when {@code shopId} is null) in {@code state}, read by
     * {@code select}: a query with the condition {@code (? IS NULL OR shop_id = ?) AND state = ?}.
     */
    public <T> List<T> inState(Database database, String select, String shopId, String state, int limit,
                               Reader<T> reader) {
        return list(database, select, limit, reader, "the " + state + " " + table + " rows", statement -> {
            statement.setString(1, shopId);
            statement.setString(2, shopId);
            statement.setString(3, state);
        });
    }

    private static <T> List<T> list(Database database, String sql, int limit, Reader<T> reader, String what,
                                    Binder binder) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            select.setMaxRows(limit);
            return reader.read(select);
        } catch (SQLException e) {
            throw new StoreException("Cannot list " + what, e);
        }
    }

    /** Turns a query's result into rows. */
    @FunctionalInterface
    public interface Reader<T> {
        List<T> read(PreparedStatement select) throws SQLException;
    }

    /** Binds parameters of a statement written by the caller. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** One conditional UPDATE of one row; on a ledger table it also stamps {@code updated_at} and bumps the version. */
    public final class Update {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        private Update(List<?> keyValues) {
            for (int i = 0; i < key.size(); i++) {
                conditions.add(key.get(i) + " = ?");
                parameters.add(keyValues.get(i));
            }
        }

        /** Only from one of {@code states}. */
        public Update inState(List<String> states) {
            conditions.add("state IN (" + states.stream().map(s -> "?").collect(Collectors.joining(", ")) + ")");
            parameters.addAll(states);
            return this;
        }

        public Update inState(String state) {
            return inState(List.of(state));
        }

        /** Only if nobody changed the row since the mover read {@code version}. */
        public Update atVersion(long version) {
            conditions.add("version = ?");
            parameters.add(version);
            return this;
        }

        /** Only while no worker holds a live lease at {@code now}. */
        public Update unheldAt(Instant now) {
            conditions.add(LEASE_FREE.formatted(""));
            parameters.add(now);
            return this;
        }

        /** Only while {@code owner} holds the lease (even one that ran out, as long as nobody adopted it). */
        public Update heldBy(String owner) {
            conditions.add("claimed_by = ?");
            parameters.add(owner);
            return this;
        }

        /** Only while {@code predicate} (SQL without parameters) holds. */
        public Update where(String predicate) {
            conditions.add(predicate);
            return this;
        }

        private Update claimableAt(Instant now) {
            conditions.add(claimable(""));
            for (int i = 0; i < claimableParameters(); i++) {
                parameters.add(now);
            }
            return this;
        }

        /** @return whether the row matched and was changed */
        public boolean apply(Connection connection, RowChanges changes, Instant now) throws SQLException {
            List<String> assignments = new ArrayList<>(changes.assignments());
            if (ledger) {
                assignments.add("updated_at = ?");
                assignments.add("version = version + 1");
            }
            String sql = "UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE "
                    + String.join(" AND ", conditions);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = changes.bind(statement, 1);
                if (ledger) {
                    Jdbc.setInstant(statement, index++, now);
                }
                for (Object parameter : parameters) {
                    bind(statement, index++, parameter);
                }
                return statement.executeUpdate() == 1;
            }
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Instant instant) {
            Jdbc.setInstant(statement, index, instant);
        } else {
            throw new IllegalArgumentException("Cannot bind " + value.getClass().getName());
        }
    }

    private static String quoted(List<String> states) {
        return states.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
    }
}
