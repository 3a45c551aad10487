package io.jesync.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A flow's routes as the runtime builds them, on the flow objects a test made: the Quartz schedule is replaced by
 * {@code direct:<route id>} so one run happens when the test says, and named steps are woven (AdviceWith
 * {@code weaveById}) to note when they start, so a test sees the steps' names in the order they ran. A note is woven
 * before its step because a step that finishes an item ends the route right after it. Weaving fails when a step id
 * is not in the route.
 */
public final class RouteSteps implements AutoCloseable {
    private final CamelContext camel = new DefaultCamelContext();
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    public RouteSteps bind(String name, Object bean) {
        camel.getRegistry().bind(name, bean);
        return this;
    }

    public RouteSteps routes(RoutesBuilder routes) throws Exception {
        camel.addRoutes(routes);
        return this;
    }

    /** The route's Quartz (or other) consumer replaced by {@code direct:<routeId>}. */
    public RouteSteps runOnDemand(String routeId) throws Exception {
        AdviceWith.adviceWith(camel, routeId, route -> route.replaceFromWith("direct:" + routeId));
        return this;
    }

    /** Notes each of {@code stepIds} of {@code routeId} when it starts. */
    public RouteSteps record(String routeId, String... stepIds) throws Exception {
        AdviceWith.adviceWith(camel, routeId, route -> {
            for (String id : stepIds) {
                route.weaveById(id).before().process(exchange -> ran.add(id));
            }
        });
        return this;
    }

    public CamelContext camel() {
        return camel;
    }

    public RouteSteps start() {
        camel.start();
        return this;
    }

    /** One run of a route made {@link #runOnDemand}; a run that failed fails the test with its exception. */
    public Exchange run(String routeId) {
        Exchange done = camel.createProducerTemplate().send("direct:" + routeId, exchange -> { });
        if (done.getException() != null) {
            throw new AssertionError("route " + routeId + " failed", done.getException());
        }
        return done;
    }

    /** The noted steps in the order they started; cleared, so the next run starts an empty list. */
    public List<String> ran() {
        synchronized (ran) {
            List<String> copy = List.copyOf(ran);
            ran.clear();
            return copy;
        }
    }

    @Override
    public void close() throws Exception {
        camel.close();
    }
}
