package io.jesync.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.SettingReader;
import io.jesync.shop.ShopOrderStatus;
import io.jesync.shop.ShopPlatform;
import io.jesync.shop.ShopPlatforms;
import io.jesync.store.WatermarkWindow;

/**
 * How one shop's orders go to e-conomic: when they are picked up, as which document, on which customer, and
 * what the shop hears back. Read from {@code shop.<id>.orders.*} and {@code shop.<id>.customers.*}.
 */
public record OrderFlowSettings(
        boolean enabled,
        Set<Integer> triggerStatusIds,
        Map<Integer, Set<Integer>> triggerStatusIdsByChannel,
        Duration pollInterval,
        Optional<String> pollCron,
        int concurrency,
        Duration overlap,
        Duration initialLookback,
        DocumentType documentType,
        Optional<String> sendBy,
        boolean markOrderSent,
        Optional<ShopOrderStatus> acknowledgeStatus,
        CustomerMatch customerMatch,
        Optional<Long> defaultCustomerNumber,
        MissingArticle missingArticle,
        Map<BigDecimal, Integer> productGroupByVatRate,
        OrderMappingSettings mapping,
        CustomerDefaults customers) implements WatermarkWindow.Reach {

    /** The trigger statuses of one channel: its own list when set, else the shop's. */
    public Set<Integer> triggerStatusIds(int channelId) {
        return triggerStatusIdsByChannel.getOrDefault(channelId, triggerStatusIds);
    }

    /** What the order becomes in e-conomic. */
    public enum DocumentType {
        DRAFT_INVOICE("draft-invoice"), BOOKED_INVOICE("booked-invoice"), ORDER("order");

        private final String key;

        DocumentType(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The type the order ledger names by its key; empty for anything else. */
        public static java.util.Optional<DocumentType> ofKey(String key) {
            return java.util.Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
        }

        /**
         * The collections a document of this type can be in. e-conomic moves an order on to a draft invoice and a
         * draft invoice on to a booked one, never back, so an invoice is never found among the orders.
         */
        public java.util.List<io.jesync.economic.DocumentCollection> collections() {
            return this == ORDER ? java.util.List.of(io.jesync.economic.DocumentCollection.values())
                    : java.util.List.of(io.jesync.economic.DocumentCollection.INVOICE_DRAFTS,
                    io.jesync.economic.DocumentCollection.INVOICES_BOOKED);
        }
    }

    /** How the buyer is found among e-conomic's customers before one is created. */
    public enum CustomerMatch {
        EMAIL("email"), ORGANISATION_NUMBER("organisation-number"), BINDING("binding"),
        DEFAULT_CUSTOMER("default-customer");

        private final String key;

        CustomerMatch(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** What happens to an order line whose article is not in e-conomic; follows from {@code sync.mode}. */
    public enum MissingArticle {
        /** ecom-master and combo: the shop owns products, so the article is created in e-conomic. */
        CREATE,
        /** erp-master: e-conomic owns products, so the order is parked naming the article. */
        PARK
    }

    /** Every setting at its default (the demo agreement's numbers); for tests and tools. */
    public static OrderFlowSettings defaults() {
        return load(new ConfigSource(Map.of(), Map.of(), Map.of(), "defaults"), "default", MissingArticle.CREATE);
    }

    public static OrderFlowSettings load(ConfigSource source, String shopId, MissingArticle missingArticle) {
        return load(source, shopId, missingArticle, java.util.List.of());
    }

    public static OrderFlowSettings load(ConfigSource source, String shopId, MissingArticle missingArticle,
                                  java.util.List<Integer> channels) {
        String o = "shop." + shopId + ".orders.";
        String c = "shop." + shopId + ".customers.";
        ShopPlatform platform = platform(source, shopId);
        Set<Integer> triggers = source.attempt(() -> statuses(platform, o + "trigger-statuses",
                source.get(o + "trigger-statuses").orElse("Confirmed")), Set.of());
        Map<Integer, Set<Integer>> channelTriggers = new LinkedHashMap<>();
        for (int channel : channels) {
            String key = o + "trigger-statuses." + channel;
            source.get(key).ifPresent(text -> source.attempt(() -> channelTriggers.put(channel,
                    statuses(platform, key, text)), null));
        }
        DocumentType documentType = source.attempt(() -> choice(source, o + "document-type",
                DocumentType.DRAFT_INVOICE, DocumentType.values()), DocumentType.DRAFT_INVOICE);
        Optional<String> sendBy = source.attempt(() -> source.get(o + "send-by").map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> "none";
            case "email" -> "Email";
            case "ean" -> "EAN";
            default -> throw new ConfigurationException(o + "send-by", "'" + value + "' is not one of none, Email, EAN");
        }), Optional.empty());
        // Confirmed is the status Norce documents as storing the ERP's order number.
        String acknowledgeName = source.get(o + "acknowledge-status").orElse("Confirmed");
        Optional<ShopOrderStatus> acknowledge = source.attempt(() -> "none".equalsIgnoreCase(acknowledgeName)
                ? Optional.empty()
                : Optional.of(platform.orderStatus(acknowledgeName).orElseThrow(() -> new ConfigurationException(
                        o + "acknowledge-status", "'" + acknowledgeName + "' is not an order status of the shop's"
                        + " platform (e.g. Confirmed), nor none"))), Optional.empty());
        CustomerMatch match = source.attempt(() -> choice(source, c + "match", CustomerMatch.EMAIL,
                CustomerMatch.values()), CustomerMatch.EMAIL);
        Optional<Long> defaultCustomer = source.attempt(() -> source.get(c + "default-customer-number")
                .map(v -> (long) SettingReader.parsePositive(c + "default-customer-number", v)), Optional.empty());
        if (match == CustomerMatch.DEFAULT_CUSTOMER && defaultCustomer.isEmpty()) {
            source.report(new ConfigurationException(c + "default-customer-number", "is missing: " + c
                    + "match=default-customer books every order on that e-conomic customer"));
        }

        Map<String, Integer> countryZones = new LinkedHashMap<>();
        source.attempt(() -> {
            SettingReader.pairs(source, o + "vat-zone.overrides").forEach((country, zone) -> countryZones.put(
                    country.toUpperCase(Locale.ROOT), SettingReader.parsePositive(o + "vat-zone.overrides", zone)));
            return null;
        }, null);
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        source.attempt(() -> {
            SettingReader.pairs(source, o + "exchange-rates").forEach((currency, rate) -> {
                try {
                    rates.put(currency.toUpperCase(Locale.ROOT), new BigDecimal(rate));
                } catch (NumberFormatException e) {
                    throw new ConfigurationException(o + "exchange-rates", "'" + rate + "' is not a number");
                }
            });
            return null;
        }, null);
        String timeZone = source.attempt(() -> {
            String zone = source.get(o + "time-zone").orElse("Europe/Stockholm");
            try {
                ZoneId.of(zone);
                return zone;
            } catch (java.time.DateTimeException e) {
                throw new ConfigurationException(o + "time-zone", "'" + zone + "' is not a time zone (e.g. "
                        + "Europe/Stockholm)");
            }
        }, "Europe/Stockholm");
        int paymentTerms = SettingReader.positiveInt(source, o + "payment-terms-number", 1);
        OrderMappingSettings mapping;
        try {
            mapping = new OrderMappingSettings(
                    source.get(o + "home-country").orElse("SE"),
                    SettingReader.positiveInt(source, o + "vat-zone.domestic", 1),
                    SettingReader.positiveInt(source, o + "vat-zone.eu", 2),
                    SettingReader.positiveInt(source, o + "vat-zone.abroad", 3),
                    SettingReader.positiveInt(source, o + "vat-zone.eu-private", 1),
                    countryZones,
                    SettingReader.positiveInt(source, o + "layout-number", 19),
                    paymentTerms,
                    source.get(o + "shipping-product").orElse("FRAKT"),
                    source.get(o + "payment-fee-product").orElse("AVGIFT"),
                    source.get(o + "discount-product").orElse(null),
                    source.get(o + "reference-prefix").orElse("jetshop:"),
                    SettingReader.positiveInt(source, o + "max-line-description", 2500),
                    SettingReader.decimal(source, o + "rounding-tolerance", "0.05"),
                    source.get(o + "rounding-product").orElse(null),
                    source.get(o + "base-currency").orElse("SEK").toUpperCase(Locale.ROOT),
                    rates,
                    match != CustomerMatch.DEFAULT_CUSTOMER,
                    timeZone);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(o + "*", e.getMessage());
        }
        CustomerDefaults customers = new CustomerDefaults(mapping,
                SettingReader.positiveInt(source, c + "group.private-domestic", 1),
                SettingReader.positiveInt(source, c + "group.business-domestic", 2),
                SettingReader.positiveInt(source, c + "group.eu", 3),
                SettingReader.positiveInt(source, c + "group.abroad", 4),
                SettingReader.positiveInt(source, c + "payment-terms-number", paymentTerms));

        Map<BigDecimal, Integer> groups = new LinkedHashMap<>();
        String groupKey = "shop." + shopId + ".products.group-by-vat-rate";
        source.attempt(() -> {
            SettingReader.pairs(source, groupKey).forEach((rate, group) -> {
                try {
                    groups.put(new BigDecimal(rate).stripTrailingZeros(), SettingReader.parsePositive(groupKey, group));
                } catch (NumberFormatException e) {
                    throw new ConfigurationException(groupKey, "'" + rate + "' is not a VAT rate");
                }
            });
            return null;
        }, null);
        if (groups.isEmpty()) {
            groups.put(new BigDecimal("25"), 1);
            groups.put(new BigDecimal("12"), 2);
            groups.put(new BigDecimal("6"), 3);
        }

        return new OrderFlowSettings(
                SettingReader.bool(source, o + "enabled", true),
                Set.copyOf(triggers),
                Map.copyOf(channelTriggers),
                Duration.ofSeconds(SettingReader.positiveInt(source, o + "poll-interval-seconds", 30)),
                SettingReader.cron(source, o + "poll-cron"),
                SettingReader.positiveInt(source, o + "concurrency", 4),
                Duration.ofMinutes(SettingReader.nonNegativeInt(source, o + "overlap-minutes", 10)),
                Duration.ofHours(SettingReader.positiveInt(source, o + "initial-lookback-hours", 72)),
                documentType,
                sendBy,
                SettingReader.bool(source, o + "mark-order-sent", false),
                acknowledge,
                match,
                defaultCustomer,
                missingArticle,
                Map.copyOf(groups),
                mapping,
                customers);
    }

    private static Set<Integer> statuses(ShopPlatform platform, String key, String text) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            ids.add(platform.orderStatus(name).orElseThrow(() -> new ConfigurationException(key, "'"
                    + name.strip() + "' is not an order status of the shop's platform (e.g. Confirmed, Delivered or"
                    + " an id such as 2)")).id());
        }
        return Set.copyOf(ids);
    }

    /** The platform the shop's statuses are named in ({@code shop.<id>.platform}, default norce). */
    public static ShopPlatform platform(ConfigSource source, String shopId) {
        String prefix = "shop." + shopId + ".";
        return ShopPlatforms.platform(ShopSettings.Platform.read(source, prefix), prefix + "platform");
    }

    private static <E extends Enum<E>> E choice(ConfigSource source, String key, E fallback, E[] values) {
        Optional<String> value = source.get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        for (E candidate : values) {
            String candidateKey = candidate.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (candidateKey.equalsIgnoreCase(value.get())) {
                return candidate;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E candidate : values) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(candidate.name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'));
        }
        throw new ConfigurationException(key, "'" + value.get() + "' is not one of " + allowed);
    }
}
