package io.jesync.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jesync.store.Database;
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
        List<Capture> captures = new ArrayList<>();
        query(CAPTURES, shopId, since, rs -> captures.add(new Capture(rs.getLong("id"), rs.getString("order_no"),
                instant(rs, "updated_at"))));
        return captures;
    }

    /** Every capture done in [from, to), recorded or not; for reconciliation. */
    public List<Capture> capturesBetween(String shopId, Instant from, Instant to) {
        List<Capture> captures = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id, order_no, updated_at FROM status_action"
                     + " WHERE shop_id = ? AND action = 'CAPTURE' AND state = 'DONE' AND updated_at >= ?"
                     + " AND updated_at < ? ORDER BY updated_at, id")) {
            select.setString(1, shopId);
            select.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    captures.add(new Capture(rs.getLong("id"), rs.getString("order_no"), instant(rs, "updated_at")));
                }
            }
            return captures;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the captures of shop " + shopId, e);
        }
    }

    /** Credit notes of orders with a registered payment that have no refund yet. */
    public List<Refund> newRefunds(String shopId) {
        List<Refund> refunds = new ArrayList<>();
        query(REFUNDS, shopId, null, rs -> refunds.add(new Refund(rs.getString("order_no"), rs.getInt("seq"),
                rs.getLong("economic_booked_number"), instant(rs, "updated_at"))));
        return refunds;
    }

    /** The order's booked invoice number, once there is one. */
    public Optional<Long> bookedInvoice(String shopId, String orderNo) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(INVOICE)) {
            select.setString(1, shopId);
            select.setString(2, orderNo);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long atTransfer = rs.getLong("economic_booked_number");
                if (!rs.wasNull()) {
                    return Optional.of(atTransfer);
                }
                long seen = rs.getLong("seen_booked");
                return rs.wasNull() ? Optional.empty() : Optional.of(seen);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the booked invoice of order " + shopId + "/" + orderNo, e);
        }
    }

    /** The shop order as the order flow read it (JSON in the platform's shape), when stored. */
    public Optional<String> shopOrderSnapshot(String shopId, String orderNo) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(SNAPSHOT)) {
            select.setString(1, shopId);
            select.setString(2, orderNo);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString("shop_order")) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the shop order " + shopId + "/" + orderNo, e);
        }
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, String shopId, Instant since, Row row) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, shopId);
            if (since != null) {
                select.setObject(2, OffsetDateTime.ofInstant(since, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the payment sources of shop " + shopId, e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
