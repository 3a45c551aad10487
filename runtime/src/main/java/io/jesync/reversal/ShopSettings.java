package io.jesync.reversal;

/** One shop's settings as the reversal flow reads them: the shop itself and the settings records of the flows it uses. */
public interface ShopSettings extends io.jesync.status.ShopSettings {
    ReversalSettings reversal();
}
