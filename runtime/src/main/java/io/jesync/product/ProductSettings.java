package io.jesync.product;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.SettingReader;
import io.jesync.config.SyncMode;

/**
 * How one shop's products move: the schedule of the incremental flow, the product-group rule, what an import into
 * Norce needs (manufacturer code, culture, sales areas, statuses) and who owns which field. Read from
 * {@code shop.<id>.products.*}; the product-group rule {@code group-by-vat-rate} is shared with the order flow,
 * which creates missing articles with it.
 *
 * @param groupByVatRate  e-conomic product group per VAT rate (rates without trailing zeros)
 * @param vatRateByGroup  the VAT rate of an e-conomic product group, for products read from e-conomic
 * @param salesAreas      Norce sales areas (VAT regions) that get the product's VAT rate
 * @param importBatchSize items per Norce import job
 * @param jobPollInterval first wait before asking Norce how an import job went; doubles up to 10 s
 */
public record ProductSettings(
        boolean enabled,
        Duration pollInterval,
        Optional<String> pollCron,
        Duration overlap,
        Duration initialLookback,
        Map<BigDecimal, Integer> groupByVatRate,
        Map<Integer, BigDecimal> vatRateByGroup,
        int unitNumber,
        String manufacturerCode,
        String culture,
        List<Integer> salesAreas,
        int statusActive,
        int statusInactive,
        int skuType,
        int accountId,
        int importBatchSize,
        Duration jobPollInterval,
        Path reportsDir,
        FieldOwnership ownership) {

    private static final List<Integer> SKU_STATUSES = List.of(1, 2, 3, 4, 5, 6);

    public ProductSettings {
        groupByVatRate = Map.copyOf(groupByVatRate);
        vatRateByGroup = Map.copyOf(vatRateByGroup);
        salesAreas = List.copyOf(salesAreas);
    }

    /** The shipped defaults for a combo shop, for tests that build settings by hand. */
    public static ProductSettings defaults() {
        return load(new ConfigSource(Map.of(), Map.of(), Map.of(), "defaults"), "shop", SyncMode.COMBO,
                Map.of(new BigDecimal("25"), 1, new BigDecimal("12"), 2, new BigDecimal("6"), 3), true);
    }

    /** @param enabledByDefault the demo shows products moving; live, the merchant switches the flow on */
    public static ProductSettings load(ConfigSource source, String shopId, SyncMode mode,
                                Map<BigDecimal, Integer> groupByVatRate, boolean enabledByDefault) {
        String p = "shop." + shopId + ".products.";
        Map<Integer, BigDecimal> vatByGroup = new LinkedHashMap<>();
        groupByVatRate.forEach((rate, group) -> vatByGroup.putIfAbsent(group, rate));
        source.attempt(() -> {
            Map<String, String> given = SettingReader.pairs(source, p + "vat-rate-by-group");
            // The demo agreement's fourth group (25 %) is in no shop rule, so demo mode names it.
            (given.isEmpty() && enabledByDefault ? Map.of("4", "25") : given).forEach((group, rate) -> {
                try {
                    vatByGroup.put(SettingReader.parsePositive(p + "vat-rate-by-group", group),
                            new BigDecimal(rate).stripTrailingZeros());
                } catch (NumberFormatException e) {
                    throw new ConfigurationException(p + "vat-rate-by-group", "'" + rate + "' is not a VAT rate");
                }
            });
            return null;
        }, null);
        Map<ProductField, Owner> overrides = new EnumMap<>(ProductField.class);
        for (ProductField field : FieldOwnership.CONFIGURABLE) {
            source.get(p + "owner." + field.key()).ifPresent(value -> source.attempt(() -> overrides.put(field,
                    switch (value.strip().toLowerCase(Locale.ROOT)) {
                        case "shop" -> Owner.SHOP;
                        case "economic", "e-conomic" -> Owner.ECONOMIC;
                        default -> throw new ConfigurationException(p + "owner." + field.key(), "'" + value
                                + "' is neither shop nor economic");
                    }), null));
        }
        List<Integer> salesAreas = source.get(p + "sales-areas").isPresent()
                ? SettingReader.intList(source, p + "sales-areas") : List.of(1);
        return new ProductSettings(
                SettingReader.bool(source, p + "enabled", enabledByDefault),
                Duration.ofSeconds(SettingReader.positiveInt(source, p + "poll-interval-seconds", 300)),
                SettingReader.cron(source, p + "poll-cron"),
                Duration.ofMinutes(SettingReader.nonNegativeInt(source, p + "overlap-minutes", 10)),
                Duration.ofHours(SettingReader.positiveInt(source, p + "initial-lookback-hours", 24)),
                groupByVatRate, vatByGroup,
                SettingReader.positiveInt(source, p + "unit-number", 1),
                source.get(p + "manufacturer-code").orElse("ECONOMIC"),
                source.get(p + "culture").orElse("sv-SE"),
                salesAreas,
                status(source, p + "status-active", 1),
                status(source, p + "status-inactive", 5),
                SettingReader.positiveInt(source, p + "sku-type", 1),
                // One Norce system account per shop for every import, products as stock and prices.
                SettingReader.positiveInt(source, "shop." + shopId + ".connect.account-id", 1),
                SettingReader.positiveInt(source, p + "import-batch-size", 5000),
                Duration.ofMillis(SettingReader.positiveInt(source, p + "job-poll-millis", 1000)),
                Path.of(source.get(p + "reports-dir").orElse("reports")),
                FieldOwnership.of(mode, overrides));
    }

    private static int status(ConfigSource source, String key, int fallback) {
        int value = SettingReader.positiveInt(source, key, fallback);
        if (!SKU_STATUSES.contains(value)) {
            source.report(new ConfigurationException(key, value + " is not a Norce SkuStatus (1 Active, 2 Coming,"
                    + " 3 Expiring, 4 Hidden, 5 Inactive, 6 NotActivated)"));
        }
        return value;
    }
}
