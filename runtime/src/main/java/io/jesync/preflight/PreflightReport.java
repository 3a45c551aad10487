package io.jesync.preflight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.findings.PreflightProblem;
import io.jesync.findings.SyncFlow;

/**
 * What one preflight run found: every problem (all of them, so a merchant fixes everything in one go), what was
 * checked, and what no public contract lets the runtime check. The exit codes of {@code --check} come from here.
 */
public final class PreflightReport {
    /** Nothing wrong with any setting that was checked. */
    public static final int CLEAN = 0;
    /** At least one problem stops a flow that is switched on. */
    public static final int BLOCKING = 6;
    /** The check could not finish: a system did not answer or refused the credentials; see the lines. */
    public static final int INCOMPLETE = 7;
    /** Problems only in the settings of flows that are switched off: switching them on would fail. */
    public static final int FLOWS_OFF_ONLY = 8;

    private final Instant checkedAt;
    private final List<PreflightProblem> problems;
    private final List<String> checked;
    private final List<String> unverified;
    private final Map<PreflightProblem, Boolean> blocksRunningFlow = new LinkedHashMap<>();

    public PreflightReport(Instant checkedAt, RuntimeSettings settings, List<PreflightProblem> problems,
                           List<String> checked, List<String> unverified) {
        this.checkedAt = checkedAt;
        this.problems = List.copyOf(problems);
        this.checked = List.copyOf(checked);
        this.unverified = List.copyOf(unverified);
        Map<String, ShopSettings> shops = new LinkedHashMap<>();
        settings.shops().forEach(shop -> shops.put(shop.id(), shop));
        for (PreflightProblem problem : this.problems) {
            ShopSettings shop = shops.get(problem.shopId());
            boolean on = problem.kind() == PreflightProblem.Kind.MISMATCH && shop != null
                    && problem.flows().stream().anyMatch(flow -> RunningFlows.enabled(flow, shop));
            blocksRunningFlow.put(problem, on);
        }
    }

    public Instant checkedAt() {
        return checkedAt;
    }

    public List<PreflightProblem> problems() {
        return problems;
    }

    public List<String> unverified() {
        return unverified;
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** True when the problem stops a flow that is switched on for its shop. */
    public boolean blocksRunningFlow(PreflightProblem problem) {
        return blocksRunningFlow.getOrDefault(problem, false);
    }

    /** The flows of {@code shop} that are switched on and cannot work while the problems stand. */
    public Set<SyncFlow> blockedFlows(ShopSettings shop) {
        Set<SyncFlow> blocked = new LinkedHashSet<>();
        for (PreflightProblem problem : problems) {
            if (blocksRunningFlow(problem) && shop.id().equals(problem.shopId())) {
                problem.flows().stream().filter(flow -> RunningFlows.enabled(flow, shop)).forEach(blocked::add);
            }
        }
        return blocked;
    }

    public int exitCode() {
        if (problems.stream().anyMatch(this::blocksRunningFlow)) {
            return BLOCKING;
        }
        if (problems.stream().anyMatch(p -> p.kind() == PreflightProblem.Kind.UNREACHABLE)) {
            return INCOMPLETE;
        }
        return problems.isEmpty() ? CLEAN : FLOWS_OFF_ONLY;
    }

    /** One line per problem, flows that are off marked as such, then what stayed unverified and the verdict. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (PreflightProblem problem : problems) {
            String prefix = switch (problem.kind()) {
                case UNREACHABLE -> "NOT CHECKED ";
                case MISMATCH -> blocksRunningFlow(problem) ? "PROBLEM " : "PROBLEM (flow off) ";
            };
            lines.add(prefix + "[" + (problem.shopId() == null ? "all shops" : "shop " + problem.shopId()) + ", "
                    + String.join("/", problem.flows().stream().map(SyncFlow::key).toList()) + "] " + problem.line());
        }
        for (String note : unverified) {
            lines.add("UNVERIFIED " + note);
        }
        lines.add(verdict());
        return lines;
    }

    private String verdict() {
        long blocking = problems.stream().filter(this::blocksRunningFlow).count();
        return switch (exitCode()) {
            case CLEAN -> "Preflight clean: " + checked.size() + " checks against the tenants passed (exit 0).";
            case BLOCKING -> "Preflight found " + problems.size() + " problem(s), " + blocking
                    + " stopping a flow that is switched on (exit " + BLOCKING + ").";
            case INCOMPLETE -> "Preflight incomplete: a system could not be checked (exit " + INCOMPLETE + ").";
            default -> "Preflight found " + problems.size() + " problem(s), all in flows that are switched off (exit "
                    + FLOWS_OFF_ONLY + ").";
        };
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("checkedAt", checkedAt.toString());
        json.put("result", switch (exitCode()) {
            case CLEAN -> "clean";
            case BLOCKING -> "blocking";
            case INCOMPLETE -> "incomplete";
            default -> "flows-off-only";
        });
        json.put("exitCode", exitCode());
        ArrayNode list = json.putArray("problems");
        problems.forEach(problem -> list.add(problem.toJson(mapper, blocksRunningFlow(problem))));
        ArrayNode notes = json.putArray("unverified");
        unverified.forEach(notes::add);
        ArrayNode done = json.putArray("checked");
        checked.forEach(done::add);
        return json;
    }
}
