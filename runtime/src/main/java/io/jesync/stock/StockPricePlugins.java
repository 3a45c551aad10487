package io.jesync.stock;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import io.jesync.plugin.PluginException;
import io.jesync.plugin.PluginPoint;
import io.jesync.plugin.PluginPoints;
import io.jesync.shop.ShopStock;
import io.jesync.stock.StockPriceSettings.PriceListRule;
import io.jesync.stock.StockPriceSettings.PriceSource;

/**
 * The stock-mapped and price-mapped plugins on one shop value, shared by the flow and the drift reconciliation so
 * that both expect what the plugins make of e-conomic's figures.
 */
public final class StockPricePlugins {
    public static final StockPricePlugins NONE = new StockPricePlugins(PluginPoints.NONE);

    private final PluginPoints plugins;

    public StockPricePlugins(PluginPoints plugins) {
        this.plugins = plugins;
    }

    /** Whether any plugin is on either point now; without one, values need not be looked at. */
    boolean active() {
        return !plugins.on(PluginPoint.STOCK_MAPPED).isEmpty() || !plugins.on(PluginPoint.PRICE_MAPPED).isEmpty();
    }

    /** The shop's price lists by code, for {@link #apply}. */
    static Map<String, PriceListRule> lists(StockPriceSettings rules) {
        Map<String, PriceListRule> lists = new HashMap<>();
        rules.priceLists().forEach(l -> lists.put(l.code(), l));
        return lists;
    }

    /**
     * {@code v} as the plugins leave it. A special price being switched off and a price that is not above 0 pass by.
     *
     * @throws PluginException a plugin failed or broke the point's rules
     */
    ShopArticleValue apply(io.jesync.config.ShopSettings shop, Map<String, PriceListRule> lists, ShopArticleValue v) {
        String item = shop.id() + "/" + v.articleNo();
        Map<String, String> context = Map.of("shopId", shop.id(), "direction", "economic-to-shop");
        String code = priceList(v);
        if (v.kind().equals(ShopArticleValue.ONHAND) && !plugins.on(PluginPoint.STOCK_MAPPED).isEmpty()) {
            ShopStock figures = ShopStock.parse(v.wanted());
            MappedStock mapped = plugins.apply(PluginPoint.STOCK_MAPPED, item, new MappedStock(v.articleNo(),
                    figures.onhand(), figures.incoming(), figures.leadTimeDays()), MappedStock.class, context);
            return wanting(v, new ShopStock(mapped.onhand(), mapped.incoming(), mapped.leadTimeDays()).canonical());
        }
        if (code != null && lists.containsKey(code) && !v.wanted().equals(PriceRules.INACTIVE)
                && new BigDecimal(v.wanted()).signum() > 0 && !plugins.on(PluginPoint.PRICE_MAPPED).isEmpty()) {
            PriceListRule list = lists.get(code);
            MappedPrice mapped = plugins.apply(PluginPoint.PRICE_MAPPED, item, new MappedPrice(v.articleNo(), code,
                    list.source() == PriceSource.CURRENCY ? list.currency() : null, list.inclVat(),
                    new BigDecimal(v.wanted())), MappedPrice.class, context);
            return wanting(v, PriceRules.canonical(mapped.amount()));
        }
        return v;
    }

    /** The price list of a price value, or null for any other kind. */
    static String priceList(ShopArticleValue v) {
        return v.kind().startsWith(ShopArticleValue.PRICE_PREFIX)
                ? v.kind().substring(ShopArticleValue.PRICE_PREFIX.length()) : null;
    }

    private static ShopArticleValue wanting(ShopArticleValue v, String wanted) {
        return new ShopArticleValue(v.kind(), v.articleNo(), v.sourceUpdated(), wanted, v.pendingQty());
    }
}
