package io.jesync.admin;

import java.util.List;

/** The runtime's settings as the admin API reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.preflight.RuntimeSettings, io.jesync.payment.RuntimeSettings, io.jesync.alert.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();

    AdminSettings admin();
}
