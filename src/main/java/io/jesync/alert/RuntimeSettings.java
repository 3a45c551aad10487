package io.jesync.alert;

import java.util.List;

/** The runtime's settings as the alerts reads them; the composition root's {@code io.jesync.RuntimeSettings} holds them. */
public interface RuntimeSettings extends io.jesync.config.RuntimeSettings {

    @Override
    List<? extends io.jesync.config.ShopSettings> shops();

    AlertSettings alerts();
}
