package io.jesync.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.SettingReader;
import io.jesync.config.SyncMode;

/**
 * What one shop shows of e-conomic's stock and prices (erp-master and combo). Read from {@code shop.<id>.stock.*},
 * {@code shop.<id>.prices.*} and {@code shop.<id>.connect.account-id}.
 *
 * @param figure                which e-conomic figure is the shop's on-hand value
 * @param pendingStates         order-ledger states whose orders are not in e-conomic's stock yet
 * @param safetyBuffer          units held back from the shop per article
 * @param leadTimeInStock       LeadTimeDayCount sent while the shop has stock; null sends none
 * @param leadTimeIncoming      ... while out of stock with goods ordered from suppliers
 * @param leadTimeOutOfStock    ... while out of stock with nothing incoming
 * @param vatRateByGroup        VAT rate (percent) per e-conomic product group, for incl.-VAT price lists
 * @param connectAccountId      the Norce Connect {@code AccountId} every import header carries
 * @param customerPriceLists    bound customers' e-conomic price group follows to their Norce customer's price lists
 */
public record StockPriceSettings(
        boolean stockEnabled,
        StockFigure figure,
        String warehouseCode,
        String locationCode,
        boolean subtractPendingOrders,
        Set<PendingState> pendingStates,
        BigDecimal safetyBuffer,
        boolean sendIncoming,
        Integer leadTimeInStock,
        Integer leadTimeIncoming,
        Integer leadTimeOutOfStock,
        boolean pricesEnabled,
        List<PriceListRule> priceLists,
        BigDecimal defaultVatRate,
        Map<Integer, BigDecimal> vatRateByGroup,
        int connectAccountId,
        boolean customerPriceLists) {

    public enum StockFigure {
        /** {@code inventory.available}: in stock minus ordered by customers. */
        AVAILABLE,
        /** {@code inventory.inStock}: everything on the shelf, reserved or not. */
        IN_STOCK
    }

    /** The order-ledger states of orders that have not reached e-conomic's stock (see docs/flows). */
    public enum PendingState { NEW, SENDING, IN_DOUBT, FAILED, PARKED }

    /** Where a price list's prices come from in e-conomic. */
    public enum PriceSource {
        /** The product's {@code salesPrice}: net, base currency. */
        BASE,
        /** The product's sales price in one currency (OpenAPI {@code /salespriceincurrencies}). */
        CURRENCY,
        /** A price group's special prices (OpenAPI {@code /pricegroups/{n}/specialprices}), base currency. */
        PRICE_GROUP
    }

    /**
     * One shop price list fed from e-conomic.
     *
     * @param currency       for {@link PriceSource#CURRENCY}: the e-conomic currency code
     * @param priceGroup     for {@link PriceSource#PRICE_GROUP}: the e-conomic price group number
     * @param inclVat        the shop list holds prices incl. VAT, so e-conomic's net price gets VAT added
     * @param roundingStep   prices are rounded to a multiple of this (0.01, 0.05, 1, ...)
     */
    public record PriceListRule(String code, PriceSource source, String currency, Integer priceGroup,
                                boolean inclVat, BigDecimal roundingStep, RoundingMode roundingMode) {
    }

    public StockPriceSettings {
        pendingStates = pendingStates.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(pendingStates));
        priceLists = List.copyOf(priceLists);
        vatRateByGroup = Map.copyOf(vatRateByGroup);
    }

    /** Switched off: nothing of this flow runs for the shop. */
    public static StockPriceSettings off() {
        return new StockPriceSettings(false, StockFigure.AVAILABLE, "MAIN", "MAIN", false, Set.of(), BigDecimal.ZERO,
                false, null, null, null, false, List.of(), new BigDecimal("25"), Map.of(), 1, false);
    }

    public boolean enabled() {
        return stockEnabled || pricesEnabled;
    }

    public BigDecimal vatRate(Integer productGroup) {
        return productGroup == null ? defaultVatRate : vatRateByGroup.getOrDefault(productGroup, defaultVatRate);
    }

    /**
     * Defaults: on in demo, off in live (a merchant switches stock and prices on once the mapping is checked); never
     * in ecom-master, where the shop owns them.
     */
    public static StockPriceSettings load(ConfigSource source, String shopId, boolean demo, SyncMode mode) {
        String s = "shop." + shopId + ".stock.";
        String p = "shop." + shopId + ".prices.";
        boolean owned = mode != SyncMode.ECOM_MASTER;
        boolean stockEnabled = SettingReader.bool(source, s + "enabled", demo && owned);
        boolean pricesEnabled = SettingReader.bool(source, p + "enabled", demo && owned);
        if (!owned && (stockEnabled || pricesEnabled)) {
            source.report(new ConfigurationException(stockEnabled ? s + "enabled" : p + "enabled", "is true, but "
                    + "sync.mode is ecom-master, where the shop owns stock and prices; use erp-master or combo"));
        }
        String figureText = source.get(s + "figure").orElse("available");
        StockFigure figure = source.attempt(() -> switch (figureText.strip().toLowerCase(Locale.ROOT)) {
            case "available" -> StockFigure.AVAILABLE;
            case "in-stock", "instock" -> StockFigure.IN_STOCK;
            default -> throw new ConfigurationException(s + "figure", "'" + figureText
                    + "' is neither available nor in-stock");
        }, StockFigure.AVAILABLE);
        String warehouse = source.get(s + "warehouse").orElse("MAIN").strip();
        String location = source.get(s + "location").orElse(warehouse).strip();
        Set<PendingState> pending = EnumSet.noneOf(PendingState.class);
        for (String part : source.get(s + "pending-states").orElse("NEW,SENDING,IN_DOUBT,FAILED,PARKED").split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                pending.add(PendingState.valueOf(part.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(s + "pending-states", "'" + part.strip() + "' is not one of "
                        + "NEW, SENDING, IN_DOUBT, FAILED, PARKED");
            }
        }
        List<PriceListRule> lists = new ArrayList<>();
        for (String raw : source.get(p + "lists").orElse(demo ? "SE-B2C,SE-B2B,EU-B2C" : "").split(",")) {
            String code = raw.strip();
            if (!code.isEmpty()) {
                source.attempt(() -> lists.add(priceList(source, p + "list." + code + ".", code, demo)), null);
            }
        }
        if (pricesEnabled && lists.isEmpty() && source.get(p + "lists").isEmpty()) {
            source.report(new ConfigurationException(p + "lists", "is empty, but prices are enabled: name the shop "
                    + "price lists to fill, e.g. SE-B2C,SE-B2B"));
        }
        Map<Integer, BigDecimal> vatByGroup = new LinkedHashMap<>();
        source.attempt(() -> {
            SettingReader.pairs(source, p + "vat-rates").forEach((group, rate) -> vatByGroup.put(
                    SettingReader.parsePositive(p + "vat-rates", group), rate(p + "vat-rates", rate)));
            return null;
        }, null);
        if (demo && vatByGroup.isEmpty()) {
            vatByGroup.putAll(Map.of(1, new BigDecimal("25"), 2, new BigDecimal("12"), 3, new BigDecimal("6"),
                    4, new BigDecimal("25")));
        }
        int accountId = !demo && (stockEnabled || pricesEnabled)
                ? SettingReader.parsePositive("shop." + shopId + ".connect.account-id",
                        SettingReader.required(source, "shop." + shopId + ".connect.account-id"))
                : SettingReader.positiveInt(source, "shop." + shopId + ".connect.account-id", 1);
        // Read even with prices off, so the key is known (not reported as misspelt) whatever the switch says.
        boolean customerPriceLists = SettingReader.bool(source, p + "customer-price-lists", demo);
        return new StockPriceSettings(stockEnabled, figure, warehouse, location,
                SettingReader.bool(source, s + "subtract-pending-orders", true), pending,
                SettingReader.decimal(source, s + "safety-buffer", "0"),
                SettingReader.bool(source, s + "send-incoming", true),
                optionalDays(source, s + "lead-time-days.in-stock"),
                optionalDays(source, s + "lead-time-days.incoming"),
                optionalDays(source, s + "lead-time-days.out-of-stock"),
                pricesEnabled, lists, rate(p + "vat-rate", source.get(p + "vat-rate").orElse("25")), vatByGroup,
                accountId, customerPriceLists && pricesEnabled);
    }

    private static PriceListRule priceList(ConfigSource source, String prefix, String code, boolean demo) {
        String fallback = !demo ? "base" : switch (code) {
            case "SE-B2B" -> "price-group:1";
            case "EU-B2C" -> "currency:EUR";
            default -> "base";
        };
        String sourceText = source.get(prefix + "source").orElse(fallback).strip();
        String[] parts = sourceText.split(":", 2);
        PriceSource kind;
        String currency = null;
        Integer group = null;
        switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "base" -> kind = PriceSource.BASE;
            case "currency" -> {
                kind = PriceSource.CURRENCY;
                currency = parts.length == 2 && parts[1].strip().length() == 3
                        ? parts[1].strip().toUpperCase(Locale.ROOT) : null;
                if (currency == null) {
                    throw new ConfigurationException(prefix + "source", "'" + sourceText + "' needs a currency "
                            + "code, e.g. currency:EUR");
                }
            }
            case "price-group" -> {
                kind = PriceSource.PRICE_GROUP;
                group = SettingReader.parsePositive(prefix + "source", parts.length == 2 ? parts[1] : "");
            }
            default -> throw new ConfigurationException(prefix + "source", "'" + sourceText + "' is not base, "
                    + "currency:<code> or price-group:<number>");
        }
        BigDecimal step = SettingReader.decimal(source, prefix + "rounding", "0.01");
        if (step.signum() == 0) {
            throw new ConfigurationException(prefix + "rounding", "must be greater than 0, e.g. 0.01 or 1");
        }
        String mode = source.get(prefix + "rounding-mode").orElse("half-up").strip().toLowerCase(Locale.ROOT);
        RoundingMode roundingMode = switch (mode) {
            case "half-up" -> RoundingMode.HALF_UP;
            case "up" -> RoundingMode.UP;
            case "down" -> RoundingMode.DOWN;
            case "half-even" -> RoundingMode.HALF_EVEN;
            default -> throw new ConfigurationException(prefix + "rounding-mode", "'" + mode
                    + "' is not one of half-up, up, down, half-even");
        };
        boolean inclVat = SettingReader.bool(source, prefix + "incl-vat", false);
        return new PriceListRule(code, kind, currency, group, inclVat, step, roundingMode);
    }

    private static BigDecimal rate(String key, String text) {
        try {
            BigDecimal rate = new BigDecimal(text.strip());
            if (rate.signum() < 0 || rate.compareTo(new BigDecimal("100")) >= 0) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "'" + text + "' is not a VAT rate in percent (0 to 99.99)");
        }
    }

    private static Integer optionalDays(ConfigSource source, String key) {
        Optional<String> value = source.get(key);
        return value.isEmpty() || value.get().isBlank() ? null : SettingReader.nonNegativeInt(source, key, 0);
    }
}
