package io.jesync.payment;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jesync.store.ClaimableRows;
import io.jesync.store.Database;
import io.jesync.store.EarlierLives;
import io.jesync.store.Jdbc;
import io.jesync.store.LedgerRow;
import io.jesync.store.StoreException;
import io.jesync.store.SupportQueries;

/**
 * The shop payments (table {@code shop_payment}) with the order ledger's discipline: the row is the intent,
 * inserted before anything is sent and unique on its source, so two workers that read the same capture insert it
 * once; one worker at a time holds a row by a lease; every change checks the version it was handed. A parked
 * payment is also listed in {@code parked_item} (kind {@code payment}), where support finds everything that waits.
 */
public final class PaymentLedger {
    static final String PARKED_KIND = "payment";
    private static final String COLUMNS = """
            id, shop_id, order_no, source_key, kind, payment_method, amount, currency, captured_at, invoice_number,
            state, entry_text, idempotency_key, payload, journal_number, voucher_number, accounting_year, """
            + LedgerRow.COLUMNS;
    private static final String INSERT = """
            INSERT INTO shop_payment (shop_id, order_no, source_key, kind, payment_method, amount, currency,
                                      captured_at, invoice_number, state, entry_text, idempotency_key, attempts,
                                      created_at, updated_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0)""";
    /* Work is due when nobody holds a live lease; a SENDING row of a worker that died goes back in doubt. */
    private static final ClaimableRows ROWS = ClaimableRows.ledger("shop_payment", List.of("id"),
            List.of("NEW", "WAITING", "IN_DOUBT", "SENDING", "FAILED"), List.of()).adoptingAs("SENDING", "IN_DOUBT");
    private static final String SELECT_DUE = "SELECT " + COLUMNS + " FROM shop_payment WHERE shop_id = ? AND "
            + ROWS.claimable("") + " ORDER BY captured_at, id";
    private static final String UPDATE = """
            UPDATE shop_payment
            SET state = ?, invoice_number = ?, payload = ?, journal_number = ?, voucher_number = ?, accounting_year = ?,
                reason = ?, attempts = ?, next_attempt_at = ?, claimed_by = ?, claimed_until = ?, updated_at = ?,
                version = version + 1
            WHERE id = ? AND version = ?""";
    /* A payment that may have reached e-conomic is looked up before anything is sent again. */
    private static final String REQUEUE = """
            UPDATE shop_payment
            SET state = CASE WHEN payload IS NULL THEN 'NEW' ELSE 'IN_DOUBT' END, reason = NULL, next_attempt_at = NULL,
                claimed_by = NULL, claimed_until = NULL, updated_at = ?, version = version + 1
            WHERE shop_id = ? AND id = ? AND state IN ('PARKED', 'FAILED')""";

    private final Database database;
    private final Clock clock;

    public PaymentLedger(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A payment to record: where it came from and what it is. */
    public record NewPayment(String shopId, String orderNo, String sourceKey, ShopPayment.Kind kind,
                             String paymentMethod, BigDecimal amount, String currency, Instant capturedAt,
                             Long invoiceNumber, String entryText, String idempotencyKey) {
    }

    /** Records a payment, due at once; empty when its source was recorded before. */
    public Optional<ShopPayment> insert(NewPayment payment) {
        Instant now = now();
        try (Connection connection = database.dataSource().getConnection()) {
            boolean inserted = ClaimableRows.insertUnlessPresent(connection, INSERT, insert -> {
                insert.setString(1, payment.shopId());
                insert.setString(2, payment.orderNo());
                insert.setString(3, payment.sourceKey());
                insert.setString(4, payment.kind().name());
                insert.setString(5, payment.paymentMethod());
                insert.setBigDecimal(6, payment.amount());
                insert.setString(7, payment.currency());
                Jdbc.setInstant(insert, 8, payment.capturedAt());
                Jdbc.setLong(insert, 9, payment.invoiceNumber());
                insert.setString(10, PaymentState.NEW.name());
                insert.setString(11, payment.entryText());
                insert.setString(12, payment.idempotencyKey());
                Jdbc.setInstant(insert, 13, now);
                Jdbc.setInstant(insert, 14, now);
            });
            return inserted ? bySource(connection, payment.shopId(), payment.sourceKey()) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot record payment " + payment.sourceKey() + " of order "
                    + payment.shopId() + "/" + payment.orderNo(), e);
        }
    }

