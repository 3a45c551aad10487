package io.jesync.product;

/** One shop's settings as the product flow reads them: the shop itself and the settings records of the flows it uses. */
public interface ShopSettings extends io.jesync.config.ShopSettings {
    ProductSettings products();
}
