package io.jesync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One live process per instance id. Claims are owned by {@code <instance id>#<life>}, and a starting process
 * releases what earlier lives of its id held, because it takes them for dead; a second process started with the same
 * id (the default id is the host name, so two containers on one host share it) would free the live claims of the
 * first. So each life announces itself in {@code instance_presence} and counts a beat up while it runs; a start that
 * finds the row of another life watches the beat for a while, refuses to start if it moves, and takes the row over if
 * it does not (the earlier life died without a goodbye). The beat also renews this life's claims, so a send that takes
 * longer than its lease (retries inside one call can take minutes) is not taken over while it is still running.
 */
public final class InstancePresence {
    /** The tables whose rows are claimed; a live life keeps its claims on them from running out. */
    private static final Set<String> CLAIMABLE = Set.of("order_ledger", "status_action", "order_reversal");
    /** How long a renewal holds: several beats, so one late beat loses nothing. */
    static final Duration RENEWAL = Duration.ofMinutes(2);

    private final Database database;
    private final Clock clock;
    private final String instanceId;
    private final String owner;

    /** Waits between two looks at another life's beat; the runtime sleeps, tests let the other life beat. */
    @FunctionalInterface
    public interface Pause {
        void pause() throws InterruptedException;
    }

    /** The instance id is in use by a life that is still beating. */
    public static final class InUseException extends RuntimeException {
        InUseException(String message) {
            super(message);
        }
    }

    public InstancePresence(Database database, Clock clock, String instanceId, String owner) {
        this.database = database;
        this.clock = clock;
        this.instanceId = instanceId;
        this.owner = owner;
    }

    /**
     * Takes the instance id for this life. A row of another life is watched {@code looks} times, with {@code pause}
     * between looks; if its beat moves meanwhile, that life is running and this start is refused.
     *
     * @throws InUseException when another live process has the same instance id
     */
    public void enter(int looks, Pause pause) throws InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Row> found = read();
            if (found.isEmpty()) {
                if (insert()) {
                    return;
                }
                continue;
            }
            Row other = found.get();
            if (other.owner().equals(owner)) {
                return;
            }
            for (int look = 0; look < looks; look++) {
                pause.pause();
                Optional<Row> now = read();
                if (now.isEmpty() || !now.get().owner().equals(other.owner())) {
                    break;
                }
                if (now.get().beat() != other.beat()) {
                    throw new InUseException("Another process is running with app.instance-id '" + instanceId
                            + "' (started " + other.startedAt() + ", its heartbeat is moving): give every instance"
                            + " its own app.instance-id, or stop the other one first");
                }
            }
            if (takeOver(other)) {
                return;
            }
        }
        throw new InUseException("Could not take app.instance-id '" + instanceId + "': other processes keep taking it");
    }

    /**
     * One beat: counts up and renews every claim this life holds. @return false when the row is no longer this
     * life's (another process took it over after this one stalled), so the caller can stop working.
     */
    public boolean beat() {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection()) {
            boolean ours;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE instance_presence SET beat = beat + 1, beat_at = ? WHERE instance_id = ? AND owner = ?")) {
                Jdbc.setInstant(update, 1, now);
                update.setString(2, instanceId);
                update.setString(3, owner);
                ours = update.executeUpdate() == 1;
            }
            if (ours) {
                for (String table : CLAIMABLE) {
                    renew(connection, table, now);
                }
            }
            return ours;
        } catch (SQLException e) {
            throw new StoreException("Cannot beat for instance " + instanceId, e);
        }
    }

    /** Gives the instance id back at a clean stop, so the next start need not watch for a beat. */
    public void leave() {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM instance_presence WHERE instance_id = ? AND owner = ?")) {
            delete.setString(1, instanceId);
            delete.setString(2, owner);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot release instance " + instanceId, e);
        }
    }

    /** Lives of this instance id own claims as {@code <id>#<life>}; the live one renews the ones still held. */
    private void renew(Connection connection, String table, Instant now) throws SQLException {
        String prefix = instanceId + "#";
        Instant until = now.plus(RENEWAL);
        List<Object[]> held = new ArrayList<>();
        // Filtered here rather than with LIKE: instance ids may hold LIKE wildcards, and few rows are held.
        try (PreparedStatement select = connection.prepareStatement("SELECT id, claimed_by FROM " + table
                + " WHERE claimed_by IS NOT NULL AND claimed_until > ? AND claimed_until < ?")) {
            Jdbc.setInstant(select, 1, now);
            Jdbc.setInstant(select, 2, until);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString("claimed_by").startsWith(prefix)) {
                        held.add(new Object[] {rs.getLong("id"), rs.getString("claimed_by")});
                    }
                }
            }
        }
        // Only the lease moves, not the version: the worker's next transition still matches what it holds.
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND claimed_until > ?")) {
            for (Object[] row : held) {
                Jdbc.setInstant(update, 1, until);
                update.setLong(2, (Long) row[0]);
                update.setString(3, (String) row[1]);
                Jdbc.setInstant(update, 4, now);
                update.executeUpdate();
            }
        }
    }

    private record Row(String owner, long beat, Instant startedAt) {
    }

    private Optional<Row> read() {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT owner, beat, started_at FROM instance_presence WHERE instance_id = ?")) {
            select.setString(1, instanceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString("owner"), rs.getLong("beat"),
                        Jdbc.getInstant(rs, "started_at"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the presence of instance " + instanceId, e);
        }
    }

    private boolean insert() {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO instance_presence (instance_id,"
                     + " owner, beat, started_at, beat_at) VALUES (?, ?, 0, ?, ?)")) {
            insert.setString(1, instanceId);
            insert.setString(2, owner);
            Jdbc.setInstant(insert, 3, now);
            Jdbc.setInstant(insert, 4, now);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Jdbc.isDuplicateKey(e)) {
                return false;
            }
            throw new StoreException("Cannot record the presence of instance " + instanceId, e);
        }
    }

    /** Takes the row of a life that stopped beating; of several starters at most one wins. */
    private boolean takeOver(Row dead) {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE instance_presence SET owner = ?,"
                     + " beat = 0, started_at = ?, beat_at = ? WHERE instance_id = ? AND owner = ? AND beat = ?")) {
            update.setString(1, owner);
            Jdbc.setInstant(update, 2, now);
            Jdbc.setInstant(update, 3, now);
            update.setString(4, instanceId);
            update.setString(5, dead.owner());
            update.setLong(6, dead.beat());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Cannot take over the presence of instance " + instanceId, e);
        }
    }
}
