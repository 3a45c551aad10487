package io.jesync.product;

import io.jesync.plugin.PluginException;
import io.jesync.plugin.PluginPoint;
import io.jesync.plugin.PluginPoints;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.economic.EconomicClient;
import io.jesync.product.ProductStore;
import io.jesync.store.WatermarkStore;

/**
 * The scheduled product flow of one shop, in the direction {@code sync.mode} gives products: changes since the
 * watermark minus the overlap are read, compared with the other side on the fields the source owns and written
 * only where they differ, so the overlap and e-conomic's stock-only {@code lastUpdated} moves cost no writes. A bad
 * product is parked with its reason and the rest go on; the watermark only moves when no product is left to
 * retry, so a product that hit an outage is read again on the next run.
 */
public final class ProductFlow {
    static final String SHOP_WATERMARK = "products-from-shop";
    static final String ECONOMIC_WATERMARK = "products-from-economic";

    /** What one run did, for logs and tests. */
    public record RunSummary(int read, int created, int updated, int unchanged, int parked) {
    }

    private final RuntimeSettings settings;
    private final ProductStore store;
    private final ProductWrites writes;
    private final WatermarkStore watermarks;
    private final Clock clock;
    private final PluginPoints plugins;

    public ProductFlow(RuntimeSettings settings, ProductStore store, ProductWrites writes, WatermarkStore watermarks,
                       Clock clock, PluginPoints plugins) {
        this.plugins = plugins;
        this.settings = settings;
        this.store = store;
        this.writes = writes;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    public RunSummary poll(String shopId) throws IOException, InterruptedException {
        return shopIsMaster(shopId) ? shopToEconomic(shopId) : economicToShop(shopId);
    }

    /** Which way products go for the shop ({@code sync.mode}): true when the shop is their master. */
    public boolean shopIsMaster(String shopId) {
        return shop(shopId).products().ownership().productMaster() == Owner.SHOP;
    }

    /** Step {@code products-to-economic}: the shop's changed products written to e-conomic. */
    public RunSummary shopToEconomic(String shopId) throws IOException, InterruptedException {
        return shopToEconomic(shop(shopId));
    }

    /** Step {@code products-to-shop}: e-conomic's changed products written to the shop. */
    public RunSummary economicToShop(String shopId) throws IOException, InterruptedException {
        return economicToShop(shop(shopId));
    }

    private ShopSettings shop(String shopId) {
        return settings.shops().stream().filter(s -> s.id().equals(shopId)).findFirst().orElseThrow();
    }

    RunSummary shopToEconomic(ShopSettings shop) throws IOException, InterruptedException {
        ProductSettings ps = shop.products();
        Instant now = clock.instant();
        Instant since = since(SHOP_WATERMARK, shop, now);
        List<Product> changed = writes.shop().changedSince(shop, since).stream()
                .map(p -> ShopProducts.fromShop(p, ps)).toList();
        Set<ProductField> owned = ps.ownership().ownedBy(Owner.SHOP);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int parked = 0;
        Instant max = null;
        Map<String, JsonNode> inEconomic = Map.of();
        for (int i = 0; i < changed.size(); i++) {
            Product mapped = changed.get(i);
            if (i % EconomicClient.MAX_IN_VALUES == 0) {
                // One $in read per 200 changed products instead of a GET each. A product the answer misses is
                // created, and a create e-conomic refuses as a duplicate is read and merged instead (ProductWrites).
                inEconomic = writes.economic().findProducts(changed.subList(i, Math.min(changed.size(),
                        i + EconomicClient.MAX_IN_VALUES)).stream().map(Product::articleNumber).toList());
            }
            max = later(max, mapped.updated());
            Optional<Product> plugged = plugged(shop, mapped, "shop-to-economic", "e-conomic");
            if (plugged.isEmpty()) {
                parked++;
                continue;
            }
            Product product = plugged.get();
            Optional<ProductProblem> problem = ProductValidator.check(product, ps, true);
            if (problem.isPresent()) {
                parked += park(shop, product, problem.get(), "e-conomic");
                continue;
            }
            Optional<JsonNode> existing = Optional.ofNullable(inEconomic.get(product.articleNumber()));
            if (existing.isPresent()) {
                Product current = EconomicProductMapper.fromEconomic(existing.get(), ps);
                if (product.differences(current, InitialSync.comparable(owned, current)).isEmpty()) {
                    unchanged++;
                    store.resolve(shop.id(), product.articleNumber());
                    continue;
                }
            }
            ProductWrites.Written written = writes.toEconomic(product, existing, owned, ps, "product-sync:"
                    + shop.id() + ":" + product.articleNumber() + ":" + stamp(product.updated()));
            if (written.problem().isPresent()) {
                parked += park(shop, product, written.problem().get(), "e-conomic");
                continue;
            }
            store.resolve(shop.id(), product.articleNumber());
            store.trace(List.of(trace(shop, written, "shop", "e-conomic")));
            if (written.created()) {
                created++;
            } else {
                updated++;
            }
        }
        watermarks.advance(SHOP_WATERMARK, shop.id(), max == null ? since : max);
        return new RunSummary(changed.size(), created, updated, unchanged, parked);
    }

    RunSummary economicToShop(ShopSettings shop) throws IOException, InterruptedException {
        ProductSettings ps = shop.products();
        Instant now = clock.instant();
        Instant since = since(ECONOMIC_WATERMARK, shop, now);
        List<JsonNode> changedJson = writes.economic().listAll("/products", "lastUpdated$gte:"
                + since.truncatedTo(ChronoUnit.SECONDS));
        Set<ProductField> owned = InitialSync.toShop(ps.ownership().ownedBy(Owner.ECONOMIC));
        List<Product> creates = new ArrayList<>();
        List<Product> updates = new ArrayList<>();
        int unchanged = 0;
        int parked = 0;
        Instant max = null;
        List<Product> valid = new ArrayList<>();
        for (JsonNode json : changedJson) {
            Product mapped = EconomicProductMapper.fromEconomic(json, ps).forShop();
            max = later(max, mapped.updated());
            Optional<Product> plugged = plugged(shop, mapped, "economic-to-shop", "shop");
            if (plugged.isEmpty()) {
                parked++;
                continue;
            }
            Product product = plugged.get();
            Optional<ProductProblem> problem = ProductValidator.check(product, ps, false);
            if (problem.isPresent()) {
                parked += park(shop, product, problem.get(), "shop");
            } else {
                valid.add(product);
            }
        }
        Map<String, Product> inShop = shopProducts(shop, valid);
        for (Product product : valid) {
            Product current = inShop.get(product.articleNumber());
            if (current == null) {
                creates.add(product);
            } else if (product.differences(current, owned).isEmpty()) {
                unchanged++;
                store.resolve(shop.id(), product.articleNumber());
            } else {
                updates.add(product);
            }
        }
        int[] counts = new int[2];
        parked += importAll(shop, creates, true, owned, counts);
        parked += importAll(shop, updates, false, owned, counts);
        watermarks.advance(ECONOMIC_WATERMARK, shop.id(), max == null ? since : max);
        return new RunSummary(changedJson.size(), counts[0], counts[1], unchanged, parked);
    }

    private int importAll(ShopSettings shop, List<Product> products, boolean create, Set<ProductField> owned,
                          int[] counts) throws IOException, InterruptedException {
        int parked = 0;
        int size = shop.products().importBatchSize();
        for (int from = 0; from < products.size(); from += size) {
            List<Product> batch = products.subList(from, Math.min(products.size(), from + size));
            for (ProductWrites.Written written : writes.toShop(shop, batch, create, owned, reference -> { })) {
                Product product = batch.stream().filter(p -> p.articleNumber().equals(written.articleNumber()))
                        .findFirst().orElseThrow();
                if (written.problem().isPresent()) {
                    parked += park(shop, product, written.problem().get(), "shop");
                } else {
                    store.resolve(shop.id(), product.articleNumber());
                    store.trace(List.of(trace(shop, written, "e-conomic", "shop")));
                    counts[create ? 0 : 1]++;
                }
            }
        }
        return parked;
    }

    /** The shop's SKUs among {@code products}, asked for 100 article numbers at a time. */
    private Map<String, Product> shopProducts(ShopSettings shop, List<Product> products)
            throws IOException, InterruptedException {
        List<String> parts = products.stream().map(Product::articleNumber).toList();
        Map<String, Product> found = new java.util.HashMap<>();
        for (int from = 0; from < parts.size(); from += 100) {
            for (io.jesync.shop.ShopProduct sku : writes.shop().byArticleNumbers(shop, parts.subList(from,
                    Math.min(parts.size(), from + 100)))) {
                Product p = ShopProducts.fromShop(sku, shop.products());
                found.put(p.articleNumber(), p);
            }
        }
        return found;
    }

    private Instant since(String flow, ShopSettings shop, Instant now) {
        return watermarks.getInstant(flow, shop.id()).map(mark -> mark.minus(shop.products().overlap()))
                .orElse(now.minus(shop.products().initialLookback()));
    }

    /** The product as the product-mapped plugins leave it, or empty when one of them failed and it was parked. */
    private Optional<Product> plugged(ShopSettings shop, Product product, String direction, String target) {
        try {
            return Optional.of(plugins.apply(PluginPoint.PRODUCT_MAPPED, shop.id() + "/" + product.articleNumber(),
                    product, Product.class, Map.of("direction", direction)));
        } catch (PluginException e) {
            park(shop, product, new ProductProblem(ProductProblem.Code.PLUGIN, product.articleNumber(),
                    e.point().endpoint(), e.plugin().routeId(), "Article " + product.articleNumber() + ": "
                    + e.getMessage() + ". Fix the plugin or remove its file; the article is synchronised again when"
                    + " it next changes."), target);
            return Optional.empty();
        }
    }

    private int park(ShopSettings shop, Product product, ProductProblem problem, String target) {
        store.park(shop.id(), product.articleNumber() == null ? "" : product.articleNumber(), problem.message(),
                ProductJson.toJson(product).toString());
        store.trace(List.of(new ProductStore.TraceEntry(shop.id(), String.valueOf(product.articleNumber()),
                clock.instant(), target.equals("shop") ? "e-conomic" : "shop", target, "PARKED", null, "incremental",
                problem.message())));
        return 1;
    }

    private ProductStore.TraceEntry trace(ShopSettings shop, ProductWrites.Written written, String writer,
                                          String target) {
        return new ProductStore.TraceEntry(shop.id(), written.articleNumber(), clock.instant(), writer, target,
                written.created() ? "CREATED" : "UPDATED", written.fields().stream().map(ProductField::key).sorted()
                .collect(Collectors.joining(",")), "incremental", null);
    }

    private static Instant later(Instant a, Instant b) {
        return b == null ? a : a == null || b.isAfter(a) ? b : a;
    }

    private static String stamp(Instant updated) {
        return updated == null ? "0" : Long.toString(updated.getEpochSecond());
    }
}
