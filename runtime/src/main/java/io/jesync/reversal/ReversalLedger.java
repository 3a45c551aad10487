package io.jesync.reversal;

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

import io.jesync.status.CancellationRecords;
import io.jesync.store.ClaimableRows;
import io.jesync.store.Database;
import io.jesync.store.EarlierLives;
import io.jesync.store.Jdbc;
import io.jesync.store.LedgerRow;
import io.jesync.store.RowChanges;
import io.jesync.store.StoreException;

/**
 * The reversals of transferred orders (table {@code order_reversal}), with the order ledger's discipline: the
 * intent is a row inserted before anything is sent, unique on (shop, order, seq) so that of two workers that
 * detect the same change only one inserts it; one worker at a time holds a row by a lease; every transition
 * checks the version it was handed.
 */
public final class ReversalLedger implements CancellationRecords {

    private static final String COLUMNS = """
            shop_id, order_no, seq, kind, lines, state, action, idempotency_key, references_other,
            economic_draft_number, economic_booked_number, """ + LedgerRow.COLUMNS;
    private static final String SELECT_ONE =
            "SELECT " + COLUMNS + " FROM order_reversal WHERE shop_id = ? AND order_no = ? AND seq = ?";
    private static final String SELECT_ORDER =
            "SELECT " + COLUMNS + " FROM order_reversal WHERE shop_id = ? AND order_no = ? ORDER BY seq";
    private static final String INSERT = """
            INSERT INTO order_reversal (shop_id, order_no, seq, kind, lines, state, idempotency_key, references_other,
                                        attempts, created_at, updated_at, version)
            VALUES (?, ?, ?, ?, ?, 'NEW', ?, ?, 0, ?, ?, 0)""";
    /* As for orders: a SENDING row of a worker that died is handed over IN_DOUBT; CREATED is due for its booking. */
    private static final ClaimableRows ROWS = ClaimableRows.ledger("order_reversal",
            List.of("shop_id", "order_no", "seq"), List.of("NEW", "IN_DOUBT", "SENDING"), List.of("FAILED", "CREATED"))
            .adoptingAs("SENDING", "IN_DOUBT");
    private static final String SELECT_DUE = "SELECT " + COLUMNS + " FROM order_reversal WHERE shop_id = ? AND "
            + ROWS.claimable("") + " ORDER BY updated_at, order_no, seq";
    private static final String SELECT_IN_STATE = "SELECT " + COLUMNS
            + " FROM order_reversal WHERE (? IS NULL OR shop_id = ?) AND state = ? ORDER BY updated_at DESC, id DESC";
    /*
     * A reversal that had already decided what to send goes back in doubt, so it is looked up in e-conomic before
     * anything is sent again; one that had not is decided afresh (the policy or the document may have changed).
     */
    private static final RowChanges REQUEUE = RowChanges.none()
            .setTo("state", "CASE WHEN action IS NULL THEN 'NEW' ELSE 'IN_DOUBT' END").clear("reason")
            .clear("next_attempt_at").releaseClaim();
    /* Only a settled-for-now reversal nobody holds: a parked or failed one has nothing in flight in e-conomic. */
    private static final List<String> SETTLED = List.of("PARKED", "FAILED");

    private final Database database;
    private final Clock clock;

    public ReversalLedger(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Records the intent to reverse, unclaimed and due at once.
     *
     * @return the new row, or empty when another worker already inserted this seq for the order
     */
    public Optional<ReversalEntry> insert(String shopId, String orderNo, int seq, ReversalKind kind, String linesJson,
                                          String idempotencyKey, String referencesOther) {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection()) {
            boolean inserted = ClaimableRows.insertUnlessPresent(connection, INSERT, insert -> {
                insert.setString(1, shopId);
                insert.setString(2, orderNo);
                insert.setInt(3, seq);
                insert.setString(4, kind.name());
                insert.setString(5, linesJson);
                insert.setString(6, idempotencyKey);
                insert.setString(7, referencesOther);
                Jdbc.setInstant(insert, 8, now);
                Jdbc.setInstant(insert, 9, now);
            });
            return inserted ? find(connection, shopId, orderNo, seq) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot record reversal " + seq + " of order " + shopId + "/" + orderNo, e);
        }
    }

