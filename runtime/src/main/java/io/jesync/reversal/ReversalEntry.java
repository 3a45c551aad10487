package io.jesync.reversal;

import java.time.Instant;

/**
 * One {@code order_reversal} row.
 *
 * @param lines           JSON array of the reversed lines (shop line number, article, quantity, amounts)
 * @param action          what was decided in e-conomic (e.g. {@code credit-note}, {@code delete-draft}); null until then
 * @param referencesOther the reversal's own business key, e.g. {@code jetshop:se:1001/credit-1}
 */
public record ReversalEntry(
        String shopId,
        String orderNo,
        int seq,
        ReversalKind kind,
        String lines,
        ReversalState state,
        String action,
        String idempotencyKey,
        String referencesOther,
        Long economicDraftNumber,
        Long economicBookedNumber,
        String reason,
        int attempts,
        Instant nextAttemptAt,
        String claimedBy,
        Instant claimedUntil,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
