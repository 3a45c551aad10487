package io.jesync.status;

import java.util.List;

/** The runtime's settings as the status flow reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.order.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
