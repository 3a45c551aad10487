package io.jesync.order;

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

import io.jesync.store.ClaimableRows;
import io.jesync.store.Database;
import io.jesync.store.EarlierLives;
import io.jesync.store.Jdbc;
import io.jesync.store.LedgerRow;
import io.jesync.store.RowChanges;
import io.jesync.store.StoreException;

/**
 * The order ledger: one row per (shop, order number), claimed by exactly one worker at a time
 * across threads and instances, and moved through {@link OrderState} with an optimistic version
 * check. All times come from the injected clock, never from SQL, so leases can be tested; the runtime's clock
 * follows the database's ({@link io.jesync.store.DatabaseClock}), so instances with skewed hosts agree on leases.
 */
public final class OrderLedger {

    private static final String COLUMNS = """
            shop_id, order_no, channel, state, document_type, economic_document_number, economic_booked_number,
            idempotency_key, references_other, payload, payload_hash, platform_order_id, shop_order, reason_code, """
            + LedgerRow.COLUMNS;
    private static final String SELECT_ONE =
            "SELECT " + COLUMNS + " FROM order_ledger WHERE shop_id = ? AND order_no = ?";
    private static final String INSERT_NEW = """
            INSERT INTO order_ledger (shop_id, order_no, channel, state, attempts, claimed_by, claimed_until,
                                      created_at, updated_at, version)
            VALUES (?, ?, ?, 'NEW', 0, ?, ?, ?, ?, 0)""";
    /*
     * A SENDING row whose lease expired belonged to a worker that died mid-send: its outcome is unknown, so it is
     * handed over as IN_DOUBT. FAILED, CREATED and BOOKED rows are due only when a retry or follow-up is planned.
     */
    private static final ClaimableRows ROWS = ClaimableRows.ledger("order_ledger", List.of("shop_id", "order_no"),
            List.of("NEW", "IN_DOUBT", "SENDING"), List.of("FAILED", "CREATED", "BOOKED"))
            .adoptingAs("SENDING", "IN_DOUBT");
    /** Orders that need work now: never finished, not held by a live lease, and due. */
    private static final String SELECT_DUE = "SELECT " + COLUMNS + " FROM order_ledger WHERE shop_id = ? AND "
            + ROWS.claimable("") + " ORDER BY updated_at, order_no";
    private static final String REGISTER = """
            INSERT INTO order_ledger (shop_id, order_no, channel, state, attempts, platform_order_id, created_at,
                                      updated_at, version)
            VALUES (?, ?, ?, 'NEW', 0, ?, ?, ?, 0)""";
    private static final String COUNT_BY_STATE =
            "SELECT state, COUNT(*) AS n FROM order_ledger WHERE shop_id = ? GROUP BY state";
    private static final String INSERT_EVENT = """
            INSERT INTO order_event (shop_id, order_no, at, step, detail, http_status, request_id, attempt, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT_EVENTS = """
            SELECT id, shop_id, order_no, at, step, detail, http_status, request_id, attempt, payload
            FROM order_event WHERE shop_id = ? AND order_no = ? ORDER BY at, id""";

    private static final int FINISHED_CHUNK = 500;

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
        try (Connection connection = database.dataSource().getConnection()) {
            boolean inserted = ClaimableRows.insertUnlessPresent(connection, INSERT_NEW, insert -> {
                insert.setString(1, shopId);
                insert.setString(2, orderNo);
                insert.setString(3, channel);
                insert.setString(4, claimOwner);
                Jdbc.setInstant(insert, 5, now.plus(leaseDuration));
                Jdbc.setInstant(insert, 6, now);
                Jdbc.setInstant(insert, 7, now);
            });
            if (inserted) {
                return Optional.of(new Claim(findRequired(connection, shopId, orderNo), true));
            }
            if (ROWS.claim(connection, List.of(shopId, orderNo), claimOwner, now, leaseDuration)) {
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
            return Jdbc.inTransaction(connection, tx -> {
                boolean moved = ROWS.update(List.of(shopId, orderNo)).inState(from.name()).atVersion(expectedVersion)
                        .apply(tx, changes.row().set("state", to.name()), clock.instant());
                return moved ? find(tx, shopId, orderNo) : Optional.<LedgerEntry>empty();
            });
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

    /** Up to {@code limit} orders of a shop that are due for work (retries, continuations, crashed sends). */
    public List<LedgerEntry> due(String shopId, int limit) {
        return ROWS.due(database, SELECT_DUE, shopId, Jdbc.truncate(clock.instant()), limit, OrderLedger::entries);
    }

    /**
     * Orders for the admin API, newest change first, optionally filtered by shop and state (null = any).
     */
    public List<LedgerEntry> list(String shopId, OrderState state, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM order_ledger WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        if (shopId != null) {
            sql.append(" AND shop_id = ?");
            parameters.add(shopId);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            parameters.add(state.name());
        }
        sql.append(" ORDER BY updated_at DESC, order_no");
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setString(i + 1, parameters.get(i));
            }
            select.setMaxRows(limit);
            return entries(select);
        } catch (SQLException e) {
            throw new StoreException("Cannot list orders", e);
        }
    }

    /** Orders matching a support query, newest first. */
    public List<LedgerEntry> search(OrderQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM order_ledger WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.shopId() != null) {
            sql.append(" AND shop_id = ?");
            parameters.add(query.shopId());
        }
        if (query.channel() != null) {
            sql.append(" AND channel = ?");
            parameters.add(query.channel());
        }
        if (query.state() != null) {
            sql.append(" AND state = ?");
            parameters.add(query.state().name());
        }
        if (query.from() != null) {
            sql.append(" AND created_at >= ?");
            parameters.add(query.from());
        }
        if (query.to() != null) {
            sql.append(" AND created_at < ?");
            parameters.add(query.to());
        }
        String exact = null;
        if (query.text() != null) {
            // Every word must match somewhere, so "Anna Lindqvist" finds the order whose first and last name are
            // two fields of the shop order.
            for (String word : query.text().toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
                String like = "%" + word.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
                sql.append(" AND (LOWER(order_no) LIKE ? ESCAPE '!' OR LOWER(shop_order) LIKE ? ESCAPE '!'"
                        + " OR LOWER(references_other) LIKE ? ESCAPE '!'");
                parameters.add(like);
                parameters.add(like);
                parameters.add(like);
                if (word.matches("\\d{1,18}")) {
                    sql.append(" OR economic_document_number = ? OR economic_booked_number = ?");
                    parameters.add(Long.parseLong(word));
                    parameters.add(Long.parseLong(word));
                }
                sql.append(")");
            }
            exact = query.text().strip();
        }
        if (exact != null) {
            // Exact hits first: the order number, then a document number (draft 11 before orders merely holding
            // "11" somewhere); the rest newest first.
            sql.append(" ORDER BY CASE WHEN order_no = ? THEN 0 WHEN CAST(economic_document_number AS VARCHAR(20))"
                    + " = ? OR CAST(economic_booked_number AS VARCHAR(20)) = ? THEN 1 ELSE 2 END,"
                    + " created_at DESC, order_no");
            parameters.add(exact);
            parameters.add(exact);
            parameters.add(exact);
        } else {
            sql.append(" ORDER BY created_at DESC, order_no");
        }
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Instant instant) {
                    Jdbc.setInstant(select, i + 1, instant);
                } else if (value instanceof Long number) {
                    select.setLong(i + 1, number);
                } else {
                    select.setString(i + 1, (String) value);
                }
            }
            select.setMaxRows(query.offset() + query.limit());
            List<LedgerEntry> all = entries(select);
            return all.subList(Math.min(query.offset(), all.size()), all.size());
        } catch (SQLException e) {
            throw new StoreException("Cannot search orders", e);
        }
    }

    /**
     * An operator parks an order: it is not retried until someone re-sends or unparks it. Only an order that is
     * waiting (NEW, IN_DOUBT, FAILED), held by no worker and without a document in e-conomic.
     *
     * @return the parked row, or empty when the order is not in such a state
     */
    public Optional<LedgerEntry> park(String shopId, String orderNo, String reason) {
        return operatorStop(shopId, orderNo, OrderState.PARKED, reason, OrderState.NEW, OrderState.IN_DOUBT,
                OrderState.FAILED);
    }

    /**
     * An operator decides an order is not to be sent at all. IN_DOUBT is refused: a document may exist, and only a
     * re-send (which looks it up first) can tell.
     *
     * @return the skipped row, or empty when the order is not in a state that may be skipped
     */
    public Optional<LedgerEntry> skip(String shopId, String orderNo, String reason) {
        return operatorStop(shopId, orderNo, OrderState.SKIPPED, reason, OrderState.NEW, OrderState.FAILED,
                OrderState.PARKED);
    }

    private Optional<LedgerEntry> operatorStop(String shopId, String orderNo, OrderState to, String reason,
                                               OrderState... from) {
        Instant now = Jdbc.truncate(clock.instant());
        RowChanges stop = RowChanges.none().set("state", to.name()).set("reason", reason).clear("reason_code")
                .clear("next_attempt_at");
        try (Connection connection = database.dataSource().getConnection()) {
            boolean stopped = ROWS.update(List.of(shopId, orderNo)).inState(names(from)).unheldAt(now)
                    .where("economic_document_number IS NULL").apply(connection, stop, now);
            return stopped ? find(connection, shopId, orderNo) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot move order " + shopId + "/" + orderNo + " to " + to, e);
        }
    }

    /**
     * A shop order the flow never read (reconciliation found it in the shop only): entered as NEW with the shop's id,
     * so the next run reads it from the shop and sends it like any other.
     *
     * @return false when the order is in the ledger already
     */
    public boolean register(String shopId, String orderNo, String channel, long platformOrderId) {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection()) {
            return ClaimableRows.insertUnlessPresent(connection, REGISTER, insert -> {
                insert.setString(1, shopId);
                insert.setString(2, orderNo);
                insert.setString(3, channel);
                insert.setLong(4, platformOrderId);
                Jdbc.setInstant(insert, 5, now);
                Jdbc.setInstant(insert, 6, now);
            });
        } catch (SQLException e) {
            throw new StoreException("Cannot register order " + shopId + "/" + orderNo, e);
        }
    }

    /**
     * Ends the leases an earlier life of this instance held when it died ({@code owner} is
     * {@code instance#life}), so a restart resumes at once instead of waiting for the leases to run out. Only
     * this instance's own claims are touched: other instances may still be working.
     *
     * @return how many claims were released
     */
    public int expireClaimsOfEarlierLives(String instanceId, String currentOwner) {
        return EarlierLives.release(database, clock, "order_ledger", instanceId, currentOwner);
    }

    /**
     * Makes due at once the orders an earlier life of this instance had sent but not finished (CREATED or BOOKED,
     * still claimed): their {@code next_attempt_at} is the end of the dead worker's lease, so releasing the claim
     * alone would leave them waiting that long. Call it before {@link #expireClaimsOfEarlierLives}, while the rows
     * still show who held them. Only this instance's own rows are touched.
     *
     * @return how many orders were made due
     */
    public int resumeSentByEarlierLives(String instanceId, String currentOwner) {
        Instant now = Jdbc.truncate(clock.instant());
        String prefix = instanceId + "#";
        try (Connection connection = database.dataSource().getConnection()) {
            List<Object[]> held = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, claimed_by FROM order_ledger
                    WHERE state IN ('CREATED', 'BOOKED') AND claimed_until > ? AND next_attempt_at > ?""")) {
                Jdbc.setInstant(select, 1, now);
                Jdbc.setInstant(select, 2, now);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String owner = rs.getString("claimed_by");
                        if (owner != null && owner.startsWith(prefix) && !owner.equals(currentOwner)) {
                            held.add(new Object[] {rs.getLong("id"), owner});
                        }
                    }
                }
            }
            int resumed = 0;
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE order_ledger SET next_attempt_at = ?, updated_at = ?, version = version + 1
                    WHERE id = ? AND claimed_by = ? AND state IN ('CREATED', 'BOOKED')""")) {
                for (Object[] row : held) {
                    Jdbc.setInstant(update, 1, now);
                    Jdbc.setInstant(update, 2, now);
                    update.setLong(3, (Long) row[0]);
                    update.setString(4, (String) row[1]);
                    resumed += update.executeUpdate();
                }
            }
            return resumed;
        } catch (SQLException e) {
            throw new StoreException("Cannot resume the orders earlier runs of " + instanceId + " had sent", e);
        }
    }

    /**
     * Of {@code orderNos}, those of a shop that are done for good (acknowledged, or skipped by an operator): a claim
     * would only find them finished, so a poll that reads them again in its overlap leaves them out.
     */
    public java.util.Set<String> finished(String shopId, java.util.Collection<String> orderNos) {
        java.util.Set<String> done = new java.util.HashSet<>();
        List<String> all = List.copyOf(orderNos);
        try (Connection connection = database.dataSource().getConnection()) {
            for (int from = 0; from < all.size(); from += FINISHED_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + FINISHED_CHUNK));
                try (PreparedStatement select = connection.prepareStatement("SELECT order_no FROM order_ledger"
                        + " WHERE shop_id = ? AND state IN ('ACKNOWLEDGED', 'SKIPPED') AND order_no IN ("
                        + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                    select.setString(1, shopId);
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            done.add(rs.getString("order_no"));
                        }
                    }
                }
            }
            return done;
        } catch (SQLException e) {
            throw new StoreException("Cannot read which orders of shop " + shopId + " are done", e);
        }
    }

    /** How many orders of a shop are in each state. */
    public java.util.Map<OrderState, Long> countByState(String shopId) {
        java.util.Map<OrderState, Long> counts = new java.util.EnumMap<>(OrderState.class);
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(COUNT_BY_STATE)) {
            select.setString(1, shopId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(OrderState.valueOf(rs.getString("state")), rs.getLong("n"));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException("Cannot count orders of shop " + shopId, e);
        }
    }

    /**
     * An operator's re-send of a parked or failed order: back to NEW, due at once. The flow looks the
     * document up by its reference before sending again whenever the order was sent before, so this can
     * never produce a second document.
     *
     * @return the requeued row, or empty when the order is not parked or failed
     */
    public Optional<LedgerEntry> requeue(String shopId, String orderNo) {
        return requeue(shopId, orderNo, OrderState.PARKED, OrderState.FAILED);
    }

    /** Back to NEW, due at once, from one of {@code from} (an unpark also takes back a skip). */
    public Optional<LedgerEntry> requeue(String shopId, String orderNo, OrderState... from) {
        Instant now = Jdbc.truncate(clock.instant());
        RowChanges requeue = RowChanges.none().set("state", OrderState.NEW.name()).clear("reason").clear("reason_code")
                .clear("next_attempt_at").releaseClaim();
        try (Connection connection = database.dataSource().getConnection()) {
            boolean requeued = ROWS.update(List.of(shopId, orderNo)).inState(names(from))
                    .apply(connection, requeue, now);
            return requeued ? find(connection, shopId, orderNo) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot requeue order " + shopId + "/" + orderNo, e);
        }
    }

    private static List<String> names(OrderState... states) {
        return java.util.Arrays.stream(states).map(OrderState::name).toList();
    }

    private static List<LedgerEntry> entries(PreparedStatement select) throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                entries.add(entry(rs));
            }
        }
        return entries;
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
                Jdbc.getLong(rs, "platform_order_id"),
                rs.getString("shop_order"),
                rs.getString("reason_code"),
                LedgerRow.read(rs));
    }
}
