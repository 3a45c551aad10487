package io.jesync.preflight;

import java.util.List;

/** The runtime's settings as the preflight reads them; the composition root's {@code io.jesync.RuntimeSettings} holds them. */
public interface RuntimeSettings extends io.jesync.reconcile.RuntimeSettings, io.jesync.product.RuntimeSettings, io.jesync.stock.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
