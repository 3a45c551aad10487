package io.jesync.shop;

import io.jesync.config.ShopSettings;
import io.jesync.findings.PreflightFindings;

/**
 * The shop platform's half of the preflight: checks one shop's settings against its tenant. Each platform adapter
 * provides one, next to the code whose assumptions it checks.
 */
@FunctionalInterface
public interface ShopTenantCheck {
    /**
     * Adds a problem per mismatch to {@code findings}.
     *
     * @throws Exception the tenant could not be read (no answer, credentials refused): the preflight reports the
     *                   shop as not checked
     */
    void check(ShopSettings shop, PreflightFindings findings) throws Exception;
}
