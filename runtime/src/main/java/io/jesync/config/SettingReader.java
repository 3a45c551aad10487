package io.jesync.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and checks single settings. A bad value is reported to the source as one {@link ConfigurationException}
 * naming the key, and the default (or a stand-in) takes its place so the rest of the settings are still checked;
 * the load fails at its end with every problem found.
 */
public final class SettingReader {
    private SettingReader() {
    }

    /** Stands in for a required URL that is missing or malformed; never used, as the load then fails. */
    private static final URI UNSET = URI.create("http://unset.invalid");

    public static String required(ConfigSource source, String key) {
        return source.attempt(() -> source.get(key).orElseThrow(() -> new ConfigurationException(key, "is missing: "
                + "set it in application.properties or as " + ConfigSource.environmentVariable(key))), "");
    }

    public static Secret requiredSecret(ConfigSource source, String key) {
        return source.attempt(() -> source.secret(key).orElseThrow(() -> new ConfigurationException(key,
                "is missing: set the environment variable " + ConfigSource.environmentVariable(key) + " or point "
                + key + "-file at a file that holds it")), Secret.of("unset"));
    }

    public static Optional<URI> url(ConfigSource source, String key, boolean required) {
        return source.attempt(() -> strictUrl(source, key, required), required ? Optional.of(UNSET)
                : Optional.empty());
    }

