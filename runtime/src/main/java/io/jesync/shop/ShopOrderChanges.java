package io.jesync.shop;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.jesync.config.ShopSettings;

/** What the reversal flow needs from a shop platform: changed orders, and how to read its stored snapshots. */
public interface ShopOrderChanges {

    /** Every order of the shop's channels, in any status, updated at or after {@code since}. */
    ShopOrderBatch changedSince(ShopSettings shop, Instant since) throws Exception;

    /** The order as the transfer stored it ({@code order_ledger.shop_order}); empty when it cannot be read. */
    Optional<ShopOrder> transferred(String shopId, String rawJson);

    /** Line numbers of {@code order} whose own status is Cancelled. */
    Set<Integer> cancelledLines(IncomingOrder order);
}