    /**
     * Claims a reversal for {@code lease} when it is due and nobody holds a live lease; a SENDING row of a worker
     * that died is handed over as IN_DOUBT. Of concurrent callers at most one wins.
     */
    public Optional<ReversalEntry> claim(String shopId, String orderNo, int seq, String owner, Duration lease) {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection()) {
            return ROWS.claim(connection, List.of(shopId, orderNo, seq), owner, now, lease)
                    ? find(connection, shopId, orderNo, seq) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot claim reversal " + seq + " of order " + shopId + "/" + orderNo, e);
        }
    }

    /** Moves a reversal from {@code from} to {@code to} if nobody changed it since {@code expectedVersion}. */
    public Optional<ReversalEntry> transition(ReversalEntry current, ReversalState to, ReversalChanges changes) {
        String shopId = current.shopId();
        String orderNo = current.orderNo();
        try (Connection connection = database.dataSource().getConnection()) {
            boolean moved = ROWS.update(List.of(shopId, orderNo, current.seq())).inState(current.state().name())
                    .atVersion(current.row().version())
                    .apply(connection, changes.row().set("state", to.name()), clock.instant());
            return moved ? find(connection, shopId, orderNo, current.seq()) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot move reversal " + current.seq() + " of order " + shopId + "/" + orderNo
                    + " to " + to, e);
        }
    }

    /** Every reversal of one order, in the order they were detected. */
    @Override
    public Optional<Cancellation> cancellation(String shopId, String orderNo) {
        return forOrder(shopId, orderNo).stream().filter(r -> r.kind() == ReversalKind.CANCEL).findFirst()
                .map(c -> new Cancellation(c.seq(), c.state().name(), c.action(), c.economicBookedNumber()));
    }

    public List<ReversalEntry> forOrder(String shopId, String orderNo) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_ORDER)) {
            select.setString(1, shopId);
            select.setString(2, orderNo);
            return entries(select);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the reversals of order " + shopId + "/" + orderNo, e);
        }
    }

    /** Reversals of one shop (or all when {@code shopId} is null) in {@code state}, most recently changed first. */
    public List<ReversalEntry> inState(String shopId, ReversalState state, int limit) {
        return ROWS.inState(database, SELECT_IN_STATE, shopId, state.name(), limit, ReversalLedger::entries);
    }

    /** Hands a parked or failed reversal back to the worker; empty when it is neither. */
    public Optional<ReversalEntry> requeue(String shopId, String orderNo, int seq) {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection()) {
            return ROWS.update(List.of(shopId, orderNo, seq)).inState(SETTLED).apply(connection, REQUEUE, now)
                    ? find(connection, shopId, orderNo, seq) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot requeue reversal " + seq + " of order " + shopId + "/" + orderNo, e);
        }
    }

    /** Marks a parked or failed reversal as not to be carried out; empty when it is neither (or being worked on). */
    public Optional<ReversalEntry> skip(String shopId, String orderNo, int seq, String reason) {
        Instant now = Jdbc.truncate(clock.instant());
        RowChanges skip = RowChanges.none().set("state", ReversalState.SKIPPED.name()).set("reason", reason)
                .clear("next_attempt_at").releaseClaim();
        try (Connection connection = database.dataSource().getConnection()) {
            return ROWS.update(List.of(shopId, orderNo, seq)).inState(SETTLED).unheldAt(now)
                    .apply(connection, skip, now)
                    ? find(connection, shopId, orderNo, seq) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot skip reversal " + seq + " of order " + shopId + "/" + orderNo, e);
        }
    }

    /** Up to {@code limit} reversals of a shop that need work now. */
    public List<ReversalEntry> due(String shopId, int limit) {
        return ROWS.due(database, SELECT_DUE, shopId, Jdbc.truncate(clock.instant()), limit, ReversalLedger::entries);
    }

    private static Optional<ReversalEntry> find(Connection connection, String shopId, String orderNo, int seq)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
            select.setString(1, shopId);
            select.setString(2, orderNo);
            select.setInt(3, seq);
            List<ReversalEntry> found = entries(select);
            return found.stream().findFirst();
        }
    }

    private static List<ReversalEntry> entries(PreparedStatement select) throws SQLException {
        List<ReversalEntry> entries = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                entries.add(new ReversalEntry(
                        rs.getString("shop_id"),
                        rs.getString("order_no"),
                        rs.getInt("seq"),
                        ReversalKind.valueOf(rs.getString("kind")),
                        rs.getString("lines"),
                        ReversalState.valueOf(rs.getString("state")),
                        rs.getString("action"),
                        rs.getString("idempotency_key"),
                        rs.getString("references_other"),
                        Jdbc.getLong(rs, "economic_draft_number"),
                        Jdbc.getLong(rs, "economic_booked_number"),
                        LedgerRow.read(rs)));
            }
        }
        return entries;
    }

    /** Ends the leases earlier lives of this instance held on reversals; see {@link OrderLedger#expireClaimsOfEarlierLives}. */
    public int expireClaimsOfEarlierLives(String instanceId, String currentOwner) {
        return EarlierLives.release(database, clock, "order_reversal", instanceId, currentOwner);
    }
}
