package io.jesync.order;

/** One shop's settings as the order flow reads them: the shop itself and the settings records of the flows it uses. */
public interface ShopSettings extends io.jesync.config.ShopSettings {
    OrderFlowSettings orders();
}
