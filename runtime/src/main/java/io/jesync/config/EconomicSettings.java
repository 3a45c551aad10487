package io.jesync.config;

import java.net.URI;
import java.time.Duration;

/**
 * The e-conomic agreement the runtime writes to, the budget it must stay within, and how an outage is waited out:
 * one call after {@code outageProbeBase}, the interval doubling up to {@code outageProbeCap}.
 */
public record EconomicSettings(
        URI baseUrl,
        Secret appSecretToken,
        Secret agreementGrantToken,
        int dailyCallBudget,
        Duration connectTimeout,
        Duration readTimeout,
        Duration outageProbeBase,
        Duration outageProbeCap) {

    public static final Duration DEFAULT_OUTAGE_PROBE_BASE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_OUTAGE_PROBE_CAP = Duration.ofSeconds(30);

    public EconomicSettings(URI baseUrl, Secret appSecretToken, Secret agreementGrantToken, int dailyCallBudget,
                            Duration connectTimeout, Duration readTimeout) {
        this(baseUrl, appSecretToken, agreementGrantToken, dailyCallBudget, connectTimeout, readTimeout,
                DEFAULT_OUTAGE_PROBE_BASE, DEFAULT_OUTAGE_PROBE_CAP);
    }
}
