package io.jesync.order;

import org.apache.camel.builder.RouteBuilder;

import io.jesync.config.RuntimeSettings;
import io.jesync.config.ShopSettings;

/**
 * The order flow, per shop: a Quartz schedule polls the trigger statuses, every order goes through its own
 * exchange to {@link OrderTransfer} (so one order's failure never stops the batch), due retries and
 * unfinished orders are resumed, and only then does the watermark move. {@code stateful=true} makes the
 * schedule non-concurrent: two polls of one shop never overlap.
 */
public class OrderSyncRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        from("direct:transfer-order").routeId("transfer-order")
                .bean("orderFlow", "accept(${header.shopId}, ${body})");
        from("direct:resume-order").routeId("resume-order")
                .bean("orderFlow", "resume(${header.shopId}, ${body})");

        for (ShopSettings shop : settings.shops()) {
            if (!shop.orders().enabled()) {
                continue;
            }
            String schedule = shop.orders().pollCron()
                    .map(cron -> "cron=" + cron.replace(' ', '+'))
                    .orElse("trigger.repeatInterval=" + shop.orders().pollInterval().toMillis()
                            + "&trigger.repeatCount=-1");
            from("quartz:orders/poll-" + shop.id() + "?stateful=true&" + schedule)
                    .routeId("poll-orders-" + shop.id())
                    .setHeader("shopId", constant(shop.id()))
                    .bean("orderFlow", "poll(${header.shopId})")
                    .setProperty("watermark", simple("${body.watermark}"))
                    .split(simple("${body.orders}")).stopOnException(false)
                        .to("direct:transfer-order")
                    .end()
                    .bean("orderFlow", "due(${header.shopId})")
                    .split(body()).stopOnException(false)
                        .to("direct:resume-order")
                    .end()
                    .bean("orderFlow", "commitWatermark(${header.shopId}, ${exchangeProperty.watermark})");
        }
    }
}
