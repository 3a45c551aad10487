package io.jesync.admin;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestDefinition;

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
    @Override
    public void configure() {
        AdminApiRoutes.handleErrors(this);
        AdminApiRoutes.describeApi(this);
        RestDefinition api = rest("/api").tag("admin");
        AdminApiRoutes.document(api.get("/preflight"), "admin-preflight", "Last preflight result",
                "With the flows start-up held back.", AdminApiRoutes.ok(200, "The result"))
                .to("direct:admin-preflight");
        AdminApiRoutes.document(api.post("/preflight"), "admin-run-preflight", "Run the preflight now",
                "Reads the tenants again (writing nothing); settings need a restart.",
                AdminApiRoutes.ok(200, "The new result")).to("direct:admin-run-preflight");
        from("direct:admin-preflight").process(e -> answer(e, false));
        from("direct:admin-run-preflight").process(e -> answer(e, true));
    }

    private static void answer(org.apache.camel.Exchange e, boolean run) throws InterruptedException {
        PreflightService preflight = e.getContext().getRegistry().lookupByNameAndType("preflight",
                PreflightService.class);
        PreflightReport report = run ? preflight.run() : preflight.last().orElse(null);
        ObjectNode body;
        if (report == null) {
            body = ApiAnswers.MAPPER.createObjectNode().put("result", "not-run")
                    .put("message", "No preflight has run yet; POST /api/preflight runs it.");
        } else {
            body = report.toJson(ApiAnswers.MAPPER);
        }
        preflight.heldBack().forEach(body.putArray("heldBackRoutes")::add);
        ApiAnswers.answer(e, 200, body);
    }
}
