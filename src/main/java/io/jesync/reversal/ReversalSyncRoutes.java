package io.jesync.reversal;

import org.apache.camel.builder.RouteBuilder;

import io.jesync.config.RuntimeSettings;
import io.jesync.config.ShopSettings;

/**
 * Cancellations and refunds after transfer, per shop: a Quartz schedule reads the orders changed since the
 * watermark (any status), each through its own exchange to {@link OrderReversal#detect} so one bad order never
 * stops the rest, then works off the due reversals, and only then moves the watermark. {@code stateful=true}:
 * two polls of one shop never overlap.
 */
public class ReversalSyncRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        from("direct:detect-reversal").routeId("detect-reversal")
                .bean("reversalFlow", "detect(${header.shopId}, ${body})");
        from("direct:process-reversal").routeId("process-reversal")
                .bean("reversalFlow", "process(${header.shopId}, ${body})");

        for (ShopSettings shop : settings.shops()) {
            if (!shop.reversal().enabled()) {
                continue;
            }
            from("quartz:reversals/poll-" + shop.id() + "?stateful=true&trigger.repeatInterval="
                    + shop.reversal().pollInterval().toMillis() + "&trigger.repeatCount=-1")
                    .routeId("poll-reversals-" + shop.id())
                    .setHeader("shopId", constant(shop.id()))
                    .bean("reversalFlow", "poll(${header.shopId})")
                    .setProperty("watermark", simple("${body.watermark}"))
                    .split(simple("${body.orders}")).stopOnException(false)
                        .to("direct:detect-reversal")
                    .end()
                    .bean("reversalFlow", "due(${header.shopId})")
                    .split(body()).stopOnException(false)
                        .to("direct:process-reversal")
                    .end()
                    .bean("reversalFlow", "commitWatermark(${header.shopId}, ${exchangeProperty.watermark})");
        }
    }
}
