package io.jesync.shop;

/** The catalogue side of one shop platform: its products, and its stock and prices. */
public record ShopCatalog(ShopProductPort products, ShopCatalogPort stockAndPrices) {
}
