package io.jesync.demo;

import java.util.List;

/** The runtime's settings as the demo reads them; the composition root's {@code io.jesync.RuntimeSettings} holds them. */
public interface RuntimeSettings extends io.jesync.order.RuntimeSettings {

    @Override
    List<? extends io.jesync.order.ShopSettings> shops();

    io.jesync.admin.AdminSettings admin();
}
