package io.jesync.stock;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.Secret;
import io.jesync.config.SettingReader;
import io.jesync.config.SimulatorSettings;

/**
 * How the stock and price flow reads e-conomic, shared by every shop: one poll feeds them all. Read from
 * {@code stock-prices.*}.
 *
 * @param tick              how often the schedule wakes up to see what is due (webhook re-reads, pushes)
 * @param pollInterval      the lastUpdated poll's interval while the day's budget is on track
 * @param maxPollInterval   the longest the pacing may stretch it to
 * @param overlap           each poll re-reads this far behind the last lastUpdated seen (second resolution, clock
 *                          skew)
 * @param fullScanInterval  how often every product is read to reconcile (catches what lastUpdated missed)
 * @param priceScanInterval how often currency prices and price-group special prices are read (they carry no
 *                          lastUpdated, so only a full read finds changes)
 * @param parallelImports   import jobs of one kind sent and followed at once, each of distinct articles: a job's
 *                          time is mostly waiting for Norce, so a large push is bound by following jobs one by one
 * @param budgetReserve     share of the daily e-conomic budget this flow leaves for orders and the rest
 * @param openApiBaseUrl    e-conomic's OpenAPI host (price groups, currency prices)
 * @param webhookToken      shared secret the stock webhook must carry; empty = webhook off
 */
public record StockSyncSettings(
        Duration tick,
        Duration pollInterval,
        Duration maxPollInterval,
        Duration overlap,
        Duration fullScanInterval,
        Duration priceScanInterval,
        int batchSize,
        int parallelImports,
        double budgetReserve,
        int maxRereadsPerTick,
        URI openApiBaseUrl,
        Optional<Secret> webhookToken) {

    public static StockSyncSettings load(ConfigSource source, boolean live, SimulatorSettings simulators) {
        String k = "stock-prices.";
        Duration poll = SettingReader.duration(source, k + "poll-interval", "2m");
        Duration maxPoll = SettingReader.duration(source, k + "max-poll-interval", "30m");
        if (maxPoll.compareTo(poll) < 0) {
            source.report(new ConfigurationException(k + "max-poll-interval", "must not be shorter than " + k
                    + "poll-interval"));
        }
        int batch = SettingReader.positiveInt(source, k + "batch-size", 1000);
        double reserve = SettingReader.nonNegativeDecimal(source, k + "budget-reserve", 0.2);
        if (reserve >= 1) {
            source.report(new ConfigurationException(k + "budget-reserve", "must be below 1 (a share of the daily"
                    + " budget)"));
        }
        URI openApi = live ? SettingReader.url(source, "economic.openapi-base-url", false)
                .orElse(URI.create("https://apis.e-conomic.com"))
                : URI.create("http://127.0.0.1:" + simulators.economicPort());
        boolean webhook = SettingReader.bool(source, k + "webhook.enabled", false);
        source.declare(k + "webhook.token", k + "webhook.token-file");
        Optional<Secret> token = Optional.empty();
        if (webhook) {
            token = Optional.of(SettingReader.requiredSecret(source, k + "webhook.token"));
        }
        return new StockSyncSettings(SettingReader.duration(source, k + "tick", "30s"), poll, maxPoll,
                SettingReader.duration(source, k + "overlap", "5m"),
                SettingReader.duration(source, k + "full-scan-interval", "24h"),
                SettingReader.duration(source, k + "price-scan-interval", "6h"), batch,
                SettingReader.positiveInt(source, k + "parallel-imports", 4), reserve,
                SettingReader.positiveInt(source, k + "webhook.max-rereads-per-tick", 200), openApi, token);
    }
}
