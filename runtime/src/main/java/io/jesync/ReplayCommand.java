package io.jesync;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;


import io.jesync.settings.RuntimeSettings;
import io.jesync.json.Json;
import io.jesync.order.OrderReplay;
import io.jesync.plugin.CamelPluginRoutes;
import io.jesync.plugin.PluginBody;
import io.jesync.plugin.PluginFolder;
import io.jesync.plugin.PluginPoints;
import io.jesync.shop.ShopPlatforms;
import io.jesync.store.Database;
import io.jesync.order.OrderLedger;

/**
 * {@code --replay <shop>/<orderNo> [--plugins <folder>]}: prints the e-conomic document the order flow would send for
 * the order now (read afresh from the shop, with the plugins of the folder, default {@code plugins.routes-dir}) and
 * its difference from what was sent. Writes nothing. Exit 0 printed, 1 the order would be parked, 2 usage error or
 * unknown order.
 */
record ReplayCommand(String shopId, String orderNo, Optional<Path> plugins) {

    static Optional<ReplayCommand> parse(String[] args) {
        List<String> list = List.of(args);
        int replay = list.indexOf("--replay");
        if (replay < 0) {
            return Optional.empty();
        }
        String order = replay + 1 < list.size() ? list.get(replay + 1) : "";
        int slash = order.indexOf('/');
        if (order.startsWith("--") || slash <= 0 || slash == order.length() - 1) {
            throw new IllegalArgumentException("--replay needs <shop>/<order number>, e.g. --replay se/1209002");
        }
        return Optional.of(new ReplayCommand(order.substring(0, slash), order.substring(slash + 1),
                CommandOptions.valueOf(list, "--plugins", "a folder, e.g. --plugins routes/").map(Path::of)));
    }

    int run(RuntimeSettings settings, Database database, Path defaultFolder, PrintStream out) throws Exception {
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.economic().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Path folder = plugins.orElse(defaultFolder);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("pluginBody", new PluginBody());
            camel.start();
            if (Files.isDirectory(folder)) {
                out.println("Plugins from " + folder + ": " + PluginFolder.load(camel, folder).size() + " file(s)");
            } else if (plugins.isPresent()) {
                throw new IllegalArgumentException("no plugin folder " + folder);
            }
            OrderReplay.Result result;
            try {
                result = new OrderReplay(settings, new OrderLedger(database, clock),
                        ShopPlatforms.connect(settings.shops(), settings.shopClient().newHttpClient(),
                                settings.shopClient().readTimeout(), clock),
                        new PluginPoints(new CamelPluginRoutes(camel))).replay(shopId, orderNo);
            } catch (IllegalArgumentException e) {
                out.println("Cannot replay: " + e.getMessage());
                return Bootstrap.CONFIGURATION_ERROR;
            }
            if (result.parked() != null) {
                out.println("Order " + result.item() + " would be parked: " + result.parked());
                return 1;
            }
            out.println("Order " + result.item() + " would be sent as:");
            out.println(Json.pretty().writeValueAsString(result.document()));
            if (result.sent() == null) {
                out.println("Nothing was sent for it yet.");
            } else if (result.differences().isEmpty()) {
                out.println("The same as what was sent.");
            } else {
                out.println("Differences from what was sent:");
                result.differences().forEach(line -> out.println("  " + line));
            }
            return 0;
        }
    }
}
