package io.jesync.config;

import java.util.List;

/** Finding one shop among the settings' shops, in whichever package's view of them the caller holds. */
public final class Shops {

    private Shops() {
    }

    /** The shop {@code shopId} among {@code shops}; a shop the settings do not name is the caller's mistake. */
    public static <S extends ShopSettings> S byId(List<? extends S> shops, String shopId) {
        for (S shop : shops) {
            if (shop.id().equals(shopId)) {
                return shop;
            }
        }
        throw new IllegalArgumentException("no shop " + shopId + " in the settings");
    }
}
