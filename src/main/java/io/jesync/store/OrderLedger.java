package io.jesync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order ledger: one row per (shop, order number), claimed by exactly one worker at a time
 * across threads and instances, and moved through {@link OrderState} with an optimistic version
 * check. All times come from the injected clock, never from the database, so leases can be tested.
 */
public final class OrderLedger {

    private static final String COLUMNS = """
            shop_id, order_no, channel, state, document_type, economic_document_number, economic_booked_number,
            idempotency_key, references_other, payload, payload_hash, reason, attempts, next_attempt_at,
            claimed_by, claimed_until, created_at, updated_at, version""";
    private static final String SELECT_ONE =
            "SELECT " + COLUMNS + " FROM order_ledger WHERE shop_id = ? AND order_no = ?";
    private static final String INSERT_NEW = """
            INSERT INTO order_ledger (shop_id, order_no, channel, state, attempts, claimed_by, claimed_until,
                                      created_at, updated_at, version)
            VALUES (?, ?, ?, 'NEW', 0, ?, ?, ?, ?, 0)""";
    /*
     * Both databases re-check the conditions on the row version they locked (PostgreSQL re-reads the
     * row a blocked UPDATE waited for, H2 2.x re-evaluates the locked row), so among concurrent callers
     * only the first sees an expired lease; StoreOrderLedgerTest races 16 callers to hold this. A SENDING row whose lease expired belonged to a worker that
     * died mid-send: its outcome is unknown, so it is handed over as IN_DOUBT.
     */
    private static final String TAKE_OVER = """
            UPDATE order_ledger
            SET claimed_by = ?, claimed_until = ?, updated_at = ?, version = version + 1,
                state = CASE WHEN state = 'SENDING' THEN 'IN_DOUBT' ELSE state END
            WHERE shop_id = ? AND order_no = ?
              AND (claimed_until IS NULL OR claimed_until <= ?)
              AND (state IN ('NEW', 'IN_DOUBT', 'SENDING')
                   AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                OR state = 'FAILED' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?)""";
    private static final String TRANSITION = """
            UPDATE order_ledger
            SET state = ?,
                document_type = CASE WHEN ? THEN ? ELSE document_type END,
                economic_document_number = CASE WHEN ? THEN ? ELSE economic_document_number END,
                economic_booked_number = CASE WHEN ? THEN ? ELSE economic_booked_number END,
                idempotency_key = CASE WHEN ? THEN ? ELSE idempotency_key END,
                references_other = CASE WHEN ? THEN ? ELSE references_other END,
                payload = CASE WHEN ? THEN ? ELSE payload END,
                payload_hash = CASE WHEN ? THEN ? ELSE payload_hash END,
                reason = CASE WHEN ? THEN ? ELSE reason END,
                next_attempt_at = CASE WHEN ? THEN ? ELSE next_attempt_at END,
                attempts = attempts + ?,
                claimed_by = CASE WHEN ? THEN NULL ELSE claimed_by END,
                claimed_until = CASE WHEN ? THEN NULL ELSE claimed_until END,
                updated_at = ?,
                version = version + 1
            WHERE shop_id = ? AND order_no = ? AND state = ? AND version = ?""";
    private static final String INSERT_EVENT = """
            INSERT INTO order_event (shop_id, order_no, at, step, detail, http_status, request_id, attempt, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT_EVENTS = """
            SELECT id, shop_id, order_no, at, step, detail, http_status, request_id, attempt, payload
            FROM order_event WHERE shop_id = ? AND order_no = ? ORDER BY at, id""";

    private final Database database;
    private final Clock clock;

    public OrderLedger(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Claims an order for {@code leaseDuration}. Wins when this call creates the row, or when the row
     * is retryable (NEW, IN_DOUBT, or FAILED with a due {@code next_attempt_at}; SENDING becomes
     * IN_DOUBT) and nobody holds an unexpired lease. Of any number of concurrent callers at most one wins.
     *
     * @return the claim, or empty when someone else holds the order or it needs no more work
     */
    public Optional<Claim> claim(String shopId, String orderNo, String channel, String claimOwner,
                                 Duration leaseDuration) {
        Instant now = Jdbc.truncate(clock.instant());
        Instant until = now.plus(leaseDuration);
        try (Connection connection = database.dataSource().getConnection()) {
            if (insertNew(connection, shopId, orderNo, channel, claimOwner, until, now)) {
                return Optional.of(new Claim(findRequired(connection, shopId, orderNo), true));
            }
            if (takeOver(connection, shopId, orderNo, claimOwner, until, now)) {
                return Optional.of(new Claim(findRequired(connection, shopId, orderNo), false));
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot claim order " + shopId + "/" + orderNo, e);
        }
    }

    /**
     * Moves an order from {@code from} to {@code to} if nobody changed it since {@code expectedVersion}
     * (a claim, or an earlier transition, hands out that version).
     *
     * @return the updated row, or empty when the state or version no longer match
     */
    public Optional<LedgerEntry> transition(String shopId, String orderNo, long expectedVersion, OrderState from,
                                            OrderState to, LedgerChanges changes) {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement update = connection.prepareStatement(TRANSITION)) {
                    bindTransition(update, shopId, orderNo, expectedVersion, from, to, changes);
                    updated = update.executeUpdate();
                }
                Optional<LedgerEntry> result = updated == 1 ? find(connection, shopId, orderNo) : Optional.empty();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot move order " + shopId + "/" + orderNo + " to " + to, e);
        }
    }

    public Optional<LedgerEntry> find(String shopId, String orderNo) {
        try (Connection connection = database.dataSource().getConnection()) {
            return find(connection, shopId, orderNo);
        } catch (SQLException e) {
            throw new StoreException("Cannot read order " + shopId + "/" + orderNo, e);
        }
    }

    public OrderEvent appendEvent(String shopId, String orderNo, String step, String detail) {
        return appendEvent(shopId, orderNo, step, detail, null, null, null, null);
    }

    /** Records a timeline step; {@code payload} must already have its secrets masked. */
    public OrderEvent appendEvent(String shopId, String orderNo, String step, String detail, Integer httpStatus,
                                  String requestId, Integer attempt, String payload) {
        Instant at = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_EVENT, new String[] {"id"})) {
            insert.setString(1, shopId);
            insert.setString(2, orderNo);
            Jdbc.setInstant(insert, 3, at);
            insert.setString(4, step);
            insert.setString(5, detail);
            Jdbc.setInteger(insert, 6, httpStatus);
            insert.setString(7, requestId);
            Jdbc.setInteger(insert, 8, attempt);
            insert.setString(9, payload);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new OrderEvent(keys.getLong(1), shopId, orderNo, at, step, detail, httpStatus, requestId,
                        attempt, payload);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot record event " + step + " for order " + shopId + "/" + orderNo, e);
        }
    }

    /** The timeline of one order, oldest first. */
    public List<OrderEvent> events(String shopId, String orderNo) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_EVENTS)) {
            select.setString(1, shopId);
            select.setString(2, orderNo);
            List<OrderEvent> events = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(new OrderEvent(rs.getLong("id"), rs.getString("shop_id"), rs.getString("order_no"),
                            Jdbc.getInstant(rs, "at"), rs.getString("step"), rs.getString("detail"),
                            Jdbc.getInteger(rs, "http_status"), rs.getString("request_id"),
                            Jdbc.getInteger(rs, "attempt"), rs.getString("payload")));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new StoreException("Cannot read events of order " + shopId + "/" + orderNo, e);
        }
    }

    /**
     * Runs in autocommit: on PostgreSQL a failed statement aborts its whole transaction, so the
     * duplicate-key loser must not share one with the take-over that follows.
     */
    private static boolean insertNew(Connection connection, String shopId, String orderNo, String channel,
                                     String claimOwner, Instant until, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
            insert.setString(1, shopId);
            insert.setString(2, orderNo);
            insert.setString(3, channel);
            insert.setString(4, claimOwner);
            Jdbc.setInstant(insert, 5, until);
            Jdbc.setInstant(insert, 6, now);
            Jdbc.setInstant(insert, 7, now);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Jdbc.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean takeOver(Connection connection, String shopId, String orderNo, String claimOwner,
                                    Instant until, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(TAKE_OVER)) {
            update.setString(1, claimOwner);
            Jdbc.setInstant(update, 2, until);
            Jdbc.setInstant(update, 3, now);
            update.setString(4, shopId);
            update.setString(5, orderNo);
            Jdbc.setInstant(update, 6, now);
            Jdbc.setInstant(update, 7, now);
            Jdbc.setInstant(update, 8, now);
            return update.executeUpdate() == 1;
        }
    }

    private void bindTransition(PreparedStatement update, String shopId, String orderNo, long expectedVersion,
                                OrderState from, OrderState to, LedgerChanges changes) throws SQLException {
        int index = 1;
        update.setString(index++, to.name());
        for (LedgerChanges.Field field : LedgerChanges.Field.values()) {
            update.setBoolean(index++, changes.isSet(field));
            Object value = changes.value(field);
            switch (field) {
                case ECONOMIC_DOCUMENT_NUMBER, ECONOMIC_BOOKED_NUMBER -> Jdbc.setLong(update, index++, (Long) value);
                case NEXT_ATTEMPT_AT -> Jdbc.setInstant(update, index++, (Instant) value);
                default -> {
                    if (value == null) {
                        update.setNull(index++, Types.VARCHAR);
                    } else {
                        update.setString(index++, (String) value);
                    }
                }
            }
        }
        update.setInt(index++, changes.countsAttempt() ? 1 : 0);
        update.setBoolean(index++, changes.releasesClaim());
        update.setBoolean(index++, changes.releasesClaim());
        Jdbc.setInstant(update, index++, clock.instant());
        update.setString(index++, shopId);
        update.setString(index++, orderNo);
        update.setString(index++, from.name());
        update.setLong(index, expectedVersion);
    }

    private static LedgerEntry findRequired(Connection connection, String shopId, String orderNo)
            throws SQLException {
        return find(connection, shopId, orderNo)
                .orElseThrow(() -> new StoreException("Order " + shopId + "/" + orderNo + " vanished after its claim"));
    }

    private static Optional<LedgerEntry> find(Connection connection, String shopId, String orderNo)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
            select.setString(1, shopId);
            select.setString(2, orderNo);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        }
    }

    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        return new LedgerEntry(
                rs.getString("shop_id"),
                rs.getString("order_no"),
                rs.getString("channel"),
                OrderState.valueOf(rs.getString("state")),
                rs.getString("document_type"),
                Jdbc.getLong(rs, "economic_document_number"),
                Jdbc.getLong(rs, "economic_booked_number"),
                rs.getString("idempotency_key"),
                rs.getString("references_other"),
                rs.getString("payload"),
                rs.getString("payload_hash"),
                rs.getString("reason"),
                rs.getInt("attempts"),
                Jdbc.getInstant(rs, "next_attempt_at"),
                rs.getString("claimed_by"),
                Jdbc.getInstant(rs, "claimed_until"),
                Jdbc.getInstant(rs, "created_at"),
                Jdbc.getInstant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
