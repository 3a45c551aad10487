package io.jesync.reconcile;

/** One shop's settings as the reconciliation reads them: the shop itself and the settings records of the flows it uses. */
public interface ShopSettings extends io.jesync.reversal.ShopSettings {
    ReconciliationSettings reconciliation();
}
