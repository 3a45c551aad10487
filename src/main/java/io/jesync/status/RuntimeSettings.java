package io.jesync.status;

import java.util.List;

/** The runtime's settings as the status flow reads them; the composition root's {@code io.jesync.RuntimeSettings} holds them. */
public interface RuntimeSettings extends io.jesync.order.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
