package io.jesync.payment;

/** One shop's settings as the payment flow reads them: the shop itself and the settings records of the flows it uses. */
public interface ShopSettings extends io.jesync.reconcile.ShopSettings {
}
