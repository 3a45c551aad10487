package io.jesync.shop.norce;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ShopSettings;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopStatusPort;

/**
 * The status flow's writes to Norce, Connect 4.0 Order service (bodies as in Norce's published contracts):
 * {@code SendOrderStatus}, {@code CreateDeliveryNote} (matched by the order's current OrderNo, read from Query just
 * before, since an ERP confirmation may have changed it), {@code CreateInvoice} (with its Items, which Norce needs
 * to capture the payment) and {@code CancelOrder}. A retry after a lost answer repeats the same note or invoice
 * number; Norce is assumed to refuse the second one as already existing, and a second cancellation as already
 * cancelled, and both count as done (not documented by Norce; docs/norce-adapter.md).
 */
public final class NorceOrderWriter implements ShopStatusPort {
    static final String CONNECT_ORDER = "/commerce/connect/4.0/Order/";
    /** Parcel and delivery-note StatusId 4 = Delivered (Connect OrderStatus numbers). */
    private static final int DELIVERED = 4;

    private final NorceConnection connection;
    private final NorceOrderReader reader;
    private final Clock clock;

    public NorceOrderWriter(NorceConnection connection, Clock clock) {
        this.connection = connection;
        this.reader = new NorceOrderReader(connection);
        this.clock = clock;
    }

    /**
     * ClientOrderRef (the quotation id, a 32-bit number in the contract) when the shop's order number is one, and
     * the ERP order number when known: "Either ClientOrderRef or ErpOrderNo must be provided", both when we have
     * them.
     */
    static void putOrderRefs(ObjectNode body, String orderNo, String erpOrderNo) {
        if (orderNo != null && orderNo.matches("\\d{1,10}") && Long.parseLong(orderNo) <= Integer.MAX_VALUE) {
            body.put("ClientOrderRef", Integer.parseInt(orderNo));
        }
        if (erpOrderNo != null && !erpOrderNo.isBlank()) {
            body.put("ErpOrderNo", erpOrderNo);
        }
    }

    @Override
    public ShopOrder snapshot(ShopSettings shop, String snapshotJson) throws NorceOrderParseException {
        return NorceOrderMapper.toShopOrder(shop.id(), snapshotJson);
    }

    @Override
    public Write setStatus(ShopSettings shop, StatusChange change) throws IOException, InterruptedException {
        ObjectNode body = connection.mapper().createObjectNode();
        putOrderRefs(body, change.orderNo(), change.erpOrderNo());
        body.put("OrderStatus", change.status());
        connection.postConnect(shop, CONNECT_ORDER + "SendOrderStatus", body, "Norce SendOrderStatus "
                + change.status() + " for order " + change.orderNo() + " of shop " + shop.id());
        return Write.DONE;
    }

    @Override
    public Write createDeliveryNote(ShopSettings shop, DeliveryNote note) throws IOException, InterruptedException {
        String what = "Norce CreateDeliveryNote " + note.noteNo() + " for order " + note.orderNo() + " of shop "
                + shop.id();
        Optional<JsonNode> current = reader.fetchOne(shop, note.order().channelId(), note.order().platformOrderId());
        String orderNo = current.map(o -> o.path("OrderNo").asText(null)).filter(n -> !n.isBlank())
                .orElseThrow(() -> new NorceRequestException(what + ": Norce no longer has the order (Id "
                        + note.order().platformOrderId() + ") or it has no OrderNo", 404));
        ObjectNode body = connection.mapper().createObjectNode();
        body.put("OrderNo", orderNo);
        body.put("NoteNo", note.noteNo());
        body.put("DeliveryDate", clock.instant().toString());
        body.put("StatusId", DELIVERED);
        ArrayNode items = body.putArray("DeliveryNoteItems");
        for (ShopOrderLine line : note.lines()) {
            items.addObject().put("RowNumber", line.lineNumber()).put("ItemNo", line.articleNumber())
                    .put("Qty", line.quantity());
        }
        ArrayNode packages = body.putArray("DeliveryNotePackages");
        for (String parcel : note.parcels()) {
            packages.addObject().put("ParcelNumber", parcel).put("StatusId", DELIVERED);
        }
        return writeOnce(shop, "CreateDeliveryNote", body, what, "already exists");
    }

