package io.jesync.status;

import java.time.Instant;
import java.util.Set;

import io.jesync.order.OrderFlowSettings.DocumentType;

/**
 * An order already in e-conomic whose later life is still being watched, with what is known so far.
 *
 * @param documentType         what the transfer created in e-conomic
 * @param referencesOther      the business key the transfer wrote to {@code references.other}
 * @param economicDocumentNumber the draft invoice or order number the transfer created
 * @param bookedInvoiceNumbers booked invoices already seen for the order (from the transfer or an earlier event)
 * @param seen                 event types already recorded for the order
 * @param transferredAt        when the ledger row was created; bounds the first look-up of booked invoices
 */
public record TrackedOrder(String shopId, String orderNo, DocumentType documentType, String referencesOther,
                           Long economicDocumentNumber, Set<Long> bookedInvoiceNumbers, Set<StatusEventType> seen,
                           Instant transferredAt) {

    public TrackedOrder {
        bookedInvoiceNumbers = Set.copyOf(bookedInvoiceNumbers);
        seen = Set.copyOf(seen);
    }
}
