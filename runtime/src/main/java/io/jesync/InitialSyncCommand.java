package io.jesync;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.jesync.settings.ShopSettings;
import io.jesync.settings.RuntimeSettings;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.Sleeper;
import io.jesync.product.InitialSync;
import io.jesync.product.ProductFlowAssembly;
import io.jesync.product.Progress;
import io.jesync.product.SyncDirection;
import io.jesync.shop.ShopPlatforms;
import io.jesync.observe.ApiCallMeter;
import io.jesync.store.Database;

/**
 * {@code --initial-sync shop-to-economic|economic-to-shop [--dry-run] [--shop <id>]}: the initial product sync from
 * the command line. Exit code 0 when done with nothing for a person, 4 when done but products are invalid, in
 * conflict or refused (see the report), 5 when stopped early (run the same command again to resume), 2 for a
 * usage or configuration error.
 */
record InitialSyncCommand(SyncDirection direction, boolean dryRun, Optional<String> shopId) {

    static Optional<InitialSyncCommand> parse(String[] args) {
        List<String> list = List.of(args);
        if (!list.contains("--initial-sync")) {
            return Optional.empty();
        }
        String direction = CommandOptions.valueOf(list, "--initial-sync",
                "a direction: shop-to-economic or economic-to-shop").orElseThrow();
        return Optional.of(new InitialSyncCommand(SyncDirection.ofKey(direction), list.contains("--dry-run"),
                CommandOptions.valueOf(list, "--shop", "a shop id")));
    }

    int run(RuntimeSettings settings, Database database, PrintStream out) {
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.economic().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        EconomicClient economic = EconomicClient.standard(settings.economic(), http, new ApiCallMeter(database, clock),
                clock);
        ProductFlowAssembly products = ProductFlowAssembly.create(settings, database, economic,
                ShopPlatforms.connect(settings.shops(), settings.shopClient().newHttpClient(),
                settings.shopClient().readTimeout(), clock).catalog(Sleeper.REAL).products(), clock);
        List<ShopSettings> shops = settings.shops().stream()
                .filter(s -> shopId.isEmpty() || s.id().equals(shopId.get())).toList();
        if (shops.isEmpty()) {
            throw new IllegalArgumentException("no shop '" + shopId.orElse("") + "' in shops=" + settings.shops()
                    .stream().map(ShopSettings::id).toList());
        }
        int exit = 0;
        for (ShopSettings shop : shops) {
            out.println("Initial sync of shop " + shop.id() + ": " + direction.key() + (dryRun ? " (dry run)" : ""));
            InitialSync.Result result = products.initialSync().run(shop, direction, dryRun,
                    Progress.console(out, System.console() != null));
            result.report().ifPresent(report -> {
                out.print(report.summary(20));
                out.println("Report: " + shop.products().reportsDir().resolve("initial-sync-" + result.runId()
                        + ".json") + " and .txt");
            });
            out.println("Run " + result.runId() + ": " + result.message());
            exit = Math.max(exit, result.outcome().exitCode);
        }
        return exit;
    }
}
