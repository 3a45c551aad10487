package io.jesync.shop;

import java.math.BigDecimal;
import java.util.List;

import io.jesync.config.ShopSettings;

/**
 * What the status flow asks of a shop platform. Every write is safe to repeat: a status set twice is the same
 * status, and a note, invoice or cancellation the shop already has comes back as {@link Write#ALREADY_DONE}
 * instead of being made twice (the numbers are derived from the order, so a retry repeats them).
 *
 * <p>Failures: {@link ShopUnavailableException} (try again later), {@link ShopRequestException} (refused: park),
 * {@link ShopOrderUnreadableException} (the stored snapshot cannot be read).
 */
public interface ShopStatusPort {

    /** How a write ended. */
    enum Write { DONE, ALREADY_DONE }

    /** The order as the order flow stored it when it read it from the shop (the ledger's snapshot). */
    ShopOrder snapshot(ShopSettings shop, String snapshotJson) throws Exception;

    Write setStatus(ShopSettings shop, StatusChange change) throws Exception;

    Write createDeliveryNote(ShopSettings shop, DeliveryNote note) throws Exception;

    /** Creates the shop invoice, which captures the payment reservation. */
    Write createInvoice(ShopSettings shop, Capture capture) throws Exception;

    Write cancelOrder(ShopSettings shop, Cancellation cancellation) throws Exception;

    record StatusChange(String orderNo, String erpOrderNo, String status) {
    }

    /**
     * {@code lines} are the delivered product lines; {@code parcels} the tracking numbers (may be empty);
     * {@code order} the order as transferred, whose platform id lets the adapter find the order as the shop
     * names it now.
     */
    record DeliveryNote(String orderNo, String erpOrderNo, String noteNo, List<ShopOrderLine> lines,
                        List<String> parcels, ShopOrder order) {
        public DeliveryNote {
            lines = List.copyOf(lines);
            parcels = List.copyOf(parcels);
        }
    }

    /**
     * {@code amount} incl. VAT in {@code currency}; {@code paymentReference} the PSP's reference when the shop
     * showed one (null: the platform captures against the payment it holds); {@code paymentMethod} the shop's code.
     */
    record Capture(String orderNo, String erpOrderNo, String invoiceNo, String currency, List<ShopOrderLine> lines,
                   String paymentReference, BigDecimal amount, String paymentMethod) {
        public Capture {
            lines = List.copyOf(lines);
        }
    }

    /** {@code paymentReference} null leaves the payment reservation alone. */
    record Cancellation(String orderNo, String erpOrderNo, String paymentReference) {
    }
}
