package io.jesync.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.jesync.store.ClaimableRows;
import io.jesync.store.Database;
import io.jesync.store.Jdbc;
import io.jesync.store.RowChanges;
import io.jesync.store.StoreException;

/**
 * Which e-conomic customer each shop customer is, so a returning customer costs no look-up and no shop
 * customer ever gets two e-conomic customers. Creating one is reserved first: the worker that inserts the
 * binding row (or takes over an abandoned one) creates the customer; every other worker sees the
 * reservation and waits for it.
 */
public final class CustomerBindings {

    /** What {@link #reserve} found. */
    public sealed interface Reservation {
        /** The shop customer is already bound. */
        record Bound(long customerNumber) implements Reservation {
        }

        /** The caller holds the reservation and must create (or find) the customer, then {@link #bind}. */
        record Reserved() implements Reservation {
        }

        /** Another worker is creating this customer right now; try again after {@code until}. */
        record HeldElsewhere(String holder, Instant until) implements Reservation {
        }
    }

    private static final String SELECT = """
            SELECT economic_customer_number, claimed_by, claimed_until FROM customer_binding
            WHERE shop_id = ? AND shop_customer_key = ?""";
    private static final String INSERT = """
            INSERT INTO customer_binding (shop_id, shop_customer_key, economic_customer_number, claimed_by,
                                          claimed_until, created_at)
            VALUES (?, ?, NULL, ?, ?, ?)""";
    /* A binding row without a customer number is a reservation; once bound it is never claimed again. */
    private static final ClaimableRows ROWS = ClaimableRows.reservations("customer_binding",
            List.of("shop_id", "shop_customer_key"), "economic_customer_number IS NULL");

    private final Database database;
    private final Clock clock;

    public CustomerBindings(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * The shop's customers known by their own customer code ({@code code:} keys), by e-conomic customer number.
     * Guests (keys by organisation number or e-mail) have no shop customer account to give price lists to.
     */
    public java.util.Map<Long, java.util.List<String>> boundCustomerCodes(String shopId) {
        java.util.Map<Long, java.util.List<String>> codes = new java.util.HashMap<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT economic_customer_number, "
                     + "shop_customer_key FROM customer_binding WHERE shop_id = ? AND shop_customer_key LIKE 'code:%' "
                     + "AND economic_customer_number IS NOT NULL")) {
            select.setString(1, shopId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(2).substring("code:".length());
                    // A code too long for the store was kept as its hash; the shop's code itself is not known.
                    if (!code.startsWith("sha256:")) {
                        codes.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(code);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot list the bound customers of shop " + shopId, e);
        }
        return codes;
    }

    public Optional<Long> find(String shopId, String customerKey) {
        try (Connection connection = database.dataSource().getConnection()) {
            return read(connection, shopId, customerKey).flatMap(row -> Optional.ofNullable(row.number));
        } catch (SQLException e) {
            throw new StoreException("Cannot read the customer binding of " + shopId + "/" + customerKey, e);
        }
    }

    public Reservation reserve(String shopId, String customerKey, String owner, Duration lease) {
        Instant now = Jdbc.truncate(clock.instant());
        try (Connection connection = database.dataSource().getConnection()) {
            Optional<Row> existing = read(connection, shopId, customerKey);
            if (existing.isPresent() && existing.get().number != null) {
                return new Reservation.Bound(existing.get().number);
            }
            if (existing.isEmpty() && ClaimableRows.insertUnlessPresent(connection, INSERT, insert -> {
                insert.setString(1, shopId);
                insert.setString(2, customerKey);
                insert.setString(3, owner);
                Jdbc.setInstant(insert, 4, now.plus(lease));
                Jdbc.setInstant(insert, 5, now);
            })) {
                return new Reservation.Reserved();
            }
            if (ROWS.claim(connection, List.of(shopId, customerKey), owner, now, lease)) {
                return new Reservation.Reserved();
            }
            Row row = read(connection, shopId, customerKey).orElseThrow(() -> new StoreException(
                    "Customer binding " + shopId + "/" + customerKey + " vanished"));
            return row.number != null ? new Reservation.Bound(row.number)
                    : new Reservation.HeldElsewhere(row.holder, row.until);
        } catch (SQLException e) {
            throw new StoreException("Cannot reserve the customer binding of " + shopId + "/" + customerKey, e);
        }
    }

    /** Completes the caller's reservation with the customer it created or found. */
    public void bind(String shopId, String customerKey, String owner, long customerNumber) {
        try (Connection connection = database.dataSource().getConnection()) {
            RowChanges bound = RowChanges.none().set("economic_customer_number", customerNumber).releaseClaim();
            if (!held(shopId, customerKey, owner).apply(connection, bound, clock.instant())) {
                throw new StoreException("The reservation of customer " + shopId + "/" + customerKey
                        + " was lost before it could be bound to customer " + customerNumber);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot bind customer " + shopId + "/" + customerKey, e);
        }
    }

    /** Gives up the caller's reservation (creation failed), so another attempt can take it at once. */
    public void release(String shopId, String customerKey, String owner) {
        try (Connection connection = database.dataSource().getConnection()) {
            held(shopId, customerKey, owner).apply(connection, RowChanges.none().releaseClaim(), clock.instant());
        } catch (SQLException e) {
            throw new StoreException("Cannot release customer " + shopId + "/" + customerKey, e);
        }
    }

    private record Row(Long number, String holder, Instant until) {
    }

    private static Optional<Row> read(Connection connection, String shopId, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, shopId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Row(Jdbc.getLong(rs, "economic_customer_number"),
                        rs.getString("claimed_by"), Jdbc.getInstant(rs, "claimed_until"))) : Optional.empty();
            }
        }
    }

    private static ClaimableRows.Update held(String shopId, String customerKey, String owner) {
        return ROWS.update(List.of(shopId, customerKey)).heldBy(owner).where("economic_customer_number IS NULL");
    }
}
