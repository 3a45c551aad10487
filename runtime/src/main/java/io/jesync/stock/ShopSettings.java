package io.jesync.stock;

/** One shop's settings as the stock and price flow reads them: the shop itself and the settings records of the flows it uses. */
public interface ShopSettings extends io.jesync.config.ShopSettings {
    StockPriceSettings stockPrices();
}
