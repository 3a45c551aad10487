package io.jesync.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The columns every ledger row has besides its own, read once for all ledgers: why it last stopped, how often it
 * was tried and when it is due again, who holds its lease ({@link ClaimableRows}) and until when, and its times and
 * version (the one a transition must be handed).
 */
public record LedgerRow(
        String reason,
        int attempts,
        Instant nextAttemptAt,
        String claimedBy,
        Instant claimedUntil,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** The columns {@link #read} reads, for a ledger's SELECT list. */
    public static final String COLUMNS =
            "reason, attempts, next_attempt_at, claimed_by, claimed_until, created_at, updated_at, version";

    /** These columns of the result set's current row. */
    public static LedgerRow read(ResultSet rs) throws SQLException {
        return new LedgerRow(
                rs.getString("reason"),
                rs.getInt("attempts"),
                Jdbc.getInstant(rs, "next_attempt_at"),
                rs.getString("claimed_by"),
                Jdbc.getInstant(rs, "claimed_until"),
                Jdbc.getInstant(rs, "created_at"),
                Jdbc.getInstant(rs, "updated_at"),
                rs.getLong("version"));
    }

    public LedgerRow withReason(String newReason) {
        return new LedgerRow(newReason, attempts, nextAttemptAt, claimedBy, claimedUntil, createdAt, updatedAt,
                version);
    }

    /** After {@code count} attempts, the next one due at {@code next}. */
    public LedgerRow withAttempt(int count, Instant next) {
        return new LedgerRow(reason, count, next, claimedBy, claimedUntil, createdAt, updatedAt, version);
    }
}
