package io.jesync.config;

import java.net.URI;
import java.time.Duration;

/** The e-conomic agreement the runtime writes to, and the budget it must stay within. */
public record EconomicSettings(
        URI baseUrl,
        Secret appSecretToken,
        Secret agreementGrantToken,
        int dailyCallBudget,
        Duration connectTimeout,
        Duration readTimeout) {
}
