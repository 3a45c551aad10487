package io.jesync.admin;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;
import io.jesync.preflight.PreflightReport;
import io.jesync.preflight.PreflightService;

/**
 * {@code GET /api/preflight}: the last preflight result (with the routes start-up held back);
 * {@code POST /api/preflight}: runs it again now, e.g. after a layout was created in e-conomic. Settings are read at
 * start-up, so a fixed setting needs a restart; a fixed tenant shows here at once.
 */
public class PreflightRoutes extends RouteBuilder {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    @Override
    public void configure() {
        from("platform-http:/api/preflight?httpMethodRestrict=GET,POST").routeId("admin-preflight")
                .process(e -> {
                    PreflightService preflight = e.getContext().getRegistry().lookupByNameAndType("preflight",
                            PreflightService.class);
                    boolean post = "POST".equals(e.getMessage().getHeader(Exchange.HTTP_METHOD, String.class));
                    PreflightReport report = post ? preflight.run() : preflight.last().orElse(null);
                    ObjectNode body;
                    if (report == null) {
                        body = MAPPER.createObjectNode().put("result", "not-run")
                                .put("message", "No preflight has run yet; POST /api/preflight runs it.");
                    } else {
                        body = report.toJson(MAPPER);
                    }
                    preflight.heldBack().forEach(body.putArray("heldBackRoutes")::add);
                    e.getMessage().getHeaders().clear();
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    e.getMessage().setBody(MAPPER.writeValueAsString(body));
                });
    }
}
