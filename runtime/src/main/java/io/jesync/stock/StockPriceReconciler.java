package io.jesync.stock;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jesync.stock.StockPriceSettings.PriceListRule;
import io.jesync.stock.StockPriceSettings.PriceSource;
import io.jesync.reconcile.DayReconciler;
import io.jesync.reconcile.Finding;
import io.jesync.shop.ShopStock;
import io.jesync.stock.ArticleSyncStore.SyncedValue;

/**
 * Stock and price drift of one shop, as of now (the day is only the run's label): what e-conomic's products give
 * today (one paged {@code /products} listing, 1,000 per call, turned into the shop's values by the flow's own rules)
 * against what the flow last pushed to the shop. Each page is compared with the stored values of its own articles
 * only, so the run holds one page whatever the catalogue's size. The shop itself is not read: neither the Norce Query
 * API as the reference knows it nor the simulator shows on-hand or price-list values [GAP], so a value changed in the
 * shop behind the flow's back is not seen here; the fix (a re-push) puts it right all the same. Base price lists only:
 * currency and price-group prices need the OpenAPI price scan, which the flow runs on its own interval.
 */
public final class StockPriceReconciler implements DayReconciler {
    /** Beyond this the run lists a summary instead: a catalogue-wide drift is one cause, not 100,000 findings. */
    static final int MAX_FINDINGS = 500;

    private final EconomicCatalogReader reader;
    private final ArticleSyncStore store;
    private final StockPricePlugins plugins;

    public StockPriceReconciler(EconomicCatalogReader reader, ArticleSyncStore store) {
        this(reader, store, StockPricePlugins.NONE);
    }

    /** @param plugins the stock-mapped and price-mapped plugins the flow runs, so their changes are no drift */
    public StockPriceReconciler(EconomicCatalogReader reader, ArticleSyncStore store, StockPricePlugins plugins) {
        this.reader = reader;
        this.store = store;
        this.plugins = plugins;
    }

    @Override
    public String kind() {
        return "stock-prices";
    }

    @Override
    public boolean appliesTo(io.jesync.reconcile.ShopSettings shop) {
        return shop.flow(StockPriceSettings.class).enabled();
    }

    @Override
    public Result reconcile(io.jesync.reconcile.ShopSettings shop, LocalDate day) {
        StockPriceSettings rules = shop.flow(StockPriceSettings.class);
        Map<String, BigDecimal> pending = Map.of();
        if (rules.stockEnabled() && rules.subtractPendingOrders()) {
            Set<String> states = new LinkedHashSet<>();
            rules.pendingStates().forEach(state -> states.add(state.name()));
            pending = store.pendingOrderQuantities(shop.id(), states);
        }
        Map<String, BigDecimal> pendingByArticle = pending;
        Map<String, PriceListRule> lists = StockPricePlugins.lists(rules);
        List<Finding> findings = new ArrayList<>();
        int[] counts = new int[3];
        reader.all(page -> {
            counts[0] += page.size();
            Map<String, SyncedValue> synced = store.stockAndPriceValues(shop.id(),
                    page.stream().map(ArticleReading::articleNo).toList());
            for (ArticleReading r : page) {
                for (Map.Entry<String, String> expected : plugged(shop, lists, r, expected(r, pendingByArticle, rules))
                        .entrySet()) {
                    counts[1]++;
                    SyncedValue stored = synced.get(expected.getKey() + " " + r.articleNo());
                    if (drifts(expected.getValue(), stored)) {
                        counts[2]++;
                        if (findings.size() < MAX_FINDINGS) {
                            findings.add(finding(shop.id(), expected.getKey(), r, expected.getValue(), stored,
                                    pendingByArticle.getOrDefault(r.articleNo(), BigDecimal.ZERO)));
                        }
                    }
                }
            }
        });
        if (counts[2] > MAX_FINDINGS) {
            findings.add(new Finding(findings.get(0).kind(), null, (counts[2] - MAX_FINDINGS)
                    + " more values of shop " + shop.id() + " drift (only the first " + MAX_FINDINGS + " are listed).",
                    "So many values at once usually have one cause (a shop import failing, a price rule changed): "
                            + "check GET /api/parked-items?kind=STOCK and the flow's log; the nightly full read "
                            + "queues every value that differs from e-conomic.", null, null, null, null, null));
        }
        return new Result(0, counts[1], counts[0], findings);
    }

