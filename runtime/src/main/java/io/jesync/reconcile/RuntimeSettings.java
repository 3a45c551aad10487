package io.jesync.reconcile;

import java.util.List;

/** The runtime's settings as the reconciliation reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.reversal.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
