package io.jesync.product;

import java.util.List;

/** The runtime's settings as the product flow reads them; the composition root's {@code io.jesync.RuntimeSettings} holds them. */
public interface RuntimeSettings extends io.jesync.config.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
