package io.jesync.order;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.config.Shops;
import io.jesync.shop.IncomingOrder;
import io.jesync.shop.ShopOrders;
import io.jesync.store.ClaimableRows;
import io.jesync.store.WatermarkStore;
import io.jesync.store.WatermarkWindow;

/**
 * The order flow's steps as the routes call them: poll a shop, claim one order and take it through the
 * {@link OrderStep}s, list due orders, and move the watermark once a poll's orders are all in the ledger.
 * {@link #accept} and {@link #resume} run one order's steps in one call, as the routes do.
 */
public final class OrderFlow {
    public static final String WATERMARK = "orders";
    private static final Logger LOG = LoggerFactory.getLogger(OrderFlow.class);

    private final RuntimeSettings settings;
    private final ShopOrders shop;
    private final OrderTransfer transfer;
    private final OrderLedger ledger;
    private final WatermarkWindow window;

    public OrderFlow(RuntimeSettings settings, ShopOrders shop, OrderTransfer transfer, OrderLedger ledger,
                     WatermarkStore watermarks, Clock clock) {
        this.settings = settings;
        this.shop = shop;
        this.transfer = transfer;
        this.ledger = ledger;
        this.window = new WatermarkWindow(watermarks, clock, WATERMARK);
    }

    public WatermarkWindow.Poll<IncomingOrder> poll(String shopId) throws Exception {
        ShopSettings shopSettings = shop(shopId);
        WatermarkWindow.Window poll = window.open(shopId, shopSettings.orders());
        io.jesync.shop.ShopOrderBatch batch = shop.ordersSince(shopSettings, poll.since());
        if (!batch.orders().isEmpty()) {
            LOG.info("Shop {}: {} order(s) in trigger statuses since {}", shopId, batch.orders().size(), poll.since());
        }
        List<IncomingOrder> open = waiting(shopId, batch.orders());
        transfer.prepare(shopSettings, open);
        return new WatermarkWindow.Poll<>(open, poll.next(batch.newestUpdate()));
    }

    /**
     * The polled orders that may still need work, oldest placement first: each poll re-reads its overlap, and the
     * orders already done there would only cost their claims; the order that has waited longest gets its document
     * first, whichever channel it came from. Orders that could not be read keep their place at the end.
     */
    private List<IncomingOrder> waiting(String shopId, List<IncomingOrder> polled) {
        if (polled.isEmpty()) {
            return polled;
        }
        java.util.Set<String> done = ledger.finished(shopId, polled.stream().map(IncomingOrder::orderNo).toList());
        return polled.stream().filter(order -> !done.contains(order.orderNo()))
                .sorted(java.util.Comparator.comparing((IncomingOrder order) -> order.order() == null ? null
                        : order.order().orderDate(), java.util.Comparator.nullsLast(java.util.Comparator
                        .naturalOrder())))
                .toList();
    }

    /** Step {@code claim-order}: the polled order claimed, or already finished (skipped, parked). */
    public OrderTransfer.Work claim(String shopId, IncomingOrder order) {
        return transfer.claim(shop(shopId), order);
    }

    /** Step {@code claim-due-order}: the due order claimed and read afresh from the shop. */
    public OrderTransfer.Work claimDue(String shopId, LedgerEntry entry) {
        return transfer.claimDue(shop(shopId), entry);
    }

    public void step(OrderStep step, OrderTransfer.Work work) {
        transfer.step(step, work);
    }

    public OrderTransfer.Outcome accept(String shopId, IncomingOrder order) {
        return transfer.accept(shop(shopId), order);
    }

    public OrderTransfer.Outcome resume(String shopId, LedgerEntry entry) {
        return transfer.resume(shop(shopId), entry);
    }

    public List<LedgerEntry> due(String shopId) {
        return ledger.due(shopId, ClaimableRows.DUE_PER_POLL);
    }

    public void commitWatermark(String shopId, Instant watermark) {
        window.commit(shopId, watermark);
    }

    private ShopSettings shop(String shopId) {
        return Shops.byId(settings.shops(), shopId);
    }
}
