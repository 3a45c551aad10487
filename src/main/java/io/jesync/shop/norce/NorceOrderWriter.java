package io.jesync.shop.norce;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ShopSettings;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.status.ShopStatusPort;

/**
 * The status flow's writes to Norce, Connect 4.0 (reference §2.5, §4.8): {@code Order/SendOrderStatus},
 * {@code Order/CreateDeliveryNote}, {@code Order/CreateInvoice} (which captures the payment) and
 * {@code Order/CancelOrder}. A retry after a lost answer repeats the same note or invoice number; Norce refuses
 * the second one as already existing, and a second cancellation as already cancelled, and both count as done
 * (assumed from the contract's behaviour, not documented by Norce; docs/flows/order-status.md).
 */
public final class NorceOrderWriter implements ShopStatusPort {
    static final String CONNECT_ORDER = "/commerce/connect/4.0/Order/";
    /** Parcel StatusId 4 = Delivered (reference §2.5). */
    private static final int PARCEL_DELIVERED = 4;

    private final NorceConnection connection;
    private final Clock clock;

    public NorceOrderWriter(NorceConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    @Override
    public ShopOrder snapshot(ShopSettings shop, String snapshotJson) throws NorceOrderParseException {
        return NorceOrderMapper.toShopOrder(shop.id(), snapshotJson);
    }

    @Override
    public Write setStatus(ShopSettings shop, StatusChange change) throws IOException, InterruptedException {
        ObjectNode body = connection.mapper().createObjectNode();
        NorceConnection.putClientOrderRef(body, change.orderNo());
        body.put("ErpOrderNo", change.erpOrderNo());
        body.put("OrderStatus", change.status());
        connection.postConnect(shop, CONNECT_ORDER + "SendOrderStatus", body, "Norce SendOrderStatus "
                + change.status() + " for order " + change.orderNo() + " of shop " + shop.id());
        return Write.DONE;
    }

    @Override
    public Write createDeliveryNote(ShopSettings shop, DeliveryNote note) throws IOException, InterruptedException {
        ObjectNode body = connection.mapper().createObjectNode();
        body.put("OrderNo", note.orderNo());
        body.put("NoteNo", note.noteNo());
        body.put("DeliveryDate", clock.instant().toString());
        ArrayNode items = body.putArray("DeliveryNoteItems");
        for (ShopOrderLine line : note.lines()) {
            items.addObject().put("ItemNo", line.articleNumber()).put("Qty", line.quantity())
                    .put("RowNumber", line.lineNumber());
        }
        ArrayNode packages = body.putArray("DeliveryNotePackages");
        for (String parcel : note.parcels()) {
            packages.addObject().put("ParcelNumber", parcel).put("StatusId", PARCEL_DELIVERED);
        }
        return writeOnce(shop, "CreateDeliveryNote", body, "Norce CreateDeliveryNote " + note.noteNo()
                + " for order " + note.orderNo() + " of shop " + shop.id(), "already exists");
    }

    @Override
    public Write createInvoice(ShopSettings shop, Capture capture) throws IOException, InterruptedException {
        ObjectNode body = connection.mapper().createObjectNode();
        NorceConnection.putClientOrderRef(body, capture.orderNo());
        body.put("ErpOrderNo", capture.erpOrderNo());
        body.put("InvoiceNo", capture.invoiceNo());
        body.put("InvoiceDate", clock.instant().toString());
        body.put("CurrencyCode", capture.currency());
        body.put("IsLastInvoiceForOrder", true);
        body.put("SuppressPspCall", false);
        ArrayNode items = body.putArray("Items");
        for (ShopOrderLine line : capture.lines()) {
            BigDecimal lineAmount = line.lineTotalExVat().setScale(2, RoundingMode.HALF_UP);
            BigDecimal unitVat = line.quantity().signum() == 0 ? BigDecimal.ZERO
                    : line.lineTotalExVat().multiply(line.vatRate()).movePointLeft(2)
                    .divide(line.quantity(), 2, RoundingMode.HALF_UP);
            items.addObject().put("PartNo", line.articleNumber()).put("Quantity", line.quantity())
                    .put("UnitPrice", line.unitPriceExVat()).put("UnitVat", unitVat).put("VatRate", line.vatRate())
                    .put("LineAmount", lineAmount);
        }
        body.putObject("Payment").put("PaymentRef", capture.paymentReference())
                .put("Amount", capture.amount()).put("CurrencyCode", capture.currency());
        return writeOnce(shop, "CreateInvoice", body, "Norce CreateInvoice " + capture.invoiceNo() + " for order "
                + capture.orderNo() + " of shop " + shop.id(), "already exists");
    }

    @Override
    public Write cancelOrder(ShopSettings shop, Cancellation cancellation) throws IOException, InterruptedException {
        ObjectNode body = connection.mapper().createObjectNode();
        NorceConnection.putClientOrderRef(body, cancellation.orderNo());
        body.put("ErpOrderNo", cancellation.erpOrderNo());
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
