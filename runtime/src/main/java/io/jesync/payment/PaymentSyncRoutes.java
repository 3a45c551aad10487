package io.jesync.payment;

import org.apache.camel.builder.RouteBuilder;


/**
 * Shop payments into e-conomic, per shop with {@code shop.<id>.payments.enabled}: a Quartz schedule runs
 * the steps of {@link PaymentFlow#run}: {@code record-payments-<shop>} (new captures and refunds),
 * {@code enter-due-payments-<shop>}, {@code settle-payments-<shop>} (which were booked) and
 * {@code summarise-payments-<shop>}, the run's counts ({@link PaymentFlow.Run}) carried in the body.
 * {@code stateful=true}: two runs of one shop never overlap.
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
                    .process(exchange -> exchange.getMessage().setBody(new PaymentFlow.Run(shop.id())))
                    .id("start-payment-run-" + shop.id())
                    .bean("paymentFlow", "recordNew").id("record-payments-" + shop.id())
                    .bean("paymentFlow", "enterDue").id("enter-due-payments-" + shop.id())
                    .bean("paymentFlow", "settleBooked").id("settle-payments-" + shop.id())
                    .bean("paymentFlow", "summary").id("summarise-payments-" + shop.id());
        }
    }
}
