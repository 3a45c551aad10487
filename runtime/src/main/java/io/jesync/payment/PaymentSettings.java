package io.jesync.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.SettingReader;

/**
 * How a shop's payments reach e-conomic, read from {@code shop.<id>.payments.*}.
 *
 * @param journalNumber     the e-conomic journal (daybook) the entries are entered in
 * @param contraAccounts    per shop payment method (upper case), the account the money sits on until the PSP pays
 *                          out; a method mapped to nothing is not registered (left to the bank match)
 * @param defaultContra     the account for methods not listed; empty means "not registered"
 * @param unmatchedAfter    a payment whose invoice is still not booked after this long is parked
 * @param amountTolerance   how far a payment may differ from its invoice's total before it is parked; within it
 *                          the difference is the invoice's rounding and the entry settles the invoice in full
 * @param from              captures before this day are not registered (the accountant matched them by hand);
 *                          empty: from the day the flow first ran for the shop
 * @param settleInterval    how often the journal is listed to see which entries the accountant has booked
 */
public record PaymentSettings(
        boolean enabled,
        Duration pollInterval,
        int journalNumber,
        Map<String, OptionalInt> contraAccounts,
        OptionalInt defaultContra,
        Duration unmatchedAfter,
        BigDecimal amountTolerance,
        Optional<LocalDate> from,
        Duration settleInterval) {

    private static final String NOT_REGISTERED = "none";

    public PaymentSettings {
        contraAccounts = Map.copyOf(contraAccounts);
    }

    /** The contra account for a payment method, or empty when its payments are left to the bank match. */
    public OptionalInt contraAccount(String paymentMethod) {
        if (paymentMethod != null) {
            OptionalInt listed = contraAccounts.get(paymentMethod.strip().toUpperCase(Locale.ROOT));
            if (listed != null) {
                return listed;
            }
        }
        return defaultContra;
    }

    /**
     * Every shop's payment settings, by shop id. A type of its own, not a bare map: Camel autowires a lone
     * registry bean of type Map into component options such as Quartz's scheduler properties.
     */
    public record Shops(Map<String, PaymentSettings> byShop) {
        public Shops {
            byShop = Map.copyOf(byShop);
        }

        public boolean anyEnabled() {
            return byShop.values().stream().anyMatch(PaymentSettings::enabled);
        }
    }

    /** Every shop's payment settings; a bad value stops start-up naming its key. */
    public static Shops loadAll(ConfigSource source, List<? extends ShopSettings> shops, boolean demo) {
        Map<String, PaymentSettings> all = new LinkedHashMap<>();
        for (ShopSettings shop : shops) {
            all.put(shop.id(), load(source, shop.id(), demo));
        }
        return new Shops(all);
    }

    /** Defaults: on in demo (the demo agreement's journal 1 and clearing account), off in live mode until set up. */
    public static PaymentSettings load(ConfigSource source, String shopId, boolean demo) {
        String p = "shop." + shopId + ".payments.";
        Map<String, OptionalInt> contra = new LinkedHashMap<>();
        String listed = source.get(p + "contra-accounts").orElse("");
        for (String pair : listed.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException(p + "contra-accounts", "'" + pair.strip() + "' is not"
                        + " <payment method>=<account number or none>");
            }
            String method = pair.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            if (contra.containsKey(method)) {
                throw new ConfigurationException(p + "contra-accounts", "payment method " + method + " is listed twice");
            }
            contra.put(method, account(p + "contra-accounts", pair.substring(eq + 1)));
        }
        OptionalInt defaultContra = source.get(p + "default-contra-account")
                .map(v -> account(p + "default-contra-account", v))
                .orElse(demo ? OptionalInt.of(DEMO_CLEARING_ACCOUNT) : OptionalInt.empty());
        BigDecimal tolerance;
        String toleranceText = source.get(p + "amount-tolerance").orElse("0.05");
        try {
            tolerance = new BigDecimal(toleranceText);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(p + "amount-tolerance", "'" + toleranceText + "' is not an amount");
        }
        if (tolerance.signum() < 0) {
            throw new ConfigurationException(p + "amount-tolerance", "must not be negative");
        }
        Optional<LocalDate> from;
        try {
            // The demo's store starts empty, so every capture of the run is the demo's to show.
            from = source.get(p + "from").map(LocalDate::parse).or(() -> demo ? Optional.of(LocalDate.EPOCH)
                    : Optional.empty());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(p + "from", "'" + source.get(p + "from").orElse("")
                    + "' is not a date (YYYY-MM-DD)");
        }
        int journal = SettingReader.positiveInt(source, p + "journal", 1);
        Duration unmatched = SettingReader.duration(source, p + "unmatched-after", "14d");
        return new PaymentSettings(SettingReader.bool(source, p + "enabled", demo), SettingReader.duration(source, p + "poll-interval", "5m"),
                journal, contra, defaultContra, unmatched, tolerance, from,
                SettingReader.duration(source, p + "settle-interval", "1h"));
    }

    /** The clearing account of the simulated demo agreement's journal 1 (its default customer payment contra). */
    public static final int DEMO_CLEARING_ACCOUNT = 5820;

    /** On, journal 1, every method on {@code contra}, every capture however old; for tests. */
    public static PaymentSettings enabled(int contra) {
        return new PaymentSettings(true, Duration.ofMinutes(5), 1, Map.of(), OptionalInt.of(contra),
                Duration.ofDays(14), new BigDecimal("0.05"), Optional.of(LocalDate.EPOCH), Duration.ofHours(1));
    }

    public PaymentSettings withContraAccounts(Map<String, OptionalInt> byMethod, OptionalInt otherwise) {
        return new PaymentSettings(enabled, pollInterval, journalNumber, byMethod, otherwise, unmatchedAfter,
                amountTolerance, from, settleInterval);
    }

    public PaymentSettings withUnmatchedAfter(Duration after) {
        return new PaymentSettings(enabled, pollInterval, journalNumber, contraAccounts, defaultContra, after,
                amountTolerance, from, settleInterval);
    }

    private static OptionalInt account(String key, String value) {
        String text = value.strip();
        if (text.equalsIgnoreCase(NOT_REGISTERED)) {
            return OptionalInt.empty();
        }
        try {
            int account = Integer.parseInt(text);
            if (account >= 1) {
                return OptionalInt.of(account);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key, "'" + text + "' is neither an account number nor none");
    }
}
