package io.jesync.demo;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderItem;
import io.jesync.simulator.norce.NorceModel.OrderStatus;
import io.jesync.simulator.norce.NorceSimulator;

/**
 * The demo shop's back office: once the runtime has confirmed orders to the shop, it cancels one of them and takes
 * back one line of an invoiced one, so the demo also shows the shop → e-conomic direction (a deleted draft or a
 * credit note). Which orders is decided by their numbers and the seed, so a run with the same seed tells the same
 * story.
 */
public final class DemoShopkeeper extends DemoBackOffice {
    private static final Logger LOG = LoggerFactory.getLogger(DemoShopkeeper.class);

    private final NorceSimulator norce;
    private final long seed;
    private boolean cancelledOne;
    private boolean refundedOne;

    public DemoShopkeeper(NorceSimulator norce, long seed) {
        super("norce-demo-shopkeeper");
        this.norce = norce;
        this.seed = seed;
    }

    /** One look over the shop's orders. */
    @Override
    public synchronized void tick() {
        for (Order order : norce.orders()) {
            if (cancelledOne && refundedOne) {
                return;
            }
            // Transferred and acknowledged: Confirmed with the ERP's number stored.
            if (!cancelledOne && order.statusId() == OrderStatus.CONFIRMED.id() && order.erpOrderNo() != null
                    && chosen(order, 1)) {
                cancelledOne = true;
                norce.setOrderStatus(order.id(), OrderStatus.CANCELLED.id());
                LOG.info("Demo shop cancelled order {} after its transfer: e-conomic should see its draft deleted"
                        + " or its invoice credited", order.orderNo());
            } else if (!refundedOne && order.statusId() == OrderStatus.INVOICED.id() && chosen(order, 2)) {
                Optional<OrderItem> line = order.items().stream().filter(i -> !i.isFee()).findFirst();
                if (line.isPresent()) {
                    refundedOne = true;
                    norce.cancelLine(order.id(), line.get().lineNumber());
                    LOG.info("Demo shop took back line {} ({}) of order {}: e-conomic should get a credit note",
                            line.get().lineNumber(), line.get().partNo(), order.orderNo());
                }
            }
        }
    }

    /** About one order in five qualifies, so the first cancellation and refund come soon after start. */
    private boolean chosen(Order order, int salt) {
        long h = seed * 0x9E3779B97F4A7C15L + salt;
        for (char c : order.orderNo().toCharArray()) {
            h = (h ^ c) * 0x100000001B3L;
        }
        return Math.floorMod(h ^ (h >>> 29), 5) == 0;
    }

}
