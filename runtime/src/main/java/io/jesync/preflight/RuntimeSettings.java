package io.jesync.preflight;

import java.util.List;

/** The runtime's settings as the preflight reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.reconcile.RuntimeSettings, io.jesync.product.RuntimeSettings, io.jesync.stock.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
