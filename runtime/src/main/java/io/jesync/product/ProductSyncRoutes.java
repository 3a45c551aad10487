package io.jesync.product;

import org.apache.camel.builder.RouteBuilder;


/**
 * The product flow, per shop: a Quartz schedule ({@code stateful=true}, so two runs of one shop never overlap) runs
 * {@link ProductFlow#poll} in the direction {@code sync.mode} gives products: step {@code products-to-economic-<shop>}
 * or {@code products-to-shop-<shop>}, then {@code report-products-<shop>}. Each product is written or parked on its
 * own inside the run; a run that meets an outage ends early and the next one re-reads from the watermark.
 */
public class ProductSyncRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        for (ShopSettings shop : settings.shops()) {
            if (!shop.products().enabled()) {
                continue;
            }
            String schedule = shop.products().pollCron()
                    .map(cron -> "cron=" + cron.replace(' ', '+'))
                    .orElse("trigger.repeatInterval=" + shop.products().pollInterval().toMillis()
                            + "&trigger.repeatCount=-1");
            from("quartz:products/poll-" + shop.id() + "?stateful=true&" + schedule)
                    .routeId("poll-products-" + shop.id())
                    .setHeader("shopId", constant(shop.id()))
                    .choice().id("product-direction-" + shop.id())
                        .when(method("productFlow", "shopIsMaster(${header.shopId})"))
                            .bean("productFlow", "shopToEconomic(${header.shopId})")
                            .id("products-to-economic-" + shop.id())
                        .otherwise()
                            .bean("productFlow", "economicToShop(${header.shopId})").id("products-to-shop-" + shop.id())
                    .end()
                    .log("Products of shop ${header.shopId}: ${body}").id("report-products-" + shop.id());
        }
    }
}