    private static Optional<URI> strictUrl(ConfigSource source, String key, boolean required) {
        Optional<String> value = source.get(key);
        if (value.isEmpty()) {
            if (required) {
                throw new ConfigurationException(key, "is missing: set it in application.properties or as "
                        + ConfigSource.environmentVariable(key));
            }
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.get());
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new ConfigurationException(key, "'" + value.get() + "' is not an absolute http(s) URL");
            }
            if (uri.getUserInfo() != null) {
                throw new ConfigurationException(key, "must not carry credentials in the URL; use the credential "
                        + "settings instead");
            }
            String text = uri.toString();
            return Optional.of(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, "'" + value.get() + "' is not a valid URL");
        }
    }

    public static List<Integer> intList(ConfigSource source, String key) {
        return source.attempt(() -> strictIntList(source, key), List.of());
    }

    private static List<Integer> strictIntList(ConfigSource source, String key) {
        String value = source.get(key).orElseThrow(() -> new ConfigurationException(key, "is missing: set it in "
                + "application.properties or as " + ConfigSource.environmentVariable(key)));
        List<Integer> numbers = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                int number = Integer.parseInt(part.trim());
                if (number <= 0) {
                    throw new NumberFormatException();
                }
                numbers.add(number);
            } catch (NumberFormatException e) {
                throw new ConfigurationException(key, "'" + value + "' is not a list of positive numbers, e.g. 1001,1002");
            }
        }
        return numbers;
    }

    public static int port(ConfigSource source, String key, int fallback) {
        return source.attempt(() -> strictPort(source, key, fallback), fallback);
    }

    private static int strictPort(ConfigSource source, String key, int fallback) {
        int port = intValue(source, key, fallback);
        if (port < 0 || port > 65_535) {
            throw new ConfigurationException(key, port + " is not a port number (0-65535)");
        }
        return port;
    }

    public static int nonNegativeInt(ConfigSource source, String key, int fallback) {
        return source.attempt(() -> atLeast(key, intValue(source, key, fallback), 0, "must be 0 or more"), fallback);
    }

    public static int positiveInt(ConfigSource source, String key, int fallback) {
        return source.attempt(() -> atLeast(key, intValue(source, key, fallback), 1, "must be greater than 0"),
                fallback);
    }

    private static int atLeast(String key, int value, int least, String rule) {
        if (value < least) {
            throw new ConfigurationException(key, rule + ", got " + value);
        }
        return value;
    }

    public static int intValue(ConfigSource source, String key, int fallback) {
        return source.attempt(() -> parsed(source, key, fallback, Integer::parseInt, "a whole number"), fallback);
    }

    public static long longValue(ConfigSource source, String key, long fallback) {
        return source.attempt(() -> parsed(source, key, fallback, Long::parseLong, "a whole number"), fallback);
    }

    public static double nonNegativeDecimal(ConfigSource source, String key, double fallback) {
        return source.attempt(() -> strictNonNegativeDecimal(source, key, fallback), fallback);
    }

    private static double strictNonNegativeDecimal(ConfigSource source, String key, double fallback) {
        double number = parsed(source, key, fallback, Double::parseDouble, "a number");
        if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
            throw new ConfigurationException(key, "must be 0 or more, got " + source.get(key).orElse(""));
        }
        return number;
    }

    /** The setting read by {@code parse}, or {@code fallback} when it is not set. */
    private static <T> T parsed(ConfigSource source, String key, T fallback, Function<String, T> parse, String what) {
        Optional<String> value = source.get(key);
        try {
            return value.map(parse).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "'" + value.get() + "' is not " + what);
        }
    }

    public static boolean bool(ConfigSource source, String key, boolean fallback) {
        return source.attempt(() -> strictBool(source, key, fallback), fallback);
    }

    private static boolean strictBool(ConfigSource source, String key, boolean fallback) {
        Optional<String> value = source.get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigurationException(key, "'" + value.get() + "' is neither true nor false");
        };
    }

    public static BigDecimal decimal(ConfigSource source, String key, String fallback) {
        return source.attempt(() -> strictDecimal(source, key, fallback), new BigDecimal(fallback));
    }

    private static BigDecimal strictDecimal(ConfigSource source, String key, String fallback) {
        String value = source.get(key).orElse(fallback);
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.signum() < 0) {
                throw new ConfigurationException(key, "must be 0 or more, got " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "'" + value + "' is not a number");
        }
    }

    /** {@code KEY:value,KEY:value} pairs, e.g. {@code FI:5,DE:6}. */
    public static Map<String, String> pairs(ConfigSource source, String key) {
        return source.attempt(() -> strictPairs(source, key), new LinkedHashMap<>());
    }

    private static Map<String, String> strictPairs(ConfigSource source, String key) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Optional<String> value = source.get(key);
        if (value.isEmpty()) {
            return pairs;
        }
        for (String part : value.get().split(",")) {
            String[] kv = part.split(":", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new ConfigurationException(key, "'" + part.strip() + "' is not a KEY:value pair (e.g. FI:5)");
            }
            pairs.put(kv[0].strip(), kv[1].strip());
        }
        return pairs;
    }

    public static int parsePositive(String key, String text) {
        try {
            int number = Integer.parseInt(text.strip());
            if (number <= 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "'" + text + "' is not a positive whole number");
        }
    }

    /**
     * A Quartz cron expression (seconds first, {@code ?} for the unused day field), checked now: a bad one would
     * otherwise only show when its route fails to start.
     */
    public static Optional<String> cron(ConfigSource source, String key) {
        return source.attempt(() -> {
            Optional<String> value = source.get(key);
            if (value.isPresent() && !org.quartz.CronExpression.isValidExpression(value.get())) {
                throw new ConfigurationException(key, "'" + value.get() + "' is not a Quartz cron expression (six or"
                        + " seven fields, seconds first, e.g. 0 */5 * * * ? for every five minutes)");
            }
            return value;
        }, Optional.empty());
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    /** {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT5M}; must be positive. */
    public static java.time.Duration duration(ConfigSource source, String key, String fallback) {
        return source.attempt(() -> strictDuration(source, key, fallback), parseDuration(key, fallback));
    }

    private static java.time.Duration strictDuration(ConfigSource source, String key, String fallback) {
        return parseDuration(key, source.get(key).orElse(fallback));
    }

    public static java.time.Duration parseDuration(String key, String given) {
        String text = given.strip();
        java.util.regex.Matcher simple = DURATION.matcher(text.toLowerCase(java.util.Locale.ROOT));
        java.time.Duration value;
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                value = switch (simple.group(2)) {
                    case "s" -> java.time.Duration.ofSeconds(amount);
                    case "m" -> java.time.Duration.ofMinutes(amount);
                    case "h" -> java.time.Duration.ofHours(amount);
                    default -> java.time.Duration.ofDays(amount);
                };
            } else {
                value = java.time.Duration.parse(text);
            }
        } catch (RuntimeException e) {
            throw new ConfigurationException(key, "'" + text + "' is not a duration (e.g. 30s, 5m, 2h or PT5M)");
        }
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException(key, "must be longer than zero, got " + text);
        }
        return value;
    }
}
