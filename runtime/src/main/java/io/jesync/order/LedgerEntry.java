package io.jesync.order;

import java.time.Instant;

/** One {@code order_ledger} row. */
public record LedgerEntry(
        String shopId,
        String orderNo,
        String channel,
        OrderState state,
        String documentType,
        Long economicDocumentNumber,
        Long economicBookedNumber,
        String idempotencyKey,
        String referencesOther,
        String payload,
        String payloadHash,
        String reason,
        int attempts,
        Instant nextAttemptAt,
        String claimedBy,
        Instant claimedUntil,
        Instant createdAt,
        Instant updatedAt,
        long version,
        Long platformOrderId,
        String shopOrder,
        String reasonCode) {
}
