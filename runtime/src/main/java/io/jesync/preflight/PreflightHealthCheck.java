package io.jesync.preflight;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

import io.jesync.findings.PreflightProblem;
import io.jesync.observe.ReadinessCheck;

/**
 * Readiness from the last preflight: DOWN while a problem stops a flow that is switched on, with every problem line
 * in the details; UP when clean, when only flows that are off or unreachable systems are concerned (the auth checks
 * report those), and before any run.
 */
public final class PreflightHealthCheck extends ReadinessCheck {
    private final PreflightService preflight;

    public PreflightHealthCheck(PreflightService preflight) {
        super("preflight", "preflight");
        this.preflight = preflight;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        PreflightReport report = preflight.last().orElse(null);
        if (report == null) {
            builder.message("not run; POST /api/preflight runs it").up();
            return;
        }
        builder.detail("checked.at", report.checkedAt().toString());
        long blocking = report.problems().stream().filter(report::blocksRunningFlow).count();
        int index = 0;
        for (PreflightProblem problem : report.problems()) {
            builder.detail("problem." + index++, problem.line());
        }
        if (blocking > 0) {
            builder.message(blocking + " preflight problem(s) stop flows that are switched on; GET /api/preflight"
                    + " lists them").down();
        } else {
            builder.message(report.problems().isEmpty() ? "clean" : report.problems().size()
                    + " problem(s), none stopping a flow that is on").up();
        }
    }
}
