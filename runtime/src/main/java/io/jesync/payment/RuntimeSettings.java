package io.jesync.payment;

import java.util.List;

/** The runtime's settings as the payment flow reads them; {@code io.jesync.settings.RuntimeSettings} holds them all. */
public interface RuntimeSettings extends io.jesync.reconcile.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();

    PaymentSettings.Shops payments();
}
