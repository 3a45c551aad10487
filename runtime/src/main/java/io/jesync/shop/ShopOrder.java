package io.jesync.shop;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A shop order as every platform adapter delivers it to the flows: platform-neutral, money explicit.
 *
 * @param shopId          the runtime's shop id (settings), not the platform's
 * @param orderNo         the shop's order number customers see; with {@code shopId} the business key
 * @param platformOrderId the platform's internal id (Norce {@code Id}), for write-backs
 * @param channelId       the sales channel (Norce application id)
 * @param statusId        the platform's order status id when read
 * @param currency        ISO 4217 code of the order's prices
 * @param orderDiscountExVat an order-level discount not spread over the lines (0 when none)
 * @param totalIncVat     what the shop says the customer pays, incl. VAT; the mapping is checked against it
 * @param paymentMethod   the shop's payment method code (e.g. KCO), null when unknown
 * @param paymentReference the PSP's transaction reference, used for capture
 */
public record ShopOrder(
        String shopId,
        String orderNo,
        long platformOrderId,
        int channelId,
        int statusId,
        Instant orderDate,
        Instant updated,
        String currency,
        ShopParty buyer,
        ShopParty shipTo,
        List<ShopOrderLine> lines,
        BigDecimal orderDiscountExVat,
        BigDecimal totalIncVat,
        String paymentMethod,
        String paymentReference) {

    public ShopOrder {
        lines = List.copyOf(lines);
    }
}
