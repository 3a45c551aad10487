package io.jesync.payment;

import java.util.List;

/** The runtime's settings as the payment flow reads them; the composition root's {@code io.jesync.RuntimeSettings} holds them. */
public interface RuntimeSettings extends io.jesync.reconcile.RuntimeSettings {

    @Override
    List<? extends ShopSettings> shops();

    PaymentSettings.Shops payments();
}
