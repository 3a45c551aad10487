package io.jesync.demo;

import java.util.List;

/** The runtime's settings as the demo reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.order.RuntimeSettings {

    @Override
    List<? extends io.jesync.order.ShopSettings> shops();

    io.jesync.admin.AdminSettings admin();
}
