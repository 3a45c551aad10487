package io.jesync.admin;

/** One shop's settings as the admin API reads them: the shop itself and the settings records of the flows it uses. */
public interface ShopSettings extends io.jesync.preflight.ShopSettings, io.jesync.payment.ShopSettings {
}
