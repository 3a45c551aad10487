package io.jesync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Releases the leases that earlier lives of this instance still hold on rows of a claimable table. Claim owners
 * are {@code <instance id>#<life>}; a restarted instance knows its predecessors are dead, so their rows need not
 * wait for the lease to run out. Taking a row over afterwards works as for any expired lease (a row that was
 * being sent becomes in doubt).
 */
public final class EarlierLives {
    /** The tables whose rows are claimed, each with an {@code id} key and the claim columns. */
    private static final Set<String> CLAIMABLE =
            Set.of("order_ledger", "status_action", "order_reversal", "shop_payment", "customer_binding");

    private EarlierLives() {
    }

    public static int release(Database database, Clock clock, String table, String instanceId, String currentOwner) {
        if (!CLAIMABLE.contains(table)) {
            throw new IllegalArgumentException(table + " has no claims");
        }
        // To the millisecond, rounded down: the ledgers read the clock at different precisions, and a lease ended
        // here must already be over for a claim made the next moment (PaymentLedger reads milliseconds).
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String prefix = instanceId + "#";
        try (Connection connection = database.dataSource().getConnection()) {
            // Filtered here rather than with LIKE: instance ids may hold LIKE wildcards, and few rows are held.
            List<Object[]> held = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, claimed_by FROM " + table
                    + " WHERE claimed_by IS NOT NULL AND claimed_until > ?")) {
                Jdbc.setInstant(select, 1, now);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String owner = rs.getString("claimed_by");
                        if (owner.startsWith(prefix) && !owner.equals(currentOwner)) {
                            held.add(new Object[] {rs.getLong("id"), owner});
                        }
                    }
                }
            }
            int released = 0;
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                    + " SET claimed_until = ? WHERE id = ? AND claimed_by = ?")) {
                for (Object[] row : held) {
                    Jdbc.setInstant(update, 1, now);
                    update.setLong(2, (Long) row[0]);
                    update.setString(3, (String) row[1]);
                    released += update.executeUpdate();
                }
            }
            return released;
        } catch (SQLException e) {
            throw new StoreException("Cannot release the " + table + " claims of earlier runs of " + instanceId, e);
        }
    }
}
