package io.jesync.payment;

import org.apache.camel.builder.RouteBuilder;

import io.jesync.config.RuntimeSettings;
import io.jesync.config.ShopSettings;

/**
 * Shop payments into e-conomic, per shop with {@code shop.<id>.payments.enabled}: a Quartz schedule runs
 * {@link PaymentFlow#run}, which records new captures and refunds, enters the due ones and checks which were
 * booked. {@code stateful=true}: two runs of one shop never overlap.
 */
public class PaymentSyncRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        PaymentFlow flow = getContext().getRegistry().lookupByNameAndType("paymentFlow", PaymentFlow.class);
        if (flow == null) {
            return;
        }
        for (ShopSettings shop : settings.shops()) {
            PaymentSettings payments = flow.settings(shop.id());
            if (!payments.enabled()) {
                continue;
            }
            from("quartz:payments/run-" + shop.id() + "?stateful=true&trigger.repeatInterval="
                    + payments.pollInterval().toMillis() + "&trigger.repeatCount=-1")
                    .routeId("register-payments-" + shop.id())
                    .setHeader("shopId", constant(shop.id()))
                    .bean("paymentFlow", "run(${header.shopId})");
        }
    }
}
