package io.jesync.cluster;

import org.apache.camel.builder.RouteBuilder;

import io.jesync.config.RuntimeSettings;

/** The retention job on its own schedule ({@code store.retention.cron}); clustered, one instance runs it. */
public class RetentionRoutes extends RouteBuilder {
    @Override
    public void configure() {
        RuntimeSettings settings = getContext().getRegistry().lookupByNameAndType("runtimeSettings",
                RuntimeSettings.class);
        from("quartz:store/retention?stateful=true&cron=" + settings.store().retention().cron().replace(' ', '+'))
                .routeId("store-retention")
                .bean("retention", "run");
    }
}
