package io.jesync.payment;

import java.math.BigDecimal;
import java.time.Instant;

import io.jesync.store.LedgerRow;

/**
 * One {@code shop_payment} row: money the shop took or gave back for an order, and its entry in e-conomic.
 *
 * @param sourceKey     what reported it, unique per shop: {@code capture:<status action id>} or
 *                      {@code refund:<order>/<reversal seq>}
 * @param amount        positive for a payment received, negative for a refund; in {@code currency}
 * @param invoiceNumber the booked invoice (or credit note) it settles, once known
 * @param entryText     the entry's text in e-conomic, which names the shop order and is the look-up key
 * @param row           the columns every ledger shares
 */
public record ShopPayment(
        long id,
        String shopId,
        String orderNo,
        String sourceKey,
        Kind kind,
        String paymentMethod,
        BigDecimal amount,
        String currency,
        Instant capturedAt,
        Long invoiceNumber,
        PaymentState state,
        String entryText,
        String idempotencyKey,
        String payload,
        Integer journalNumber,
        Long voucherNumber,
        String accountingYear,
        LedgerRow row) {

    public enum Kind { PAYMENT, REFUND }

    ShopPayment with(PaymentState newState, String newReason) {
        return new ShopPayment(id, shopId, orderNo, sourceKey, kind, paymentMethod, amount, currency, capturedAt,
                invoiceNumber, newState, entryText, idempotencyKey, payload, journalNumber, voucherNumber,
                accountingYear, row.withReason(newReason));
    }

    ShopPayment withInvoice(Long number) {
        return new ShopPayment(id, shopId, orderNo, sourceKey, kind, paymentMethod, amount, currency, capturedAt,
                number, state, entryText, idempotencyKey, payload, journalNumber, voucherNumber, accountingYear, row);
    }

    ShopPayment withVoucher(String body, Integer journal, Long voucher, String year) {
        return new ShopPayment(id, shopId, orderNo, sourceKey, kind, paymentMethod, amount, currency, capturedAt,
                invoiceNumber, state, entryText, idempotencyKey, body, journal, voucher, year, row);
    }

    ShopPayment withAttempt(int count, Instant next) {
        return new ShopPayment(id, shopId, orderNo, sourceKey, kind, paymentMethod, amount, currency, capturedAt,
                invoiceNumber, state, entryText, idempotencyKey, payload, journalNumber, voucherNumber, accountingYear,
                row.withAttempt(count, next));
    }
}
