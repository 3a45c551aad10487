package io.jesync.reversal;

import java.util.List;

/** The runtime's settings as the reversal flow reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.status.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();
}
