package io.jesync.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.jesync.order.OrderFlowSettings.DocumentType;
import io.jesync.store.ClaimableRows;
import io.jesync.store.Database;
import io.jesync.store.EarlierLives;
import io.jesync.store.Jdbc;
import io.jesync.store.RowChanges;
import io.jesync.store.StoreException;

/**
 * The status flow's store: every e-conomic event recorded once per order, the shop actions planned for it in the
 * same transaction, and the actions claimed by one worker at a time (a lease, taken over when it runs out) and
 * moved with an optimistic version check, the pattern of {@link OrderLedger}. Times come from the injected clock.
 */
public final class StatusLedger {

    private static final String ACTION_COLUMNS = """
            a.id, a.event_id, a.shop_id, a.order_no, a.action, a.argument, a.event_rank, a.state, a.attempts,
            a.next_attempt_at, a.claimed_by, a.claimed_until, a.reason, a.created_at, a.updated_at, a.version,
            e.event_type, e.document_number""";
    private static final String ACTION_FROM = " FROM status_action a JOIN status_event e ON e.id = a.event_id ";
    /** Taken while an event is recorded, so two recorders of one order plan against the same earlier actions. */
    private static final String LOCK_ORDER =
            "SELECT id FROM order_ledger WHERE shop_id = ? AND order_no = ? FOR UPDATE";
    private static final String FIND_EVENT = """
            SELECT id FROM status_event
            WHERE shop_id = ? AND order_no = ? AND event_type = ? AND document_number = ?""";
    private static final String INSERT_EVENT = """
            INSERT INTO status_event (shop_id, order_no, event_type, document_number, document, observed_at)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ACTION = """
            INSERT INTO status_action (event_id, shop_id, order_no, action, argument, event_rank, state, attempts,
                                       reason, created_at, updated_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0)""";
    private static final String SELECT_ORDER_ACTIONS = "SELECT " + ACTION_COLUMNS + ACTION_FROM
            + "WHERE a.shop_id = ? AND a.order_no = ? ORDER BY a.id";
    private static final String SELECT_ONE_ACTION = "SELECT " + ACTION_COLUMNS + ACTION_FROM + "WHERE a.id = ?";
    /* PENDING and FAILED actions are due once their next attempt is; nothing else is ever claimed. */
    private static final ClaimableRows ROWS = ClaimableRows.ledger("status_action", List.of("id"),
            List.of("PENDING", "FAILED"), List.of());
    /*
     * Actions of one order run in the order they were planned: a later one waits while an earlier one is still
     * open (PENDING, or FAILED and backing off), so a retried "Delivered" can never land after the capture that
     * made the order Invoiced. A PARKED action waits for a person and does not hold up the rest.
     */
    private static final String SELECT_DUE = "SELECT " + ACTION_COLUMNS + ACTION_FROM + "WHERE a.shop_id = ? AND "
            + ROWS.claimable("a") + """
              AND NOT EXISTS (SELECT 1 FROM status_action p
                              WHERE p.shop_id = a.shop_id AND p.order_no = a.order_no AND p.id < a.id
                                AND p.state IN ('PENDING', 'FAILED'))
            ORDER BY a.id""";
    private static final String SELECT_IN_STATE = "SELECT " + ACTION_COLUMNS + ACTION_FROM
            + "WHERE (? IS NULL OR a.shop_id = ?) AND a.state = ? ORDER BY a.updated_at DESC, a.id DESC";
    /* Only a parked action is handed back: everything else is either running, waiting its turn or finished. */
    private static final RowChanges REQUEUE = RowChanges.none().set("state", ActionState.PENDING.name()).clear("reason")
            .clear("next_attempt_at").set("attempts", 0).releaseClaim();
    private static final String SELECT_DOCUMENT = "SELECT document FROM status_event WHERE id = ?";
    private static final String HAS_EVENT =
            "SELECT 1 FROM status_event WHERE shop_id = ? AND order_no = ? AND event_type = ?";
    private static final String SELECT_TRACKED = """
            SELECT l.shop_id, l.order_no, l.document_type, l.references_other, l.economic_document_number,
                   l.economic_booked_number, l.created_at
            FROM order_ledger l
            WHERE l.shop_id = ? AND l.created_at >= ? AND l.economic_document_number IS NOT NULL
              AND l.state IN ('ACKNOWLEDGED', 'BOOKED', 'CREATED')
              AND NOT EXISTS (SELECT 1 FROM status_event f
                              WHERE f.shop_id = l.shop_id AND f.order_no = l.order_no
                                AND f.event_type IN ('DOCUMENT_DELETED', 'CREDIT_NOTE_BOOKED'))
            ORDER BY l.created_at, l.order_no""";
    private static final int IN_LIST = 100;

    private final Database database;
    private final Clock clock;

    public StatusLedger(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** An event newly recorded, with every action planned for it (PENDING or SKIPPED). */
    public record RecordedEvent(long eventId, StatusEvent event, List<StatusActionEntry> actions) {
        public RecordedEvent {
            actions = List.copyOf(actions);
        }
    }

    /**
     * Records {@code event} and the actions {@code plan} makes from the order's earlier actions, all in one
     * transaction. An event already recorded changes nothing, so reading events again after a crash is harmless.
     *
     * @return the recorded event, or empty when it was recorded before
     */
    public Optional<RecordedEvent> record(StatusEvent event,
                                          Function<List<StatusActionEntry>, List<PlannedAction>> plan) {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                lockOrder(connection, event);
                if (eventExists(connection, event)) {
                    connection.rollback();
                    return Optional.empty();
                }
                long eventId = insertEvent(connection, event, now);
                List<PlannedAction> planned = plan.apply(actionsOf(connection, event.shopId(), event.orderNo()));
                for (PlannedAction action : planned) {
                    insertAction(connection, eventId, event, action, now);
                }
                List<StatusActionEntry> inserted = actionsOf(connection, event.shopId(), event.orderNo()).stream()
                        .filter(a -> a.eventId() == eventId).toList();
                connection.commit();
                return Optional.of(new RecordedEvent(eventId, event, inserted));
            } catch (SQLException e) {
                connection.rollback();
                if (Jdbc.isDuplicateKey(e)) {
                    // Another recorder inserted the same event between our check and our insert.
                    return Optional.empty();
                }
                throw e;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot record " + event.type().key() + " " + event.documentNumber()
                    + " of order " + event.shopId() + "/" + event.orderNo(), e);
        }
    }

    /** Every action of one order, oldest first. */
    public List<StatusActionEntry> actionsOf(String shopId, String orderNo) {
        try (Connection connection = database.dataSource().getConnection()) {
            return actionsOf(connection, shopId, orderNo);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the status actions of order " + shopId + "/" + orderNo, e);
        }
    }

    /** Actions of one shop (or all when {@code shopId} is null) in {@code state}, most recently changed first. */
    public List<StatusActionEntry> inState(String shopId, ActionState state, int limit) {
        return ROWS.inState(database, SELECT_IN_STATE, shopId, state.name(), limit, StatusLedger::actions);
    }

    /**
     * Hands a parked action back to the executor, as an operator does once the cause is fixed. Safe: every action
     * is idempotent in the shop (fixed note and invoice numbers, statuses set absolutely).
     *
     * @return the action as it is now, or empty when it is not parked
     */
    public Optional<StatusActionEntry> requeueParked(long actionId) {
        try (Connection connection = database.dataSource().getConnection()) {
            return ROWS.update(List.of(actionId)).inState(ActionState.PARKED.name())
                    .apply(connection, REQUEUE, Jdbc.truncate(clock.instant()))
                    ? find(connection, actionId) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot requeue status action " + actionId, e);
        }
    }

    /**
     * Marks a parked or failed action as not to be carried out, as an operator decides; the order's next action
     * becomes due. @return the action as it is now, or empty when it is neither parked nor failed, or running
     */
    public Optional<StatusActionEntry> skip(long actionId, String reason) {
        Instant now = Jdbc.truncate(clock.instant());
        RowChanges skip = RowChanges.none().set("state", ActionState.SKIPPED.name()).set("reason", reason)
                .clear("next_attempt_at").releaseClaim();
        try (Connection connection = database.dataSource().getConnection()) {
            // A parked action, or a failed one between attempts: neither is in flight in the shop.
            return ROWS.update(List.of(actionId)).inState(List.of("PARKED", "FAILED")).unheldAt(now)
                    .apply(connection, skip, now) ? find(connection, actionId) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot skip status action " + actionId, e);
        }
    }

    /** One thing e-conomic did with an order's document, as the status flow saw it. */
    public record SeenEvent(StatusEventType type, long documentNumber, Instant observedAt) {
    }

    /** Every event seen for one order, oldest first: the order page's business outcome. */
    public List<SeenEvent> eventsOf(String shopId, String orderNo) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT event_type, document_number, observed_at"
                     + " FROM status_event WHERE shop_id = ? AND order_no = ? ORDER BY observed_at, id")) {
            select.setString(1, shopId);
            select.setString(2, orderNo);
            List<SeenEvent> events = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(new SeenEvent(StatusEventType.valueOf(rs.getString("event_type")),
                            rs.getLong("document_number"), Jdbc.getInstant(rs, "observed_at")));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the status events of order " + shopId + "/" + orderNo, e);
        }
    }

    /** Whether an event of {@code type} was recorded for the order. */
    public boolean hasEvent(String shopId, String orderNo, StatusEventType type) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(HAS_EVENT)) {
            select.setString(1, shopId);
            select.setString(2, orderNo);
            select.setString(3, type.name());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the status events of order " + shopId + "/" + orderNo, e);
        }
    }

    public Optional<StatusActionEntry> find(long actionId) {
        try (Connection connection = database.dataSource().getConnection()) {
            return find(connection, actionId);
        } catch (SQLException e) {
            throw new StoreException("Cannot read status action " + actionId, e);
        }
    }

    /**
     * Up to {@code limit} actions of a shop that can run now: open, due, not held by a live lease, and first in
     * line for their order.
     */
    public List<StatusActionEntry> due(String shopId, int limit) {
        return ROWS.due(database, SELECT_DUE, shopId, Jdbc.truncate(clock.instant()), limit, StatusLedger::actions);
    }

    /**
     * Claims an open, due action for {@code lease}. Of any number of concurrent callers at most one wins; an
     * expired lease (its holder died mid-call) is taken over.
     *
     * @return the claimed action with the version to pass to {@link #finish}, or empty
     */
    public Optional<StatusActionEntry> claim(long actionId, String owner, Duration lease) {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection()) {
            return ROWS.claim(connection, List.of(actionId), owner, now, lease) ? find(connection, actionId)
                    : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot claim status action " + actionId, e);
        }
    }

    /**
     * Moves a claimed action to {@code to} and ends the lease, if nobody changed it since {@code expectedVersion}.
     *
     * @param nextAttemptAt when a FAILED action is due again; null otherwise
     * @return the updated action, or empty when the version no longer matches (the lease was taken over)
     */
    public Optional<StatusActionEntry> finish(long actionId, long expectedVersion, ActionState to, String reason,
                                              Instant nextAttemptAt, boolean countAttempt) {
        RowChanges finish = RowChanges.none().set("state", to.name()).set("reason", reason)
                .set("next_attempt_at", nextAttemptAt).releaseClaim();
        try (Connection connection = database.dataSource().getConnection()) {
            // The version alone proves the lease: every claim and every move bumps it.
            return ROWS.update(List.of(actionId)).atVersion(expectedVersion)
                    .apply(connection, countAttempt ? finish.countAttempt() : finish, clock.instant())
                    ? find(connection, actionId) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot move status action " + actionId + " to " + to, e);
        }
    }

    /** The e-conomic document an event was read from, as JSON; empty for events inferred from an absence. */
    public Optional<String> eventDocument(long eventId) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_DOCUMENT)) {
            select.setLong(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read status event " + eventId, e);
        }
    }

    /**
     * Orders of a shop whose later life is still watched: in e-conomic (acknowledged, or created/booked with a
     * document number), transferred at or after {@code since}, and not finished. An order is finished once its
     * document was deleted or credited; a paid order is still watched, as a credit note can follow.
     */
    public List<TrackedOrder> trackedOrders(String shopId, Instant since, int limit) {
        try (Connection connection = database.dataSource().getConnection()) {
            Map<String, TrackedRow> rows = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT_TRACKED)) {
                select.setString(1, shopId);
                Jdbc.setInstant(select, 2, since);
                select.setMaxRows(limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        TrackedRow row = new TrackedRow(rs.getString("order_no"), rs.getString("document_type"),
                                rs.getString("references_other"), Jdbc.getLong(rs, "economic_document_number"),
                                Jdbc.getInstant(rs, "created_at"), new HashSet<>(),
                                EnumSet.noneOf(StatusEventType.class));
                        Optional.ofNullable(Jdbc.getLong(rs, "economic_booked_number")).ifPresent(row.booked::add);
                        rows.put(row.orderNo, row);
                    }
                }
            }
            List<String> orderNos = new ArrayList<>(rows.keySet());
            for (int from = 0; from < orderNos.size(); from += IN_LIST) {
                List<String> chunk = orderNos.subList(from, Math.min(orderNos.size(), from + IN_LIST));
                String sql = "SELECT order_no, event_type, document_number FROM status_event WHERE shop_id = ?"
                        + " AND order_no IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                        + ")";
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    select.setString(1, shopId);
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            TrackedRow row = rows.get(rs.getString("order_no"));
                            StatusEventType type = StatusEventType.valueOf(rs.getString("event_type"));
                            row.seen.add(type);
                            if (type == StatusEventType.INVOICE_BOOKED) {
                                row.booked.add(rs.getLong("document_number"));
                            }
                        }
                    }
                }
            }
            return rows.values().stream().map(r -> new TrackedOrder(shopId, r.orderNo,
                    DocumentType.ofKey(r.documentType).orElseThrow(() -> new StoreException("Order " + shopId + "/"
                            + r.orderNo + " has the unknown document type '" + r.documentType + "' in the ledger", null)),
                    r.referencesOther, r.documentNumber, r.booked, r.seen, r.createdAt)).toList();
        } catch (SQLException e) {
            throw new StoreException("Cannot list the tracked orders of shop " + shopId, e);
        }
    }

    private record TrackedRow(String orderNo, String documentType, String referencesOther, Long documentNumber,
                              Instant createdAt, Set<Long> booked, Set<StatusEventType> seen) {
    }

    private static void lockOrder(Connection connection, StatusEvent event) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ORDER)) {
            lock.setString(1, event.shopId());
            lock.setString(2, event.orderNo());
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
            }
        }
    }

    private static boolean eventExists(Connection connection, StatusEvent event) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FIND_EVENT)) {
            select.setString(1, event.shopId());
            select.setString(2, event.orderNo());
            select.setString(3, event.type().name());
            select.setLong(4, event.documentNumber());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long insertEvent(Connection connection, StatusEvent event, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT, new String[] {"id"})) {
            insert.setString(1, event.shopId());
            insert.setString(2, event.orderNo());
            insert.setString(3, event.type().name());
            insert.setLong(4, event.documentNumber());
            if (event.document() == null) {
                insert.setNull(5, Types.VARCHAR);
            } else {
                insert.setString(5, event.document().toString());
            }
            Jdbc.setInstant(insert, 6, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void insertAction(Connection connection, long eventId, StatusEvent event, PlannedAction action,
                                     Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ACTION)) {
            insert.setLong(1, eventId);
            insert.setString(2, event.shopId());
            insert.setString(3, event.orderNo());
            insert.setString(4, action.kind().name());
            insert.setString(5, action.argument());
            insert.setInt(6, action.rank());
            insert.setString(7, action.state().name());
            insert.setString(8, action.reason());
            Jdbc.setInstant(insert, 9, now);
            Jdbc.setInstant(insert, 10, now);
            insert.executeUpdate();
        }
    }

    private static List<StatusActionEntry> actionsOf(Connection connection, String shopId, String orderNo)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ORDER_ACTIONS)) {
            select.setString(1, shopId);
            select.setString(2, orderNo);
            return actions(select);
        }
    }

    private static Optional<StatusActionEntry> find(Connection connection, long actionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ONE_ACTION)) {
            select.setLong(1, actionId);
            List<StatusActionEntry> found = actions(select);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<StatusActionEntry> actions(PreparedStatement select) throws SQLException {
        List<StatusActionEntry> actions = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                actions.add(new StatusActionEntry(
                        rs.getLong("id"),
                        rs.getLong("event_id"),
                        rs.getString("shop_id"),
                        rs.getString("order_no"),
                        ActionKind.valueOf(rs.getString("action")),
                        rs.getString("argument"),
                        rs.getInt("event_rank"),
                        ActionState.valueOf(rs.getString("state")),
                        rs.getInt("attempts"),
                        Jdbc.getInstant(rs, "next_attempt_at"),
                        rs.getString("claimed_by"),
                        Jdbc.getInstant(rs, "claimed_until"),
                        rs.getString("reason"),
                        Jdbc.getInstant(rs, "created_at"),
                        Jdbc.getInstant(rs, "updated_at"),
                        rs.getLong("version"),
                        StatusEventType.valueOf(rs.getString("event_type")),
                        rs.getLong("document_number")));
            }
        }
        return actions;
    }

    /** Ends the leases earlier lives of this instance held on status actions; see {@link OrderLedger#expireClaimsOfEarlierLives}. */
    public int expireClaimsOfEarlierLives(String instanceId, String currentOwner) {
        return EarlierLives.release(database, clock, "status_action", instanceId, currentOwner);
    }
}