    /** The shop's values from one reading, as the flow computes them: kind to canonical value. */
    private static Map<String, String> expected(ArticleReading r, Map<String, BigDecimal> pending,
                                                StockPriceSettings rules) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rules.stockEnabled()) {
            BigDecimal subtracted = rules.subtractPendingOrders()
                    ? pending.getOrDefault(r.articleNo(), BigDecimal.ZERO) : BigDecimal.ZERO;
            values.put(ShopArticleValue.ONHAND, StockRules.shopStock(r, subtracted, rules).canonical());
        }
        // A price of 0 is never sent (Norce ignores it), so there is nothing to compare.
        if (rules.pricesEnabled() && r.salesPrice() != null && r.salesPrice().signum() > 0) {
            for (PriceListRule list : rules.priceLists()) {
                if (list.source() == PriceSource.BASE) {
                    values.put(ShopArticleValue.priceKind(list.code()), PriceRules.canonical(PriceRules.shopPrice(
                            r.salesPrice(), rules.vatRate(r.productGroup()), list)));
                }
            }
        }
        return values;
    }

    /** What the plugins make of the expected values; one a plugin fails on stays e-conomic's (the flow parked it). */
    private Map<String, String> plugged(io.jesync.config.ShopSettings shop, Map<String, PriceListRule> lists, ArticleReading r,
                                        Map<String, String> values) {
        if (!plugins.active()) {
            return values;
        }
        Map<String, String> plugged = new LinkedHashMap<>();
        values.forEach((kind, value) -> {
            try {
                plugged.put(kind, plugins.apply(shop, lists, new ShopArticleValue(kind, r.articleNo(), r.lastUpdated(),
                        value, BigDecimal.ZERO)).wanted());
            } catch (io.jesync.plugin.PluginException e) {
                plugged.put(kind, value);
            }
        });
        return plugged;
    }

    /** A value on its way (queued with e-conomic's figure) is not drift; one refused by the shop is. */
    private static boolean drifts(String expected, SyncedValue stored) {
        if (stored == null) {
            return true;
        }
        if (expected.equals(stored.pushed())) {
            return false;
        }
        return !(stored.dirty() && expected.equals(stored.wanted()));
    }

    private static Finding finding(String shopId, String kind, ArticleReading r, String expected, SyncedValue stored,
                                   BigDecimal pending) {
        boolean stock = kind.equals(ShopArticleValue.ONHAND);
        String economic = stock ? ShopStock.parse(expected).onhand().toPlainString() : expected;
        String pushed = stored == null || stored.pushed() == null ? null
                : stock ? ShopStock.parse(stored.pushed()).onhand().toPlainString() : stored.pushed();
        Map<String, String> values = new HashMap<>();
        values.put("economic", economic);
        values.put("pushed", pushed);
        values.put("shop", null);
        String what = stock ? "on-hand stock" : "price in list " + kind.substring(ShopArticleValue.PRICE_PREFIX.length());
        StringBuilder detail = new StringBuilder("Article ").append(r.articleNo()).append(", shop ").append(shopId)
                .append(": ").append(what).append(" from e-conomic now ").append(economic);
        if (stock) {
            detail.append(" (stock figure less ").append(pending.stripTrailingZeros().toPlainString())
                    .append(" on pending shop orders)");
        }
        detail.append(pushed == null ? ", never pushed to the shop" : ", last pushed " + pushed);
        if (stored != null && stored.reason() != null) {
            detail.append("; the shop refused it: ").append(stored.reason());
        } else if (stored != null && !expected.equals(stored.wanted())) {
            detail.append("; the flow has not read e-conomic's change yet");
        }
        detail.append(". The shop's own value is not read (no API for it).");
        String path = "/api/stock-prices/" + segment(shopId) + "/" + segment(r.articleNo()) + "/repush";
        return new Finding(stock ? Finding.Kind.STOCK_DRIFT : Finding.Kind.PRICE_DRIFT, null, detail.toString(),
                stored != null && stored.reason() != null
                        ? "Fix what the shop refused (see GET /api/parked-items), then queue a re-push."
                        : "Queue a re-push: the next tick reads the article from e-conomic and sends the shop its stock "
                        + "and prices.", "POST", path, null, r.articleNo(), values);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