    /**
     * The invoice that captures the payment. Query shows no PSP reference, so the Payment names only the method,
     * amount and currency; Norce captures against the payment it holds for the order. Quantities are whole numbers
     * in the contract: a line with a fractional quantity is refused here, before anything is sent.
     */
    @Override
    public Write createInvoice(ShopSettings shop, Capture capture) throws IOException, InterruptedException {
        String what = "Norce CreateInvoice " + capture.invoiceNo() + " for order " + capture.orderNo() + " of shop "
                + shop.id();
        ObjectNode body = connection.mapper().createObjectNode();
        body.put("InvoiceNo", capture.invoiceNo());
        putOrderRefs(body, capture.orderNo(), capture.erpOrderNo());
        body.put("InvoiceDate", clock.instant().toString());
        body.put("CurrencyCode", capture.currency());
        body.put("IsLastInvoiceForOrder", true);
        body.put("SuppressPspCall", false);
        ArrayNode items = body.putArray("Items");
        BigDecimal vat = BigDecimal.ZERO;
        for (ShopOrderLine line : capture.lines()) {
            if (line.quantity().stripTrailingZeros().scale() > 0) {
                throw new NorceRequestException(what + ": line " + line.lineNumber() + " has the quantity "
                        + line.quantity().toPlainString() + ", and Norce's InvoiceItem takes whole quantities only",
                        0);
            }
            BigDecimal lineAmount = line.lineTotalExVat().setScale(2, RoundingMode.HALF_UP);
            BigDecimal lineVat = line.lineTotalExVat().multiply(line.vatRate()).movePointLeft(2);
            vat = vat.add(lineVat);
            BigDecimal unitVat = line.quantity().signum() == 0 ? BigDecimal.ZERO
                    : lineVat.divide(line.quantity(), 2, RoundingMode.HALF_UP);
            ObjectNode item = items.addObject().put("LineNo", line.lineNumber()).put("PartNo", line.articleNumber())
                    .put("ProductName", line.name()).put("Quantity", line.quantity().intValueExact())
                    .put("UnitPrice", line.unitPriceExVat()).put("UnitVat", unitVat).put("VatRate", line.vatRate())
                    .put("LineAmount", lineAmount);
            if (line.discountAmount() != null && line.discountAmount().signum() != 0) {
                item.put("Discount", line.discountAmount());
            }
        }
        body.put("Vat", vat.setScale(2, RoundingMode.HALF_UP));
        body.put("TotalAmount", capture.amount());
        ObjectNode payment = body.putObject("Payment").put("Amount", capture.amount())
                .put("CurrencyCode", capture.currency());
        if (capture.paymentMethod() != null) {
            payment.put("PaymentMethodCode", capture.paymentMethod());
        }
        if (capture.paymentReference() != null) {
            payment.put("PaymentRef", capture.paymentReference());
        }
        return writeOnce(shop, "CreateInvoice", body, what, "already exists");
    }

    /**
     * Norce releases the payment reservation only for the Payments listed, each by its PaymentRef, which Query does
     * not show: without a reference the order is cancelled and the reservation left to the merchant's PSP set-up
     * (docs/norce-adapter.md, "Cancelling").
     */
    @Override
    public Write cancelOrder(ShopSettings shop, Cancellation cancellation) throws IOException, InterruptedException {
        ObjectNode body = connection.mapper().createObjectNode();
        putOrderRefs(body, cancellation.orderNo(), cancellation.erpOrderNo());
        if (cancellation.paymentReference() != null) {
            body.putArray("Payments").addObject().put("PaymentRef", cancellation.paymentReference());
        }
        return writeOnce(shop, "CancelOrder", body, "Norce CancelOrder for order " + cancellation.orderNo()
                + " of shop " + shop.id(), "already cancelled");
    }

    private Write writeOnce(ShopSettings shop, String operation, ObjectNode body, String what, String alreadyDone)
            throws IOException, InterruptedException {
        try {
            connection.postConnect(shop, CONNECT_ORDER + operation, body, what);
            return Write.DONE;
        } catch (NorceRequestException e) {
            if (e.getMessage().toLowerCase(Locale.ROOT).contains(alreadyDone)) {
                return Write.ALREADY_DONE;
            }
            throw e;
        }
    }
}
