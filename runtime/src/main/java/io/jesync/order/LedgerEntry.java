package io.jesync.order;

import io.jesync.store.LedgerRow;

/** One {@code order_ledger} row; {@code row} has the columns every ledger shares. */
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
        Long platformOrderId,
        String shopOrder,
        String reasonCode,
        LedgerRow row) {
}
