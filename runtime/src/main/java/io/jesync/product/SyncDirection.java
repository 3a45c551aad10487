package io.jesync.product;

import java.util.Locale;

/** Which way an initial sync copies products. */
public enum SyncDirection {
    SHOP_TO_ECONOMIC("shop-to-economic", Owner.SHOP), ECONOMIC_TO_SHOP("economic-to-shop", Owner.ECONOMIC);

    private final String key;
    private final Owner source;

    SyncDirection(String key, Owner source) {
        this.key = key;
        this.source = source;
    }

    public String key() {
        return key;
    }

    public Owner source() {
        return source;
    }

    public static SyncDirection ofKey(String key) {
        for (SyncDirection d : values()) {
            if (d.key.equals(key == null ? "" : key.strip().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("the direction must be shop-to-economic or economic-to-shop, not '" + key
                + "'");
    }
}
