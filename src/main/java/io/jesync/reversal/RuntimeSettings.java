package io.jesync.reversal;

import java.util.List;

/** The runtime's settings as the reversal flow reads them; the composition root's {@code io.jesync.RuntimeSettings} holds them. */
public interface RuntimeSettings extends io.jesync.status.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
