package io.jesync.status;

import java.time.Instant;


/** One {@code status_action} row, with the type and document number of the event it belongs to. */
public record StatusActionEntry(
        long id,
        long eventId,
        String shopId,
        String orderNo,
        ActionKind action,
        String argument,
        int rank,
        ActionState state,
        int attempts,
        Instant nextAttemptAt,
        String claimedBy,
        Instant claimedUntil,
        String reason,
        Instant createdAt,
        Instant updatedAt,
        long version,
        StatusEventType eventType,
        long eventDocumentNumber) {
}
