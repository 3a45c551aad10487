package io.jesync.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings, the admin API, the ledgers and the trace name an enum's constants by their kebab-case name
 * ({@code ORDER_SENT} is {@code order-sent}), so the key follows from the constant and cannot drift from it.
 */
public final class EnumKeys {
    private EnumKeys() {
    }

    public static String key(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant named by {@code key}, whatever its case and surrounding white space; empty for null. */
    public static <E extends Enum<E>> Optional<E> find(Class<E> type, String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(constant -> key(constant).equals(wanted)).findFirst();
    }
}
