package io.jesync.reversal;

import io.jesync.store.LedgerRow;

/**
 * One {@code order_reversal} row.
 *
 * @param lines           JSON array of the reversed lines (shop line number, article, quantity, amounts)
 * @param action          what was decided in e-conomic (e.g. {@code credit-note}, {@code delete-draft}); null until then
 * @param referencesOther the reversal's own business key, e.g. {@code jetshop:se:1001/credit-1}
 * @param row             the columns every ledger shares
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
        LedgerRow row) {
}
