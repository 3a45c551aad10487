package io.jesync.shop;

import java.util.Optional;

import io.jesync.config.ShopSettings;

/** What the order flow needs from the shop besides the poll: a fresh read before a retry, and the answer back. */
public interface ShopOrderPort {

    /** The order as the shop has it now; empty when it is gone. */
    Optional<IncomingOrder> refetch(ShopSettings shop, int channelId, long platformOrderId) throws Exception;

    /** Tells the shop the order is in e-conomic: its new status and e-conomic's number as the ERP order number. */
    void acknowledge(ShopSettings shop, ShopOrder order, String erpOrderNo, ShopOrderStatus status) throws Exception;
}