    /** Whether a payment of this source is recorded already. */
    public boolean recorded(String shopId, String sourceKey) {
        try (Connection connection = database.dataSource().getConnection()) {
            return bySource(connection, shopId, sourceKey).isPresent();
        } catch (SQLException e) {
            throw new StoreException("Cannot read payment " + sourceKey + " of shop " + shopId, e);
        }
    }

    /** Claims a due payment for {@code lease}; of concurrent callers at most one wins. */
    public Optional<ShopPayment> claim(ShopPayment due, String owner, Duration lease) {
        Instant now = now();
        try (Connection connection = database.dataSource().getConnection()) {
            return ROWS.claim(connection, List.of(due.id()), owner, now, lease) ? byId(connection, due.id())
                    : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot claim payment " + due.sourceKey() + " of order " + due.orderNo(), e);
        }
    }

    /**
     * Stores {@code next} over {@code current} if nobody changed the row since; {@code release} ends the caller's
     * lease. A parked payment is listed as a parked item, any other state takes it off that list.
     */
    public Optional<ShopPayment> update(ShopPayment current, ShopPayment next, boolean release) {
        Instant now = now();
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                    update.setString(1, next.state().name());
                    Jdbc.setLong(update, 2, next.invoiceNumber());
                    update.setString(3, next.payload());
                    if (next.journalNumber() == null) {
                        update.setNull(4, Types.INTEGER);
                    } else {
                        update.setInt(4, next.journalNumber());
                    }
                    Jdbc.setLong(update, 5, next.voucherNumber());
                    update.setString(6, next.accountingYear());
                    update.setString(7, next.row().reason());
                    update.setInt(8, next.row().attempts());
                    Jdbc.setInstant(update, 9, next.row().nextAttemptAt());
                    update.setString(10, release ? null : current.row().claimedBy());
                    Jdbc.setInstant(update, 11, release ? null : current.row().claimedUntil());
                    Jdbc.setInstant(update, 12, now);
                    update.setLong(13, current.id());
                    update.setLong(14, current.row().version());
                    changed = update.executeUpdate();
                }
                if (changed != 1) {
                    connection.rollback();
                    return Optional.empty();
                }
                if (next.state() == PaymentState.PARKED) {
                    park(connection, next, now);
                } else if (current.state() == PaymentState.PARKED || next.state() != current.state()) {
                    resolve(connection, next, now);
                }
                Optional<ShopPayment> stored = byId(connection, current.id());
                connection.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot update payment " + current.sourceKey() + " of order "
                    + current.orderNo(), e);
        }
    }

    /** Hands a parked or failed payment back to the worker; empty when it is neither. */
    public Optional<ShopPayment> requeue(String shopId, long id) {
        Instant now = now();
        try (Connection connection = database.dataSource().getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(REQUEUE)) {
                Jdbc.setInstant(update, 1, now);
                update.setString(2, shopId);
                update.setLong(3, id);
                if (update.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            Optional<ShopPayment> payment = byId(connection, id);
            if (payment.isPresent()) {
                resolve(connection, payment.get(), now);
            }
            return payment;
        } catch (SQLException e) {
            throw new StoreException("Cannot requeue payment " + id + " of shop " + shopId, e);
        }
    }

    /** Up to {@code limit} payments of a shop that need work now, oldest capture first. */
    public List<ShopPayment> due(String shopId, int limit) {
        return ROWS.due(database, SELECT_DUE, shopId, now(), limit, PaymentLedger::rows);
    }

    /** Payments of a shop (or all shops when null) in a state (or all when null), most recently changed first. */
    public List<ShopPayment> list(String shopId, PaymentState state, int limit) {
        return select("SELECT " + COLUMNS + " FROM shop_payment WHERE (? IS NULL OR shop_id = ?)"
                + " AND (? IS NULL OR state = ?) ORDER BY updated_at DESC, id DESC", limit, statement -> {
                    statement.setString(1, shopId);
                    statement.setString(2, shopId);
                    statement.setString(3, state == null ? null : state.name());
                    statement.setString(4, state == null ? null : state.name());
                });
    }

    /** Every payment of one order, in the order they were recorded. */
    public List<ShopPayment> forOrder(String shopId, String orderNo) {
        return select("SELECT " + COLUMNS + " FROM shop_payment WHERE shop_id = ? AND order_no = ? ORDER BY id",
                1000, statement -> {
                    statement.setString(1, shopId);
                    statement.setString(2, orderNo);
                });
    }

    /** Payments of a shop captured in [from, to), for reconciliation. */
    public List<ShopPayment> capturedBetween(String shopId, Instant from, Instant to) {
        return select("SELECT " + COLUMNS + " FROM shop_payment WHERE shop_id = ? AND captured_at >= ?"
                + " AND captured_at < ? ORDER BY captured_at, id", 100_000, statement -> {
                    statement.setString(1, shopId);
                    Jdbc.setInstant(statement, 2, from);
                    Jdbc.setInstant(statement, 3, to);
                });
    }

    public Map<String, Long> countByState(String shopId) {
        return new SupportQueries(database).countByState("shop_payment", shopId);
    }

    /**
     * Ends the leases that earlier lives of this instance held (owners {@code <instanceId>#…} other than the current
     * one), so a restarted instance resumes its dead predecessor's payments at once.
     */
    public int expireClaimsOfEarlierLives(String instanceId, String currentOwner) {
        return EarlierLives.release(database, clock, "shop_payment", instanceId, currentOwner);
    }

    private static void park(Connection connection, ShopPayment payment, Instant now) throws SQLException {
        String key = itemKey(payment);
        try (PreparedStatement update = connection.prepareStatement("UPDATE parked_item SET reason = ?, payload = ?,"
                + " created_at = ?, resolved_at = NULL WHERE kind = ? AND shop_id = ? AND item_key = ?")) {
            update.setString(1, payment.row().reason());
            update.setString(2, payment.payload());
            Jdbc.setInstant(update, 3, now);
            update.setString(4, PARKED_KIND);
            update.setString(5, payment.shopId());
            update.setString(6, key);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO parked_item (kind, shop_id, item_key,"
                + " reason, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, PARKED_KIND);
            insert.setString(2, payment.shopId());
            insert.setString(3, key);
            insert.setString(4, payment.row().reason());
            insert.setString(5, payment.payload());
            Jdbc.setInstant(insert, 6, now);
            insert.executeUpdate();
        }
    }

    private static void resolve(Connection connection, ShopPayment payment, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE parked_item SET resolved_at = ?"
                + " WHERE kind = ? AND shop_id = ? AND item_key = ? AND resolved_at IS NULL")) {
            Jdbc.setInstant(update, 1, now);
            update.setString(2, PARKED_KIND);
            update.setString(3, payment.shopId());
            update.setString(4, itemKey(payment));
            update.executeUpdate();
        }
    }

    /** The parked item's key: the order, then the payment's id, which the admin API's retry takes. */
    static String itemKey(ShopPayment payment) {
        return payment.orderNo() + "/payment-" + payment.id();
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<ShopPayment> select(String sql, int limit, Binder binder) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            select.setMaxRows(limit);
            return rows(select);
        } catch (SQLException e) {
            throw new StoreException("Cannot list payments", e);
        }
    }

    private static Optional<ShopPayment> byId(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM shop_payment WHERE id = ?")) {
            select.setLong(1, id);
            return rows(select).stream().findFirst();
        }
    }

    private static Optional<ShopPayment> bySource(Connection connection, String shopId, String sourceKey)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM shop_payment WHERE shop_id = ? AND source_key = ?")) {
            select.setString(1, shopId);
            select.setString(2, sourceKey);
            return rows(select).stream().findFirst();
        }
    }

    private static List<ShopPayment> rows(PreparedStatement select) throws SQLException {
        List<ShopPayment> payments = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                int journal = rs.getInt("journal_number");
                Integer journalNumber = rs.wasNull() ? null : journal;
                payments.add(new ShopPayment(
                        rs.getLong("id"),
                        rs.getString("shop_id"),
                        rs.getString("order_no"),
                        rs.getString("source_key"),
                        ShopPayment.Kind.valueOf(rs.getString("kind")),
                        rs.getString("payment_method"),
                        rs.getBigDecimal("amount"),
                        rs.getString("currency"),
                        Jdbc.getInstant(rs, "captured_at"),
                        Jdbc.getLong(rs, "invoice_number"),
                        PaymentState.valueOf(rs.getString("state")),
                        rs.getString("entry_text"),
                        rs.getString("idempotency_key"),
                        rs.getString("payload"),
                        journalNumber,
                        Jdbc.getLong(rs, "voucher_number"),
                        rs.getString("accounting_year"),
                        LedgerRow.read(rs)));
            }
        }
        return payments;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
