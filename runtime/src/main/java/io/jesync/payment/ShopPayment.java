package io.jesync.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One {@code shop_payment} row: money the shop took or gave back for an order, and its entry in e-conomic.
 *
 * @param sourceKey     what reported it, unique per shop: {@code capture:<status action id>} or
 *                      {@code refund:<order>/<reversal seq>}
 * @param amount        positive for a payment received, negative for a refund; in {@code currency}
 * @param invoiceNumber the booked invoice (or credit note) it settles, once known
 * @param entryText     the entry's text in e-conomic, which names the shop order and is the look-up key
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
        String reason,
        int attempts,
        Instant nextAttemptAt,
        String claimedBy,
        Instant claimedUntil,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public enum Kind { PAYMENT, REFUND }

    ShopPayment with(PaymentState newState, String newReason) {
        return new ShopPayment(id, shopId, orderNo, sourceKey, kind, paymentMethod, amount, currency, capturedAt,
                invoiceNumber, newState, entryText, idempotencyKey, payload, journalNumber, voucherNumber,
                accountingYear, newReason, attempts, nextAttemptAt, claimedBy, claimedUntil, createdAt, updatedAt,
                version);
    }

    ShopPayment withInvoice(Long number) {
        return new ShopPayment(id, shopId, orderNo, sourceKey, kind, paymentMethod, amount, currency, capturedAt,
                number, state, entryText, idempotencyKey, payload, journalNumber, voucherNumber, accountingYear, reason,
                attempts, nextAttemptAt, claimedBy, claimedUntil, createdAt, updatedAt, version);
    }

    ShopPayment withVoucher(String body, Integer journal, Long voucher, String year) {
        return new ShopPayment(id, shopId, orderNo, sourceKey, kind, paymentMethod, amount, currency, capturedAt,
                invoiceNumber, state, entryText, idempotencyKey, body, journal, voucher, year, reason, attempts,
                nextAttemptAt, claimedBy, claimedUntil, createdAt, updatedAt, version);
    }

    ShopPayment withAttempt(int count, Instant next) {
        return new ShopPayment(id, shopId, orderNo, sourceKey, kind, paymentMethod, amount, currency, capturedAt,
                invoiceNumber, state, entryText, idempotencyKey, payload, journalNumber, voucherNumber, accountingYear,
                reason, count, next, claimedBy, claimedUntil, createdAt, updatedAt, version);
    }
}
