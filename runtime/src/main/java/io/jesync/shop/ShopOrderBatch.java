package io.jesync.shop;

import java.time.Instant;
import java.util.List;
import java.util.Optional;


/** One poll's orders and the newest {@code Updated} among them (empty when none). */
public record ShopOrderBatch(List<IncomingOrder> orders, Optional<Instant> newestUpdate) {
    public ShopOrderBatch {
        orders = List.copyOf(orders);
    }
}
