package io.jesync.shop;

import java.time.Instant;

import io.jesync.config.ShopSettings;

/**
 * Everything the order, reversal and reconciliation flows read from a shop and tell it: trigger-status orders
 * since a point in time, changed orders in any status, a fresh read of one order, the acknowledgement, and the
 * reading of stored snapshots.
 */
public interface ShopOrders extends ShopOrderPort, ShopOrderChanges {

    /** Every order of the shop's channels in one of its trigger statuses changed or placed at or after {@code since}. */
    ShopOrderBatch ordersSince(ShopSettings shop, Instant since) throws Exception;
}
