package io.jesync.cluster;

import org.apache.camel.Exchange;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Hears the start and the end of every exchange Quartz starts, whatever its route: one scheduled run. The flows
 * view and the cluster's run log keep the same runs, so they hear them the same way.
 */
public abstract class ScheduledRunNotifier extends EventNotifierSupport {

    @Override
    public final boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeEvent exchangeEvent
                && exchangeEvent.getExchange().getFromEndpoint() instanceof QuartzEndpoint
                && (event instanceof CamelEvent.ExchangeCreatedEvent || event instanceof CamelEvent.ExchangeCompletedEvent
                    || event instanceof CamelEvent.ExchangeFailedEvent);
    }

    @Override
    public final void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId == null || !isRun(exchange)) {
            return;
        }
        if (event instanceof CamelEvent.ExchangeCreatedEvent) {
            runStarted(exchange, routeId);
        } else {
            runEnded(exchange, routeId);
        }
    }

    /** Whether this exchange is a run of its own rather than a piece of one; every exchange by default. */
    protected boolean isRun(Exchange exchange) {
        return true;
    }

    protected abstract void runStarted(Exchange exchange, String routeId);

    /** Completed or failed; the exchange tells which. */
    protected abstract void runEnded(Exchange exchange, String routeId);
}
