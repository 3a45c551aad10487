package io.jesync.preflight;

/** One shop's settings as the preflight reads them: the shop itself and the settings records of the flows it uses. */
public interface ShopSettings extends io.jesync.reconcile.ShopSettings, io.jesync.product.ShopSettings, io.jesync.stock.ShopSettings {
}
