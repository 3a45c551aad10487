package io.jesync.stock;

import java.net.http.HttpClient;
import java.time.Clock;

import io.jesync.config.EconomicSettings;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.RetryPolicy;
import io.jesync.economic.Sleeper;
import io.jesync.shop.ShopCatalogPort;
import io.jesync.observe.ApiCallMeter;
import io.jesync.store.Database;
import io.jesync.store.WatermarkStore;

/** The parts of the stock and price flow, put together once for the runtime and for tests. */
public record StockPriceAssembly(StockPriceFlow flow, EconomicCatalogReader reader, ShopCatalogPort writer,
                                 ArticleSyncStore store) {

    /**
     * @param economic the REST client the other flows use; its governor paces the OpenAPI client too, because the
     *                 two hosts share one bucket and one daily budget
     */
    public static StockPriceAssembly create(RuntimeSettings settings, Database database, EconomicClient economic,
                                            HttpClient http, ShopCatalogPort writer, Clock clock, Sleeper sleeper) {
        return create(settings, database, economic, http, writer, clock, sleeper, io.jesync.plugin.PluginPoints.NONE);
    }

    /** @param plugins the stock-mapped and price-mapped plugins */
    public static StockPriceAssembly create(RuntimeSettings settings, Database database, EconomicClient economic,
                                            HttpClient http, ShopCatalogPort writer, Clock clock, Sleeper sleeper,
                                            io.jesync.plugin.PluginPoints plugins) {
        EconomicSettings rest = settings.economic();
        EconomicSettings openApiSettings = new EconomicSettings(settings.stockSync().openApiBaseUrl(),
                rest.appSecretToken(), rest.agreementGrantToken(), rest.dailyCallBudget(), rest.connectTimeout(),
                rest.readTimeout(), rest.outageProbeBase(), rest.outageProbeCap());
        ApiCallMeter meter = new ApiCallMeter(database, clock);
        EconomicClient openApi = new EconomicClient(openApiSettings, http, meter, clock, economic.governor(),
                RetryPolicy.standard(), java.util.random.RandomGenerator.getDefault(), sleeper);
        EconomicCatalogReader reader = new EconomicCatalogReader(economic, openApi);
        ArticleSyncStore store = new ArticleSyncStore(database, clock);
        StockPriceFlow.BudgetView budget = new StockPriceFlow.BudgetView() {
            @Override
            public long callsToday() {
                // The store's count covers every instance and flow; the governor's only this instance.
                return Math.max(meter.today("economic").calls(), economic.governor().callsToday());
            }

            @Override
            public int dailyBudget() {
                return rest.dailyCallBudget();
            }

            @Override
            public double bucketUsed() {
                return economic.governor().headroom().map(s -> s.used() / s.limit()).orElse(0.0);
            }
        };
        StockPriceFlow flow = new StockPriceFlow(settings.stockSync(), settings.shops(), reader, writer, store,
                new io.jesync.order.CustomerBindings(database, clock), new WatermarkStore(database, clock), budget, clock, sleeper,
                new StockPricePlugins(plugins));
        return new StockPriceAssembly(flow, reader, writer, store);
    }
}
