package io.jesync.shop;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import io.jesync.config.ShopSettings;

/**
 * The catalogue ports of several platforms as one: every call names its shop and goes to that shop's platform, so
 * the product and stock flows need not know that shops may be on different platforms.
 */
final class RoutedCatalog implements ShopProductPort, ShopCatalogPort {
    private final Function<ShopSettings, ShopCatalog> catalogOf;

    private RoutedCatalog(Function<ShopSettings, ShopCatalog> catalogOf) {
        this.catalogOf = catalogOf;
    }

    static ShopCatalog of(Function<ShopSettings, ShopCatalog> catalogOf) {
        RoutedCatalog routed = new RoutedCatalog(catalogOf);
        return new ShopCatalog(routed, routed);
    }

    private ShopProductPort products(ShopSettings shop) {
        return catalogOf.apply(shop).products();
    }

    private ShopCatalogPort stockAndPrices(ShopSettings shop) {
        return catalogOf.apply(shop).stockAndPrices();
    }

    @Override
    public void allProducts(ShopSettings shop, Consumer<List<ShopProduct>> pages)
            throws IOException, InterruptedException {
        products(shop).allProducts(shop, pages);
    }

    @Override
    public List<ShopProduct> changedSince(ShopSettings shop, Instant since) throws IOException, InterruptedException {
        return products(shop).changedSince(shop, since);
    }

    @Override
    public List<ShopProduct> byArticleNumbers(ShopSettings shop, List<String> articleNumbers)
            throws IOException, InterruptedException {
        return products(shop).byArticleNumbers(shop, articleNumbers);
    }

    @Override
    public String submit(ShopSettings shop, List<ShopProduct> products, boolean create, Set<ShopProduct.Field> fields)
            throws IOException, InterruptedException {
        return products(shop).submit(shop, products, create, fields);
    }

    @Override
    public Optional<ImportOutcome> follow(ShopSettings shop, String reference, List<String> articleNumbers)
            throws IOException, InterruptedException {
        return products(shop).follow(shop, reference, articleNumbers);
    }

    @Override
    public Outcome setStock(ShopSettings shop, List<StockRow> rows) throws IOException, InterruptedException {
        return stockAndPrices(shop).setStock(shop, rows);
    }

    @Override
    public Outcome setPrices(ShopSettings shop, List<PriceRow> rows) throws IOException, InterruptedException {
        return stockAndPrices(shop).setPrices(shop, rows);
    }

    @Override
    public Outcome setCustomerPriceLists(ShopSettings shop, List<CustomerPriceListsRow> rows)
            throws IOException, InterruptedException {
        return stockAndPrices(shop).setCustomerPriceLists(shop, rows);
    }
}
