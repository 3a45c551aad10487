package io.jesync.observe;

import io.jesync.json.Json;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Health on the admin port. {@code /observe/health} (with {@code /live} and {@code /ready}) is open, because container
 * health checks and load balancers call it without credentials: it says UP or DOWN per check and nothing else, every
 * route folded into one {@code routes} entry. What a check found (the agreement number and company, the error text,
 * which route is down) is at {@code /api/health}, behind the admin credentials like the rest of {@code /api}.
 * Camel's own health endpoint is switched off: it shows the details to anyone who asks with
 * {@code ?exposureLevel=full}.
 */
public class HealthRoutes extends RouteBuilder {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    /** Which checks an endpoint asks. */
    enum Scope { ALL, LIVE, READY }

    @Override
    public void configure() {
        from("platform-http:/observe/health?httpMethodRestrict=GET").routeId("observe-health")
                .process(e -> answer(e, Scope.ALL, false));
        from("platform-http:/observe/health/live?httpMethodRestrict=GET").routeId("observe-health-live")
                .process(e -> answer(e, Scope.LIVE, false));
        from("platform-http:/observe/health/ready?httpMethodRestrict=GET").routeId("observe-health-ready")
                .process(e -> answer(e, Scope.READY, false));
        // Declared on the REST DSL like the rest of /api, so the generated OpenAPI document lists it.
        rest("/api").tag("admin").get("/health").id("admin-health").routeId("admin-health")
                .description("Every health check with what it found")
                .responseMessage().code(200).message("All UP").endResponseMessage()
                .responseMessage().code(503).message("A check is DOWN").endResponseMessage()
                .responseMessage().code(401)
                .message("Credentials missing or wrong (with a Basic challenge)").endResponseMessage()
                .security("basic").security("bearer")
                .to("direct:admin-health");
        from("direct:admin-health").process(e -> answer(e, Scope.ALL, true));
    }

    /** Every check is always run; which parts of the results a caller sees is decided here, not by Camel's level. */
    private static void answer(Exchange exchange, Scope scope, boolean details) throws Exception {
        Collection<HealthCheck.Result> results = switch (scope) {
            case LIVE -> HealthCheckHelper.invokeLiveness(exchange.getContext(), "full");
            case READY -> HealthCheckHelper.invokeReadiness(exchange.getContext(), "full");
            case ALL -> HealthCheckHelper.invoke(exchange.getContext(), "full");
        };
        ObjectNode body = details ? detailed(results) : open(results);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up(results) ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setBody(MAPPER.writeValueAsString(body));
    }

    static boolean up(Collection<HealthCheck.Result> results) {
        return results.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
    }

    /** UP or DOWN per check; the routes (whose names would list the runtime's flows) as one entry. */
    static ObjectNode open(Collection<HealthCheck.Result> results) {
        ObjectNode body = MAPPER.createObjectNode().put("status", up(results) ? "UP" : "DOWN");
        // Each instance says its own role (cluster-member or single), so a load balancer's view can be checked.
        results.stream().filter(r -> "instance".equals(r.getCheck().getId())).findFirst()
                .map(r -> r.getDetails().get("role")).ifPresent(role -> body.put("role", String.valueOf(role)));
        ArrayNode checks = body.putArray("checks");
        List<HealthCheck.Result> routes = results.stream().filter(HealthRoutes::perRoute).toList();
        sorted(results).stream().filter(r -> !perRoute(r)).forEach(r -> checks.addObject()
                .put("name", r.getCheck().getId()).put("status", r.getState().name()));
        if (!routes.isEmpty()) {
            checks.addObject().put("name", "routes").put("status", up(routes) ? "UP" : "DOWN");
        }
        return body;
    }

    /**
     * Every check with its message, details and error text; first in groups, the vital ones leading (the store,
     * e-conomic, each shop, the preflight: without them no flow works), then the flows' routes, then the rest.
     */
    static ObjectNode detailed(Collection<HealthCheck.Result> results) {
        ObjectNode body = MAPPER.createObjectNode().put("status", up(results) ? "UP" : "DOWN");
        ArrayNode groups = body.putArray("groups");
        for (Group group : Group.values()) {
            List<HealthCheck.Result> members = sorted(results).stream().filter(r -> Group.of(r) == group).toList();
            if (members.isEmpty()) {
                continue;
            }
            ObjectNode node = groups.addObject().put("name", group.label).put("status", up(members) ? "UP" : "DOWN");
            ArrayNode checks = node.putArray("checks");
            members.forEach(result -> describe(checks.addObject(), result));
        }
        ArrayNode checks = body.putArray("checks");
        for (HealthCheck.Result result : sorted(results)) {
            describe(checks.addObject(), result);
        }
        return body;
    }

    private static void describe(ObjectNode check, HealthCheck.Result result) {
        check.put("name", result.getCheck().getId()).put("status", result.getState().name());
        result.getMessage().ifPresent(message -> check.put("message", message));
        result.getError().ifPresent(error -> check.put("error", String.valueOf(error.getMessage())));
        Map<String, Object> found = result.getDetails();
        if (!found.isEmpty()) {
            ObjectNode node = check.putObject("details");
            found.forEach((key, value) -> node.put(key, String.valueOf(value)));
        }
    }

    /** The groups of {@code GET /api/health}, in the order support reads them. */
    enum Group {
        VITAL("vital"), FLOWS("flows"), OTHER("other");

        final String label;

        Group(String label) {
            this.label = label;
        }

        static Group of(HealthCheck.Result result) {
            String id = result.getCheck().getId();
            if (id.equals("store") || id.equals("preflight") || id.equals("economic-auth")
                    || id.matches("shop-.+-auth")) {
                return VITAL;
            }
            return perRoute(result) ? FLOWS : OTHER;
        }
    }

    private static boolean perRoute(HealthCheck.Result result) {
        String id = result.getCheck().getId();
        return id.startsWith("route:") || id.startsWith("consumer:");
    }

    private static List<HealthCheck.Result> sorted(Collection<HealthCheck.Result> results) {
        return results.stream().sorted(Comparator.comparing(r -> r.getCheck().getId())).toList();
    }
}
