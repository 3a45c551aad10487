package io.jesync.reconcile;

import org.apache.camel.builder.RouteBuilder;


/**
 * The daily reconciliation per shop with {@code shop.<id>.reconciliation.enabled}: a Quartz cron (non-concurrent)
 * compares yesterday in the shop's time zone, one reconciliation kind after the other (steps
 * {@code choose-day-<shop>}, {@code list-reconciliations-<shop>}, {@code reconcile-day-<shop>}); on demand it runs
 * through {@code POST /api/reconciliation}.
 */
public class ReconciliationRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        for (ShopSettings shop : settings.shops()) {
            if (!shop.reconciliation().enabled()) {
                continue;
            }
            from("quartz:reconciliation/reconcile-" + shop.id() + "?stateful=true&cron="
                    + shop.reconciliation().cron().replace(' ', '+'))
                    .routeId("reconcile-" + shop.id())
                    .setHeader("shopId", constant(shop.id()))
                    .bean("reconciliation", "yesterday(${header.shopId})").id("choose-day-" + shop.id())
                    .setProperty("day", body())
                    .bean("reconciliation", "kinds(${header.shopId})").id("list-reconciliations-" + shop.id())
                    .split(body()).stopOnException().id("each-reconciliation-" + shop.id())
                        .bean("reconciliation", "run(${header.shopId}, ${body}, ${exchangeProperty.day}, 'schedule')")
                        .id("reconcile-day-" + shop.id())
                    .end();
        }
    }
}
