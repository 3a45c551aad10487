package io.jesync.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/**
 * The plugins are the running routes of the Camel context that consume from a point's {@code direct:} endpoint. They
 * are looked up on every call, so a route reloaded, added or removed counts from the next item on; several on one
 * point run by file name, then route id.
 */
public final class CamelPluginRoutes implements PluginRoutes {
    /** Headers every plugin gets besides the body. */
    public static final String POINT_HEADER = "JesyncPluginPoint";
    public static final String ITEM_HEADER = "JesyncPluginItem";

    private final CamelContext context;
    private final ProducerTemplate template;

    public CamelPluginRoutes(CamelContext context) {
        this.context = context;
        this.template = context.createProducerTemplate();
    }

    @Override
    public List<Plugin> on(PluginPoint point) {
        String name = point.endpoint().substring("direct:".length());
        List<Plugin> found = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            if (!uri.startsWith("direct:")) {
                continue;
            }
            String endpoint = uri.substring("direct:".length()).replaceFirst("^//", "").replaceFirst("\\?.*", "");
            if (!endpoint.equals(name) && !endpoint.startsWith(name + ".")) {
                continue;
            }
            ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
            if (status != null && status.isStarted()) {
                found.add(new Plugin(route.getRouteId(), "direct:" + endpoint, file(route)));
            }
        }
        found.sort(Comparator.comparing(Plugin::file).thenComparing(Plugin::routeId));
        return found;
    }

    @Override
    public Object call(Plugin plugin, PluginPoint point, String item, Object body) throws Exception {
        Exchange done = template.request(plugin.endpoint(), exchange -> {
            exchange.getIn().setBody(body);
            exchange.getIn().setHeader(POINT_HEADER, point.key());
            exchange.getIn().setHeader(ITEM_HEADER, item);
        });
        if (done.getException() != null) {
            throw done.getException();
        }
        return done.getMessage().getBody();
    }

    private static String file(Route route) {
        String location = route.getSourceLocationShort();
        if (location == null || location.isBlank()) {
            location = route.getSourceLocation();
        }
        if (location == null || location.isBlank()) {
            return "";
        }
        String file = location.replaceFirst(":\\d+$", "");
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf(':'));
        return file.substring(slash + 1);
    }
}
