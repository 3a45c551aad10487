package io.jesync.alert;

import org.apache.camel.builder.RouteBuilder;


/** The alert check on its own schedule (non-concurrent), when {@code alerts.webhook.url} is set. */
public class AlertRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        if (!settings.alerts().enabled()) {
            return;
        }
        from("quartz:alerts/check?stateful=true&trigger.repeatInterval=" + settings.alerts().checkInterval().toMillis()
                + "&trigger.repeatCount=-1")
                .routeId("alerts-check")
                .bean("alertMonitor", "check");
    }
}
