package io.jesync.order;

import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;

import io.jesync.shop.IncomingOrder;
import io.jesync.order.LedgerEntry;

/**
 * The order flow, per shop: a Quartz schedule polls the trigger statuses, every order goes through its own
 * exchange (so one order's failure never stops the batch), up to {@code orders.concurrency} at a time (each is
 * claimed in the ledger first), to {@code transfer-order}, due retries and unfinished
 * orders through {@code resume-order}, and only then does the watermark move. {@code stateful=true} makes the
 * schedule non-concurrent: two polls of one shop never overlap.
 *
 * <p>Both hand the claimed order to {@code order-steps}, whose route steps are named after {@link OrderStep} (ids
 * are unique in the whole context, so the per-shop poll routes' steps end in the shop's id). The claimed order
 * ({@link OrderTransfer.Work}) is the exchange's body, each step is one plain Java call that moves it through the
 * ledger, and an order a step finished (done, parked, to be retried, taken over) leaves the route there. The
 * exactly-once rules stay in {@link OrderTransfer}; every ledger transition commits inside its step.
 */
public class OrderSyncRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        OrderFlow flow = getContext().getRegistry().lookupByNameAndType("orderFlow", OrderFlow.class);

        from("direct:transfer-order").routeId("transfer-order")
                .process(claim(exchange -> flow.claim(shopId(exchange),
                        exchange.getMessage().getBody(IncomingOrder.class)))).id("claim-order")
                .to("direct:order-steps").id("polled-order-steps");
        from("direct:resume-order").routeId("resume-order")
                .process(claim(exchange -> flow.claimDue(shopId(exchange),
                        exchange.getMessage().getBody(LedgerEntry.class)))).id("claim-due-order")
                .to("direct:order-steps").id("due-order-steps");
        from("direct:order-steps").routeId("order-steps")
                .process(step(flow, OrderStep.FIND_EXISTING_DOCUMENT)).id(OrderStep.FIND_EXISTING_DOCUMENT.id())
                .process(step(flow, OrderStep.MAP_ORDER)).id(OrderStep.MAP_ORDER.id())
                .process(step(flow, OrderStep.CHECK_ARTICLES)).id(OrderStep.CHECK_ARTICLES.id())
                .process(step(flow, OrderStep.RESOLVE_CUSTOMER)).id(OrderStep.RESOLVE_CUSTOMER.id())
                .process(step(flow, OrderStep.CREATE_ARTICLES)).id(OrderStep.CREATE_ARTICLES.id())
                .process(step(flow, OrderStep.RECORD_SEND_INTENT)).id(OrderStep.RECORD_SEND_INTENT.id())
                .process(step(flow, OrderStep.SEND_DOCUMENT)).id(OrderStep.SEND_DOCUMENT.id())
                .process(step(flow, OrderStep.CHECK_TOTALS)).id(OrderStep.CHECK_TOTALS.id())
                .process(step(flow, OrderStep.BOOK_INVOICE)).id(OrderStep.BOOK_INVOICE.id())
                .process(step(flow, OrderStep.ACKNOWLEDGE_ORDER)).id(OrderStep.ACKNOWLEDGE_ORDER.id());

        for (ShopSettings shop : settings.shops()) {
            if (!shop.orders().enabled()) {
                continue;
            }
            String schedule = shop.orders().pollCron()
                    .map(cron -> "cron=" + cron.replace(' ', '+'))
                    .orElse("trigger.repeatInterval=" + shop.orders().pollInterval().toMillis()
                            + "&trigger.repeatCount=-1");
            // The split ends when all its orders have, so the watermark still moves only after the whole poll.
            ExecutorService workers = getContext().getExecutorServiceManager().newThreadPool(this,
                    "orders-" + shop.id(), new ThreadPoolProfileBuilder("orders-" + shop.id())
                            .poolSize(shop.orders().concurrency()).maxPoolSize(shop.orders().concurrency())
                            .maxQueueSize(-1).build());
            from("quartz:orders/poll-" + shop.id() + "?stateful=true&" + schedule)
                    .routeId("poll-orders-" + shop.id())
                    .setHeader("shopId", constant(shop.id()))
                    .bean("orderFlow", "poll(${header.shopId})").id("read-orders-" + shop.id())
                    .setProperty("watermark", simple("${body.watermark}"))
                    .split(simple("${body.items}")).stopOnException(false)
                        .parallelProcessing().executorService(workers).id("each-polled-order-" + shop.id())
                        .to("direct:transfer-order")
                    .end()
                    .bean("orderFlow", "due(${header.shopId})").id("list-due-orders-" + shop.id())
                    .split(body()).stopOnException(false)
                        .parallelProcessing().executorService(workers).id("each-due-order-" + shop.id())
                        .to("direct:resume-order")
                    .end()
                    .bean("orderFlow", "commitWatermark(${header.shopId}, ${exchangeProperty.watermark})")
                    .id("advance-order-watermark-" + shop.id());
        }
    }

    private static String shopId(Exchange exchange) {
        return exchange.getMessage().getHeader("shopId", String.class);
    }

    /** A claim puts the order's work in the body; an order it already finished (skipped, parked) goes no further. */
    private static Processor claim(java.util.function.Function<Exchange, OrderTransfer.Work> claim) {
        return exchange -> {
            OrderTransfer.Work work = claim.apply(exchange);
            exchange.getMessage().setBody(work);
            exchange.setRouteStop(work.finished());
        };
    }

    private static Processor step(OrderFlow flow, OrderStep step) {
        return exchange -> {
            OrderTransfer.Work work = exchange.getMessage().getBody(OrderTransfer.Work.class);
            flow.step(step, work);
            exchange.setRouteStop(work.finished());
        };
    }
}
