package io.jesync.reconcile;

import java.util.List;

/** The runtime's settings as the reconciliation reads them; the composition root's {@code io.jesync.RuntimeSettings} holds them. */
public interface RuntimeSettings extends io.jesync.reversal.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
