package io.jesync.observe;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.jesync.json.Json;

/**
 * The connections the flows depend on (e-conomic and each shop), as the console shows them. Each is its readiness
 * check, so a probe is shared with {@code /observe/health} and never costs more than one call per cache time. While
 * a connection is down it is looked at again on a
 * timer ({@link #recheckDown()}), so the end of an outage is logged even when nobody watches. The flows report what
 * they meet ({@link #flowFailed}, {@link #flowReached}), so an outage of the shop's API shows although its token,
 * which is all the shop's probe checks, is still valid.
 */
public final class Connections {
    public static final String ECONOMIC = "economic-auth";
    /** The order poll reads the shop on every run, so its success shows that the shop answers again. */
    public static final String SHOP_READING_ROUTE = "poll-orders-";
    private final List<RemoteAuthHealthCheck> checks;

    public Connections(List<RemoteAuthHealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * A scheduled flow could not reach a system. A shop's outage is the flow's to report (its probe only checks the
     * cached token); e-conomic's probe reaches e-conomic, so there a probe decides.
     *
     * @param routeId the flow's route, ending in its shop's id ({@code poll-orders-se})
     * @param shop    whether the shop (true) or e-conomic (false) was unreachable
     */
    public void flowFailed(String routeId, boolean shop, Throwable failure) {
        String cause = innermostMessage(failure);
        checks.stream().filter(check -> shop ? isShopOf(check, routeId) : ECONOMIC.equals(check.getId()))
                .forEach(check -> check.reportDown(cause));
    }

    /** A flow that reads the shop got through: an outage the flows reported for that shop is over. */
    public void flowReached(String routeId) {
        if (routeId == null || !routeId.startsWith(SHOP_READING_ROUTE)) {
            return;
        }
        checks.stream().filter(check -> isShopOf(check, routeId)).forEach(RemoteAuthHealthCheck::reportUp);
    }

    public void recheckDown() {
        checks.stream().filter(check -> !check.outcome().up()).forEach(RemoteAuthHealthCheck::outcome);
    }

    public long downCount() {
        return checks.stream().filter(check -> !check.outcome().up()).count();
    }

    /** The shop checks are named {@code shop-<id>-auth}; the shop's routes end in {@code -<id>}. */
    private static boolean isShopOf(RemoteAuthHealthCheck check, String routeId) {
        String id = check.getId();
        return id.startsWith("shop-") && id.endsWith("-auth") && routeId != null
                && routeId.endsWith("-" + id.substring(5, id.length() - 5));
    }

    /** The runtime's own words for the cause ("Norce login for shop se fails: …"), not the wrappers around it. */
    static String innermostMessage(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getClass().getName().startsWith("io.jesync.") && t.getMessage() != null) {
                found = t instanceof io.jesync.economic.EconomicException e ? e.summary() : t.getMessage();
            }
        }
        return found != null ? found : String.valueOf(failure);
    }

    public ArrayNode view() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (RemoteAuthHealthCheck check : checks) {
            RemoteAuthHealthCheck.Outcome outcome = check.outcome();
            list.addObject().put("id", check.getId()).put("connection", check.label()).put("up", outcome.up())
                    .put("detail", outcome.detail()).put("since", outcome.since().toString())
                    .put("checkedAt", outcome.at().toString());
        }
        return list;
    }
}
