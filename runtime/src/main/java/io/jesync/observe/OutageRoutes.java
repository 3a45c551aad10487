package io.jesync.observe;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.quartz.QuartzEndpoint;

import io.jesync.economic.EconomicUnavailableException;
import io.jesync.shop.ShopUnavailableException;

/**
 * A scheduled flow that finds e-conomic or a shop unreachable stops its run quietly: the outage is the connection's
 * to log ({@link Connections}, once when it starts and once when it ends), not a stack trace per run and flow every
 * 30 s. The flow still counts the run as failed with the cause (the caught exception stays on the exchange), and
 * the next scheduled run tries again. The outage is reported to the connection the flow depends on; its end is
 * reported by {@code io.jesync.observe.FlowRuns}, which sees every run's success.
 */
public class OutageRoutes extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration().onException(ShopUnavailableException.class, EconomicUnavailableException.class)
                .onWhen(e -> e.getFromEndpoint() instanceof QuartzEndpoint)
                .handled(true)
                .process(OutageRoutes::failed);
    }

    private static void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean shop = false;
        for (Throwable t = failure; t != null && !shop; t = t.getCause()) {
            shop = t instanceof ShopUnavailableException;
        }
        boolean shopDown = shop;
        connections(exchange).ifPresent(c -> c.flowFailed(exchange.getFromRouteId(), shopDown, failure));
    }

    private static java.util.Optional<Connections> connections(Exchange exchange) {
        return java.util.Optional.ofNullable(exchange.getContext().getRegistry().lookupByNameAndType("connections",
                Connections.class));
    }
}
