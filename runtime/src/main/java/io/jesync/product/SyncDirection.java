package io.jesync.product;

import io.jesync.config.EnumKeys;

/** Which way an initial sync copies products. */
public enum SyncDirection {
    SHOP_TO_ECONOMIC(Owner.SHOP), ECONOMIC_TO_SHOP(Owner.ECONOMIC);

    private final Owner source;

    SyncDirection(Owner source) {
        this.source = source;
    }

    public String key() {
        return EnumKeys.key(this);
    }

    public Owner source() {
        return source;
    }

    public static SyncDirection ofKey(String key) {
        return EnumKeys.find(SyncDirection.class, key).orElseThrow(() -> new IllegalArgumentException(
                "the direction must be shop-to-economic or economic-to-shop, not '" + key + "'"));
    }
}
