package io.jesync.admin;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * One start-up line saying where the admin side listens, with the port actually bound (admin.port=0 picks a free
 * one). Camel's own endpoint summary is switched off in the logging settings: it repeats the whole list each time a
 * route starts, names 0.0.0.0 whatever the bind address, and the supervised routes start one by one.
 */
public final class AdminSideSummary extends EventNotifierSupport {
    private static final Logger LOG = LoggerFactory.getLogger(AdminSideSummary.class);

    private final CamelContext context;
    private final AdminSettings settings;

    public AdminSideSummary(CamelContext context, AdminSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        LOG.info("Admin side listening on {}: web console /console, admin API /api, health /observe/health (open),"
                + " metrics /observe/metrics", address());
    }

    /** {@code http://host:port} as bound; the configured port while the server is not (yet) there. */
    public String address() {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        int port = server != null && server.getPort() > 0 ? server.getPort() : settings.port();
        return "http://" + settings.host() + ":" + port;
    }
}
