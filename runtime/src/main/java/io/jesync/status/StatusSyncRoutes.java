package io.jesync.status;

import org.apache.camel.builder.RouteBuilder;


/**
 * The status flow, per shop with {@code shop.<id>.status.enabled}: a Quartz schedule reads what happened in
 * e-conomic to the watched orders, records each event once with its shop actions, then carries out the due
 * actions ({@link StatusFlow#poll}). {@code stateful=true} keeps two runs of one shop from overlapping. The route
 * steps are {@code read-status-events-<shop>} and {@code carry-out-shop-actions-<shop>} (node ids are unique in the
 * context, hence the shop's id).
 */
public class StatusSyncRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        for (ShopSettings shop : settings.shops()) {
            if (!shop.status().enabled()) {
                continue;
            }
            String schedule = shop.status().pollCron()
                    .map(cron -> "cron=" + cron.replace(' ', '+'))
                    .orElse("trigger.repeatInterval=" + shop.status().pollInterval().toMillis()
                            + "&trigger.repeatCount=-1");
            from("quartz:status/poll-" + shop.id() + "?stateful=true&" + schedule)
                    .routeId("poll-status-" + shop.id())
                    .setHeader("shopId", constant(shop.id()))
                    .bean("statusFlow", "readEvents(${header.shopId})").id("read-status-events-" + shop.id())
                    .bean("statusFlow", "runDue(${header.shopId})").id("carry-out-shop-actions-" + shop.id());
        }
    }
}
