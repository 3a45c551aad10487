package io.jesync.reversal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.config.Shops;
import io.jesync.shop.IncomingOrder;
import io.jesync.shop.ShopOrderBatch;
import io.jesync.store.ClaimableRows;
import io.jesync.store.WatermarkStore;
import io.jesync.store.WatermarkWindow;
import io.jesync.shop.ShopOrderChanges;

/**
 * The reversal flow's steps as the routes call them: read a shop's orders changed since the watermark, record the
 * reversals they ask for, work off due reversals, and move the watermark once every change is recorded.
 */
public final class ReversalFlow {
    static final String WATERMARK = "reversal";
    private static final Logger LOG = LoggerFactory.getLogger(ReversalFlow.class);

    private final RuntimeSettings settings;
    private final ShopOrderChanges shop;
    private final OrderReversal reversal;
    private final ReversalLedger ledger;
    private final WatermarkWindow window;

    public ReversalFlow(RuntimeSettings settings, ShopOrderChanges shop, OrderReversal reversal, ReversalLedger ledger,
                        WatermarkStore watermarks, Clock clock) {
        this.settings = settings;
        this.shop = shop;
        this.reversal = reversal;
        this.ledger = ledger;
        this.window = new WatermarkWindow(watermarks, clock, WATERMARK);
    }

    public WatermarkWindow.Poll<IncomingOrder> poll(String shopId) throws Exception {
        ShopSettings shopSettings = shop(shopId);
        WatermarkWindow.Window poll = window.open(shopId, shopSettings.reversal());
        ShopOrderBatch batch = shop.changedSince(shopSettings, poll.since());
        LOG.debug("Shop {}: {} order(s) changed since {}", shopId, batch.orders().size(), poll.since());
        return new WatermarkWindow.Poll<>(batch.orders(), poll.next(batch.newestUpdate()));
    }

    public Optional<ReversalEntry> detect(String shopId, IncomingOrder order) {
        return reversal.detect(shop(shopId), order);
    }

    /** Step {@code claim-reversal}: the due reversal claimed, or already finished (skipped, parked). */
    public OrderReversal.Work claim(String shopId, ReversalEntry entry) {
        return reversal.claim(shop(shopId), entry);
    }

    public void step(ReversalStep step, OrderReversal.Work work) {
        reversal.step(step, work);
    }

    public OrderReversal.Outcome process(String shopId, ReversalEntry entry) {
        return reversal.process(shop(shopId), entry);
    }

    public List<ReversalEntry> due(String shopId) {
        return ledger.due(shopId, ClaimableRows.DUE_PER_POLL);
    }

    public void commitWatermark(String shopId, Instant watermark) {
        window.commit(shopId, watermark);
    }

    private ShopSettings shop(String shopId) {
        return Shops.byId(settings.shops(), shopId);
    }
}
