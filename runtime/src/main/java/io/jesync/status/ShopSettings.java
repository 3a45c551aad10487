package io.jesync.status;

/** One shop's settings as the status flow reads them: the shop itself and the settings records of the flows it uses. */
public interface ShopSettings extends io.jesync.order.ShopSettings {
    StatusFlowSettings status();
}
