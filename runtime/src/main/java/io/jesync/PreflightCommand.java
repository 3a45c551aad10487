package io.jesync;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;


import io.jesync.settings.RuntimeSettings;
import io.jesync.economic.EconomicClient;
import io.jesync.json.Json;
import io.jesync.preflight.EconomicPreflight;
import io.jesync.preflight.Preflight;
import io.jesync.preflight.PreflightReport;
import io.jesync.shop.ShopPlatforms;
import io.jesync.observe.ApiCallMeter;
import io.jesync.store.Database;

/**
 * {@code --check [--json] [--report <file>]}: the preflight from the command line. It reads both tenants (nothing is
 * written to either), prints one line per problem (or the JSON report with {@code --json}), writes the JSON report to
 * {@code <file>} if asked, and exits with {@link PreflightReport#exitCode()}: 0 clean, 6 a problem stops a flow that
 * is switched on, 7 a system could not be checked, 8 problems only in flows that are switched off; 2 for a usage or
 * configuration error.
 */
record PreflightCommand(boolean json, Optional<Path> reportFile) {

    static Optional<PreflightCommand> parse(String[] args) {
        List<String> list = List.of(args);
        if (!list.contains("--check")) {
            return Optional.empty();
        }
        return Optional.of(new PreflightCommand(list.contains("--json"),
                CommandOptions.valueOf(list, "--report", "a file name, e.g. --report preflight.json").map(Path::of)));
    }

    int run(RuntimeSettings settings, Database database, PrintStream out) throws InterruptedException, IOException {
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.economic().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        EconomicClient economic = EconomicClient.standard(settings.economic(), http, new ApiCallMeter(database, clock),
                clock);
        PreflightReport report = new Preflight(settings, new EconomicPreflight(economic),
                ShopPlatforms.connect(settings.shops(), settings.shopClient().newHttpClient(),
                settings.shopClient().readTimeout(), clock).tenantCheck(), clock).run();
        if (reportFile.isPresent()) {
            Path file = reportFile.get().toAbsolutePath();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Json.pretty().writeValueAsString(report.toJson(Json.MAPPER)) + System.lineSeparator());
        }
        if (json) {
            out.println(Json.pretty().writeValueAsString(report.toJson(Json.MAPPER)));
        } else {
            report.lines().forEach(out::println);
            reportFile.ifPresent(file -> out.println("Report: " + file.toAbsolutePath()));
        }
        return report.exitCode();
    }
}
