package io.jesync.reversal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.economic.model.EconomicDocument;
import io.jesync.economic.model.EconomicDocument.CustomerRef;
import io.jesync.economic.model.EconomicDocument.Delivery;
import io.jesync.economic.model.EconomicDocument.LayoutRef;
import io.jesync.economic.model.EconomicDocument.Line;
import io.jesync.economic.model.EconomicDocument.Notes;
import io.jesync.economic.model.EconomicDocument.ProductRef;
import io.jesync.economic.model.EconomicDocument.Recipient;
import io.jesync.economic.model.EconomicDocument.References;
import io.jesync.economic.model.PaymentTermsRef;
import io.jesync.economic.model.VatZoneRef;
import io.jesync.order.OrderMapper;
import io.jesync.order.OrderMappingException;
import io.jesync.order.OrderMappingSettings;
import io.jesync.order.Texts;
import io.jesync.shop.ShopOrder;

/**
 * The credit note for a booked invoice: e-conomic has no credit-note entity, a credit note is a draft invoice whose
 * lines carry negative quantities. Customer, layout, payment terms, currency, exchange rate,
 * recipient and delivery are copied from the booked invoice, where the accountant may have corrected them; each line
 * keeps the invoice's product, text, unit price and discount percentage, so the credit carries the same prices,
 * discounts and VAT as the invoice. Pure: the same inputs always give the same JSON.
 */
public final class CreditNoteMapper {

    private CreditNoteMapper() {
    }

    /** Credits every line of {@code invoice} in full: an order cancelled in the shop after it was booked. */
    public static EconomicDocument creditAll(JsonNode invoice, String orderNo, String reference, LocalDate date) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode line : invoice.path("lines")) {
            lines.add(negated(line, line.path("quantity").decimalValue(), lines.size() + 1));
        }
        if (lines.isEmpty()) {
            throw new CreditNoteException(orderNo, "lines", "booked invoice "
                    + invoice.path("bookedInvoiceNumber").asInt() + " has no lines to credit");
        }
        return document(invoice, reference, date, "Order " + orderNo + " cancelled in the shop", lines);
    }

    /**
     * Credits the given shop lines: a refund or return. Each shop line is found on the invoice where the order
     * mapping put it ({@link OrderMapper#documentLineNumbers}), and must still be that product with at least the
     * quantity to credit; an invoice changed beyond that is left to a person.
     */
    public static EconomicDocument creditLines(JsonNode invoice, ShopOrder transferred, OrderMappingSettings settings,
                                               List<ReversedLine> reversed, String reference, LocalDate date) {
        String orderNo = transferred.orderNo();
        BigDecimal orderDiscount = transferred.orderDiscountExVat() == null ? BigDecimal.ZERO
                : transferred.orderDiscountExVat();
        if (orderDiscount.signum() > 0 && settings.orderDiscountProductNumber() != null) {
            throw new CreditNoteException(orderNo, "orderDiscount", "the order discount is a line of its own on the"
                    + " invoice, so the share of it that belongs to the refunded lines is not known; credit it by hand");
        }
        Map<Integer, Integer> documentLine;
        try {
            documentLine = OrderMapper.documentLineNumbers(transferred, settings);
        } catch (OrderMappingException e) {
            throw new CreditNoteException(orderNo, "lines", "the order as transferred no longer maps with today's"
                    + " settings (" + e.getMessage() + ")");
        }
        Map<Integer, JsonNode> invoiceLines = new HashMap<>();
        invoice.path("lines").forEach(line -> invoiceLines.put(line.path("lineNumber").asInt(), line));
        List<Line> lines = new ArrayList<>();
        for (ReversedLine line : reversed) {
            Integer number = documentLine.get(line.lineNumber());
            JsonNode invoiced = number == null ? null : invoiceLines.get(number);
            String expected = expectedProduct(line, settings);
            String field = "lines[" + (number == null ? "?" : number) + "]";
            if (invoiced == null || !expected.equals(invoiced.path("product").path("productNumber").asText(null))) {
                throw new CreditNoteException(orderNo, field, "shop line " + line.lineNumber() + " (" + expected
                        + ") is not where it was put on invoice " + invoice.path("bookedInvoiceNumber").asInt()
                        + "; the invoice was changed after the transfer");
            }
            if (invoiced.path("quantity").decimalValue().compareTo(line.quantity()) < 0) {
                throw new CreditNoteException(orderNo, field, "shop line " + line.lineNumber() + " refunds "
                        + line.quantity() + " but the invoice has only " + invoiced.path("quantity").decimalValue());
            }
            lines.add(negated(invoiced, line.quantity(), lines.size() + 1));
        }
        if (lines.isEmpty()) {
            throw new CreditNoteException(orderNo, "lines", "nothing to credit");
        }
        String what = reversed.stream().map(l -> l.quantity().toPlainString() + " × " + expectedProduct(l, settings))
                .collect(Collectors.joining(", "));
        return document(invoice, reference, date, "Refund in the shop for order " + orderNo + ": " + what, lines);
    }

    private static String expectedProduct(ReversedLine line, OrderMappingSettings settings) {
        return switch (line.kind()) {
            case PRODUCT -> line.articleNumber().strip();
            case SHIPPING -> settings.shippingProductNumber();
            case PAYMENT_FEE -> settings.paymentFeeProductNumber();
        };
    }

    private static Line negated(JsonNode line, BigDecimal quantity, int number) {
        JsonNode discount = line.get("discountPercentage");
        return new Line(number, number, new ProductRef(line.path("product").path("productNumber").asText(null)),
                line.path("description").asText(null), quantity.negate(),
                line.path("unitNetPrice").decimalValue(),
                discount == null || discount.isNull() || discount.decimalValue().signum() == 0 ? null
                        : discount.decimalValue());
    }

    private static EconomicDocument document(JsonNode invoice, String reference, LocalDate date, String why,
                                             List<Line> lines) {
        JsonNode recipient = invoice.path("recipient");
        JsonNode delivery = invoice.get("delivery");
        JsonNode rate = invoice.get("exchangeRate");
        int booked = invoice.path("bookedInvoiceNumber").asInt();
        return new EconomicDocument(
                date.toString(),
                invoice.path("currency").asText(),
                rate == null || rate.isNull() ? null : rate.decimalValue(),
                new CustomerRef(invoice.path("customer").path("customerNumber").asInt()),
                new PaymentTermsRef(invoice.path("paymentTerms").path("paymentTermsNumber").asInt()),
                new LayoutRef(invoice.path("layout").path("layoutNumber").asInt()),
                new Recipient(recipient.path("name").asText(), text(recipient, "address"), text(recipient, "zip"),
                        text(recipient, "city"), text(recipient, "country"),
                        new VatZoneRef(recipient.path("vatZone").path("vatZoneNumber").asInt()),
                        text(recipient, "ean")),
                delivery == null || delivery.isNull() ? null : new Delivery(text(delivery, "address"),
                        text(delivery, "zip"), text(delivery, "city"), text(delivery, "country")),
                new References(reference),
                new Notes(Texts.truncate("Credit note for invoice " + booked, 250), Texts.truncate(why, 1000), null),
                lines);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The credit note cannot be derived safely; the reversal is parked with this message. */
    public static final class CreditNoteException extends RuntimeException {
        public CreditNoteException(String orderNo, String field, String problem) {
            super("Order " + orderNo + ", " + field + ": " + problem);
        }
    }
}
