package io.jesync.preflight;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.findings.SyncFlow;

/**
 * The preflight inside the running service: run at start-up in live mode, where a problem holds back only the flows
 * it concerns (every other shop and flow starts, and every problem is logged at once); re-run on demand from the
 * admin API; its last result is what readiness and {@code GET /api/preflight} show.
 */
public final class PreflightService {
    private static final Logger LOG = LoggerFactory.getLogger(PreflightService.class);

    private final Preflight preflight;
    private final RuntimeSettings settings;
    private final Set<String> heldBack = new LinkedHashSet<>();
    private volatile PreflightReport last;
    private CompletableFuture<PreflightReport> atStart;

    public PreflightService(Preflight preflight, RuntimeSettings settings) {
        this.preflight = preflight;
        this.settings = settings;
    }

    /**
     * Starts the start-up check on a thread of its own, so it reads the tenants while the rest of the runtime is
     * assembled; {@link #holdBackBlockedFlows} waits for it before any route can start.
     */
    public synchronized void startChecking() {
        if (atStart != null) {
            return;
        }
        atStart = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                atStart.complete(run());
            } catch (InterruptedException | RuntimeException | Error e) {
                atStart.completeExceptionally(e);
            }
        }, "preflight-at-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes a start-up check begun before this service existed (before the store was migrated and Camel booted). */
    public synchronized void adopt(CompletableFuture<PreflightReport> started) {
        if (atStart == null) {
            atStart = started;
        }
    }

    /** Runs the check now and keeps its result; the held-back routes stay as they are until a restart. */
    public synchronized PreflightReport run() throws InterruptedException {
        last = preflight.run();
        return last;
    }

    public Optional<PreflightReport> last() {
        return Optional.ofNullable(last);
    }

    /** The routes start-up kept from starting because of a problem. */
    public synchronized List<String> heldBack() {
        return List.copyOf(heldBack);
    }

    /**
     * Takes the check started by {@link #startChecking} (or runs it now) before any route starts, logs one line per
     * problem, and keeps every route of a blocked flow from starting (Camel's auto-startup exclude pattern). Call
     * while the context is being configured.
     */
    public void holdBackBlockedFlows(CamelContext context) throws InterruptedException {
        CompletableFuture<PreflightReport> started;
        synchronized (this) {
            started = atStart;
        }
        PreflightReport report;
        if (started == null) {
            report = run();
        } else {
            try {
                report = started.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        holdBack(context, report);
    }

    private synchronized void holdBack(CamelContext context, PreflightReport report) {
        last = report;
        for (String line : report.lines()) {
            if (line.startsWith("PROBLEM ") || line.startsWith("NOT CHECKED ")) {
                LOG.warn("Preflight: {}", line);
            } else if (!line.startsWith("UNVERIFIED ")) {
                LOG.info("{}", line);
            }
        }
        boolean stockPricesNeeded = false;
        List<String> sharedBlocked = new ArrayList<>();
        for (ShopSettings shop : settings.shops()) {
            Set<SyncFlow> blocked = report.blockedFlows(shop);
            for (SyncFlow flow : blocked) {
                if (flow != SyncFlow.STOCK && flow != SyncFlow.PRICES) {
                    heldBack.add(flow.routeId(shop.id()));
                }
            }
            for (SyncFlow flow : List.of(SyncFlow.STOCK, SyncFlow.PRICES)) {
                if (RunningFlows.enabled(flow, shop)) {
                    if (blocked.contains(flow)) {
                        sharedBlocked.add(flow.key() + " of shop " + shop.id());
                    } else {
                        stockPricesNeeded = true;
                    }
                }
            }
        }
        if (!sharedBlocked.isEmpty()) {
            if (stockPricesNeeded) {
                LOG.warn("Preflight: {} cannot be held back alone: route {} also serves flows without problems and"
                        + " keeps running", String.join(", ", sharedBlocked), SyncFlow.STOCK_PRICES_ROUTE);
            } else {
                heldBack.add(SyncFlow.STOCK_PRICES_ROUTE);
            }
        }
        if (heldBack.isEmpty()) {
            return;
        }
        Set<String> routes = Set.copyOf(heldBack);
        RoutePolicyFactory holdBack = (camel, routeId, route) -> !routes.contains(routeId) ? null
                : new RoutePolicySupport() {
                    @Override
                    public void onInit(Route initialised) {
                        initialised.setAutoStartup(false);
                    }
                };
        // Camel's supervising route controller takes a route on in its own policy's onInit, and only when the route
        // is to start by itself; this policy has to tell it first, so it goes to the front of the list.
        context.getRoutePolicyFactories().add(0, holdBack);
        LOG.warn("Preflight: held back until the problems above are fixed and the runtime restarted: {}",
                String.join(", ", heldBack));
    }
}
