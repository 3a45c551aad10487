package io.jesync.order;

import io.jesync.store.RowChanges;
import io.jesync.store.TransitionChanges;

/** The fields a {@link OrderLedger#transition} sets besides the state; see {@link TransitionChanges}. */
public final class LedgerChanges extends TransitionChanges<LedgerChanges> {

    private LedgerChanges(RowChanges row) {
        super(row, LedgerChanges::new);
    }

    public static LedgerChanges none() {
        return new LedgerChanges(RowChanges.none());
    }

    public LedgerChanges documentType(String documentType) {
        return set("document_type", documentType);
    }

    public LedgerChanges economicDocumentNumber(Long number) {
        return set("economic_document_number", number);
    }

    public LedgerChanges idempotencyKey(String key) {
        return set("idempotency_key", key);
    }

    public LedgerChanges referencesOther(String reference) {
        return set("references_other", reference);
    }

    public LedgerChanges payload(String payload, String payloadHash) {
        return set("payload", payload).set("payload_hash", payloadHash);
    }

    /** A new reason clears the code of the one before; {@link #reasonCode} gives the new one its code. */
    @Override
    public LedgerChanges reason(String reason) {
        return super.reason(reason).set("reason_code", (String) null);
    }

    /** The reason's code (a park reason's, e.g. {@code MISSING_EMAIL}), which the console groups by. */
    public LedgerChanges reasonCode(String code) {
        return set("reason_code", code);
    }

    /** The shop's own id of the order and the order as read from the shop (JSON). */
    public LedgerChanges shopOrder(Long platformOrderId, String shopOrderJson) {
        return set("platform_order_id", platformOrderId).set("shop_order", shopOrderJson);
    }
}
