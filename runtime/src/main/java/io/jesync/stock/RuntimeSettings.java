package io.jesync.stock;

import java.util.List;

/** The runtime's settings as the stock and price flow reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.config.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();

    StockSyncSettings stockSync();
}
