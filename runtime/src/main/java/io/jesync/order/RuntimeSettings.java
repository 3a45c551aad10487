package io.jesync.order;

import java.util.List;

/** The runtime's settings as the order flow reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.config.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
