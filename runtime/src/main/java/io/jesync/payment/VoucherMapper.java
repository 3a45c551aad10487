package io.jesync.payment;

import io.jesync.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A shop payment as the voucher e-conomic's {@code POST /journals/{n}/vouchers} takes: one {@code customerPayments}
 * entry naming the customer, the booked invoice it settles, the amount in the invoice's currency, the day of the
 * capture, the contra account (the PSP's clearing account) and a text naming the shop order. Pure.
 */
public final class VoucherMapper {
    private static final ObjectMapper MAPPER = Json.MAPPER;
    /** e-conomic's limit for an entry's text. */
    static final int TEXT_LIMIT = 250;

    private VoucherMapper() {
    }

    /** What one voucher says; {@code amount} is positive for money received, negative for money paid back. */
    public record Voucher(int journalNumber, String accountingYear, int customerNumber, long invoiceNumber,
                          BigDecimal amount, String currency, LocalDate date, int contraAccount, String text) {
    }

    public static ObjectNode toJson(Voucher voucher) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("accountingYear").put("year", voucher.accountingYear());
        body.putObject("journal").put("journalNumber", voucher.journalNumber());
        ObjectNode entry = body.putObject("entries").putArray("customerPayments").addObject();
        entry.putObject("customer").put("customerNumber", voucher.customerNumber());
        entry.put("customerInvoice", voucher.invoiceNumber());
        entry.put("amount", voucher.amount().setScale(2, RoundingMode.HALF_UP));
        entry.putObject("currency").put("code", voucher.currency());
        entry.put("date", voucher.date().toString());
        entry.putObject("contraAccount").put("accountNumber", voucher.contraAccount());
        entry.put("text", voucher.text());
        return body;
    }

    /**
     * The entry's text: the shop order in words the accountant reads, then a tag unique to this payment, which is
     * how the runtime finds the entry again ({@code text} is filterable on journal and booked entries). The words
     * give way before the tag when the limit is reached, so the tag is never cut.
     */
    public static String entryText(String shopId, String orderNo, ShopPayment.Kind kind, String paymentMethod,
                                   String sourceKey) {
        String tag = " #jesync-" + shopId + "-" + sourceKey;
        String words = "Shop order " + orderNo + (kind == ShopPayment.Kind.REFUND ? " refund" : " payment")
                + (paymentMethod == null || paymentMethod.isBlank() ? "" : " " + paymentMethod.strip()
                .toUpperCase(Locale.ROOT));
        int room = TEXT_LIMIT - tag.length();
        return (words.length() > room ? words.substring(0, Math.max(0, room)) : words) + tag;
    }
}
