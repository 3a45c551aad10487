package io.jesync.product;

import java.util.List;

/** The runtime's settings as the product flow reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.config.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
