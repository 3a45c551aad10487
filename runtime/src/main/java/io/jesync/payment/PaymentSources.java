package io.jesync.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.jesync.store.Database;
import io.jesync.store.Jdbc;
import io.jesync.store.StoreException;

/**
 * Where the payment flow learns that money moved, read from what the other flows stored (never by changing them):
 * a capture the status flow carried out in the shop ({@code status_action} CAPTURE, DONE) and a credit note the
 * reversal flow booked for an order whose payment was registered (a refund to the card). Also the booked invoice of
 * an order: the one the order flow booked at transfer, else the first the status flow saw booked.
 */
public final class PaymentSources {
    private static final String CAPTURES = """
            SELECT a.id, a.order_no, a.updated_at FROM status_action a
            WHERE a.shop_id = ? AND a.action = 'CAPTURE' AND a.state = 'DONE' AND a.updated_at >= ?
              AND NOT EXISTS (SELECT 1 FROM shop_payment p WHERE p.shop_id = a.shop_id
                              AND p.source_key = CONCAT('capture:', CAST(a.id AS VARCHAR(20))))
            ORDER BY a.updated_at, a.id""";
    private static final String REFUNDS = """
            SELECT r.order_no, r.seq, r.economic_booked_number, r.updated_at FROM order_reversal r
            WHERE r.shop_id = ? AND r.state = 'DONE' AND r.economic_booked_number IS NOT NULL
              AND EXISTS (SELECT 1 FROM shop_payment p WHERE p.shop_id = r.shop_id AND p.order_no = r.order_no
                          AND p.kind = 'PAYMENT')
              AND NOT EXISTS (SELECT 1 FROM shop_payment p WHERE p.shop_id = r.shop_id
                              AND p.source_key = CONCAT('refund:', CONCAT(r.order_no,
                                  CONCAT('/', CAST(r.seq AS VARCHAR(10))))))
            ORDER BY r.updated_at, r.id""";
    private static final String CAPTURES_BETWEEN = """
            SELECT id, order_no, updated_at FROM status_action
            WHERE shop_id = ? AND action = 'CAPTURE' AND state = 'DONE' AND updated_at >= ? AND updated_at < ?
            ORDER BY updated_at, id""";
    private static final String INVOICE = """
            SELECT l.economic_booked_number,
                   (SELECT MIN(e.document_number) FROM status_event e WHERE e.shop_id = l.shop_id
                      AND e.order_no = l.order_no AND e.event_type = 'INVOICE_BOOKED') AS seen_booked
            FROM order_ledger l WHERE l.shop_id = ? AND l.order_no = ?""";
    private static final String SNAPSHOT = "SELECT shop_order FROM order_ledger WHERE shop_id = ? AND order_no = ?";

    private final Database database;

    public PaymentSources(Database database) {
        this.database = database;
    }

    /** A capture carried out in the shop: the status action's id, its order, and when it was done. */
    public record Capture(long actionId, String orderNo, Instant at) {
        public String sourceKey() {
            return "capture:" + actionId;
        }
    }

    /** A credit note booked for a paid order; {@code seq} numbers the order's reversals. */
    public record Refund(String orderNo, int seq, long creditNoteNumber, Instant at) {
        public String sourceKey() {
            return "refund:" + orderNo + "/" + seq;
        }
    }

    /** Captures done at or after {@code since} that have no payment yet. */
    public List<Capture> newCaptures(String shopId, Instant since) {
        return rows(CAPTURES, "the captures of shop " + shopId, select -> {
            select.setString(1, shopId);
            Jdbc.setInstant(select, 2, since);
        }, PaymentSources::capture);
    }

    /** Every capture done in [from, to), recorded or not; for reconciliation. */
    public List<Capture> capturesBetween(String shopId, Instant from, Instant to) {
        return rows(CAPTURES_BETWEEN, "the captures of shop " + shopId, select -> {
            select.setString(1, shopId);
            Jdbc.setInstant(select, 2, from);
            Jdbc.setInstant(select, 3, to);
        }, PaymentSources::capture);
    }

    /** Credit notes of orders with a registered payment that have no refund yet. */
    public List<Refund> newRefunds(String shopId) {
        return rows(REFUNDS, "the refunds of shop " + shopId, select -> select.setString(1, shopId),
                rs -> new Refund(rs.getString("order_no"), rs.getInt("seq"), rs.getLong("economic_booked_number"),
                        Jdbc.getInstant(rs, "updated_at")));
    }

    /** The order's booked invoice number, once there is one: booked at transfer, else first seen booked. */
    public Optional<Long> bookedInvoice(String shopId, String orderNo) {
        return ofOrder(INVOICE, "the booked invoice", shopId, orderNo, rs -> {
            Long atTransfer = Jdbc.getLong(rs, "economic_booked_number");
            return atTransfer != null ? atTransfer : Jdbc.getLong(rs, "seen_booked");
        });
    }

    /** The shop order as the order flow read it (JSON in the platform's shape), when stored. */
    public Optional<String> shopOrderSnapshot(String shopId, String orderNo) {
        return ofOrder(SNAPSHOT, "the shop order", shopId, orderNo, rs -> rs.getString("shop_order"));
    }

    private interface Binder {
        void bind(PreparedStatement select) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> ofOrder(String sql, String what, String shopId, String orderNo, Row<T> row) {
        return rows(sql, what + " of order " + shopId + "/" + orderNo, select -> {
            select.setString(1, shopId);
            select.setString(2, orderNo);
        }, row).stream().filter(Objects::nonNull).findFirst();
    }

    private <T> List<T> rows(String sql, String what, Binder binder, Row<T> row) {
        List<T> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("Cannot read " + what, e);
        }
    }

    private static Capture capture(ResultSet rs) throws SQLException {
        return new Capture(rs.getLong("id"), rs.getString("order_no"), Jdbc.getInstant(rs, "updated_at"));
    }
}
