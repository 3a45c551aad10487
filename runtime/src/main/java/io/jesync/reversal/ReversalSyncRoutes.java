package io.jesync.reversal;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

import io.jesync.reversal.ReversalEntry;

/**
 * Cancellations and refunds after transfer, per shop: a Quartz schedule reads the orders changed since the
 * watermark (any status), each through its own exchange to {@code detect-reversal} so one bad order never stops the
 * rest, then works off the due reversals through {@code process-reversal}, and only then moves the watermark.
 * {@code stateful=true}: two polls of one shop never overlap.
 *
 * <p>One reversal's steps are route steps named after {@link ReversalStep}: the claimed reversal
 * ({@link OrderReversal.Work}) is the body, each step one plain Java call that commits its own ledger transitions,
 * and a reversal a step finished leaves the route there.
 */
public class ReversalSyncRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        ReversalFlow flow = getContext().getRegistry().lookupByNameAndType("reversalFlow", ReversalFlow.class);
        from("direct:detect-reversal").routeId("detect-reversal")
                .bean("reversalFlow", "detect(${header.shopId}, ${body})").id("record-reversal");
        from("direct:process-reversal").routeId("process-reversal")
                .process(exchange -> {
                    OrderReversal.Work work = flow.claim(exchange.getMessage().getHeader("shopId", String.class),
                            exchange.getMessage().getBody(ReversalEntry.class));
                    exchange.getMessage().setBody(work);
                    exchange.setRouteStop(work.finished());
                }).id("claim-reversal")
                .process(step(flow, ReversalStep.REVERSE_DOCUMENT)).id(ReversalStep.REVERSE_DOCUMENT.id())
                .process(step(flow, ReversalStep.BOOK_CREDIT_NOTE)).id(ReversalStep.BOOK_CREDIT_NOTE.id());

        for (ShopSettings shop : settings.shops()) {
            if (!shop.reversal().enabled()) {
                continue;
            }
            from("quartz:reversals/poll-" + shop.id() + "?stateful=true&trigger.repeatInterval="
                    + shop.reversal().pollInterval().toMillis() + "&trigger.repeatCount=-1")
                    .routeId("poll-reversals-" + shop.id())
                    .setHeader("shopId", constant(shop.id()))
                    .bean("reversalFlow", "poll(${header.shopId})").id("read-changed-orders-" + shop.id())
                    .setProperty("watermark", simple("${body.watermark}"))
                    .split(simple("${body.items}")).stopOnException(false).id("each-changed-order-" + shop.id())
                        .to("direct:detect-reversal")
                    .end()
                    .bean("reversalFlow", "due(${header.shopId})").id("list-due-reversals-" + shop.id())
                    .split(body()).stopOnException(false).id("each-due-reversal-" + shop.id())
                        .to("direct:process-reversal")
                    .end()
                    .bean("reversalFlow", "commitWatermark(${header.shopId}, ${exchangeProperty.watermark})")
                    .id("advance-reversal-watermark-" + shop.id());
        }
    }

    private static Processor step(ReversalFlow flow, ReversalStep step) {
        return exchange -> {
            OrderReversal.Work work = exchange.getMessage().getBody(OrderReversal.Work.class);
            flow.step(step, work);
            exchange.setRouteStop(work.finished());
        };
    }
}
