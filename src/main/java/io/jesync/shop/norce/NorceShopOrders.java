package io.jesync.shop.norce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.config.ShopSettings;
import io.jesync.order.IncomingOrder;
import io.jesync.order.ShopOrderPort;
import io.jesync.reversal.ShopOrderChanges;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderBatch;

/**
 * The order flow's view of a Norce shop: trigger-status orders since a point in time, each already turned into a
 * {@link ShopOrder} or into the reason it cannot be read, a fresh read of one order, and the acknowledgement.
 */
public final class NorceShopOrders implements ShopOrderPort, ShopOrderChanges {
    private final NorceOrderReader reader;
    private final NorceOrderAcknowledger acknowledger;

    public NorceShopOrders(NorceConnection connection) {
        this.reader = new NorceOrderReader(connection);
        this.acknowledger = new NorceOrderAcknowledger(connection);
    }

    /** Every order of the shop's channels in a trigger status updated at or after {@code since}. */
    public ShopOrderBatch ordersSince(ShopSettings shop, Instant since) throws Exception {
        return read(shop, (applicationId, next) -> reader.fetch(shop, applicationId,
                shop.orders().triggerStatusIds(applicationId), since, next));
    }

    /** Every order of the shop's channels, in any status, updated at or after {@code since}. */
    @Override
    public ShopOrderBatch changedSince(ShopSettings shop, Instant since) throws Exception {
        return read(shop, (applicationId, next) -> reader.fetchAnyStatus(shop, applicationId, since, next));
    }

    @Override
    public Optional<ShopOrder> transferred(String shopId, String rawJson) {
        try {
            return Optional.of(NorceOrderMapper.toShopOrder(shopId, rawJson));
        } catch (NorceOrderParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public Set<Integer> cancelledLines(IncomingOrder order) {
        try {
            return NorceOrderMapper.linesInStatus(NorceOrderMapper.JSON.readTree(order.rawJson()),
                    NorceOrderStatus.CANCELLED.id());
        } catch (java.io.IOException e) {
            return Set.of();
        }
    }

    private interface PageSource {
        NorceOrderReader.OrderPage fetch(int applicationId, String nextLink) throws Exception;
    }

    private ShopOrderBatch read(ShopSettings shop, PageSource pages) throws Exception {
        List<IncomingOrder> orders = new ArrayList<>();
        Instant newest = null;
        for (int applicationId : shop.applicationIds()) {
            String next = null;
            do {
                NorceOrderReader.OrderPage page = pages.fetch(applicationId, next);
                for (JsonNode raw : page.orders()) {
                    orders.add(incoming(shop.id(), applicationId, raw));
                }
                if (page.maxUpdated() != null && (newest == null || page.maxUpdated().isAfter(newest))) {
                    newest = page.maxUpdated();
                }
                next = page.hasNext() ? page.nextLink() : null;
            } while (next != null);
        }
        return new ShopOrderBatch(orders, Optional.ofNullable(newest));
    }


    @Override
    public Optional<IncomingOrder> refetch(ShopSettings shop, int channelId, long platformOrderId) throws Exception {
        return reader.fetchOne(shop, channelId, platformOrderId).map(raw -> incoming(shop.id(), channelId, raw));
    }

    @Override
    public void acknowledge(ShopSettings shop, ShopOrder order, String erpOrderNo, NorceOrderStatus status)
            throws Exception {
        acknowledger.acknowledge(shop, order, erpOrderNo, status.wireName());
    }

    static IncomingOrder incoming(String shopId, int applicationId, JsonNode raw) {
        try {
            return IncomingOrder.readable(NorceOrderMapper.toShopOrder(shopId, raw), raw.toString());
        } catch (NorceOrderParseException e) {
            String orderNo = e.orderNo() != null ? e.orderNo()
                    : e.platformOrderId() != null ? "id-" + e.platformOrderId()
                    : "unreadable-" + Integer.toHexString(raw.toString().hashCode());
            return IncomingOrder.unreadable(orderNo, applicationId, e.platformOrderId(), raw.toString(), e.field(),
                    e.problem());
        }
    }
}
