package io.jesync.preflight;

import java.time.Clock;
import io.jesync.shop.ShopTenantCheck;
import io.jesync.findings.PreflightFindings;
import io.jesync.findings.PreflightProblem;
import io.jesync.findings.SyncFlow;
import io.jesync.economic.EconomicAuthException;
import io.jesync.economic.EconomicException;

/**
 * One preflight run: e-conomic first (once for all shops), then each shop's tenant. A system that cannot be read is
 * one "not checked" line and the run goes on, so a merchant sees every problem at once.
 */
public final class Preflight {
    private final RuntimeSettings settings;
    private final EconomicPreflight economic;
    private final ShopTenantCheck shops;
    private final Clock clock;

    public Preflight(RuntimeSettings settings, EconomicPreflight economic, ShopTenantCheck shops, Clock clock) {
        this.settings = settings;
        this.economic = economic;
        this.shops = shops;
        this.clock = clock;
    }

    public PreflightReport run() throws InterruptedException {
        PreflightFindings findings = new PreflightFindings();
        try {
            economic.check(settings, findings);
        } catch (EconomicException e) {
            findings.problem(new PreflightProblem(PreflightProblem.Kind.UNREACHABLE, null, SyncFlow.ALL,
                    "economic.base-url", settings.economic().baseUrl().toString(), "e-conomic",
                    "e-conomic could not be read: " + e.summary(), e instanceof EconomicAuthException
                            ? "check the app secret token and the agreement grant token, then run the check again"
                            : "run the check again once e-conomic answers"));
        }
        for (ShopSettings shop : settings.shops()) {
            try {
                shops.check(shop, findings);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                findings.problem(new PreflightProblem(PreflightProblem.Kind.UNREACHABLE, shop.id(), SyncFlow.ALL,
                        "shop." + shop.id() + ".base-url", shop.baseUrl().toString(), "the shop platform",
                        "the shop's tenant could not be read: " + e.getMessage(), "check shop." + shop.id()
                                + ".base-url, .client-id and the client secret, then run the check again"));
            }
        }
        return new PreflightReport(clock.instant(), settings, findings.problems(), findings.checked(),
                findings.unverifiedNotes());
    }
}
