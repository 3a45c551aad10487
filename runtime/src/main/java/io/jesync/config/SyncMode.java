package io.jesync.config;

import java.util.Locale;

/**
 * The three flows of DESIGN.md: who owns products, and whether prices, stock and order status come back from
 * e-conomic. Orders always go from the shop to e-conomic.
 */
public enum SyncMode {
    /** #1: the shop owns products; nothing comes back. */
    ECOM_MASTER,
    /** #2: e-conomic owns products, prices and stock; status optional. */
    ERP_MASTER,
    /** #3: the shop owns products; e-conomic owns prices and stock; status optional. */
    COMBO;

    public static SyncMode parse(ConfigSource source) {
        String value = source.get("sync.mode").orElse("combo");
        try {
            return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("sync.mode", "'" + value + "' is not one of ecom-master, erp-master, combo");
        }
    }
}
