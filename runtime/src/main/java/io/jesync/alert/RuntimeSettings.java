package io.jesync.alert;

import java.util.List;

/** The runtime's settings as the alerts read them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.config.RuntimeSettings {

    @Override
    List<? extends io.jesync.config.ShopSettings> shops();

    AlertSettings alerts();
}
