package io.jesync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.json.Json;

/** {@code --benchmark} at a small size: every section runs, the table and the JSON agree, the goals on calls hold. */
class BenchmarkTest {
    @TempDir
    Path tempDir;

    @Test
    void a_small_run_prints_the_tables_and_writes_every_figure_as_json() throws Exception {
        Path file = tempDir.resolve("bench.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = Benchmark.run(new String[] {"--benchmark", "--benchmark-out", file.toString(),
                "--benchmark-scale", "0.003", "--benchmark-orders", "20", "--benchmark-day-orders", "480",
                "--benchmark-day-articles", "2000", "--benchmark-day-warmup", "1", "--benchmark-day-hours", "1",
                "--benchmark-day-cancel", "0.3", "--benchmark-day-return", "0.5",
                "--benchmark-starts", "1"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(table).isZero();
        JsonNode json = Json.MAPPER.readTree(Files.readString(file));
        assertThat(json.path("callsPerOrder")).hasSize(3).allSatisfy(row -> {
            assertThat(row.path("orders").asInt()).isEqualTo(20);
            // One poll: at most its two batch reads (articles, customers) above the minimum.
            assertThat(row.path("calls").asLong() - row.path("minimum").asLong()).isBetween(0L, 2L);
            assertThat(table).contains(row.path("documentType").asText());
        });
        assertThat(json.path("backlog").path("orders").asInt()).isEqualTo(30);
        assertThat(json.path("backlog").path("notTransferred").asInt()).isZero();
        assertThat(json.path("latency").path("orders").asInt()).isEqualTo(40);
        assertThat(json.path("latency").path("p95Seconds").asDouble()).isPositive();
        JsonNode day = json.path("merchantDay");
        // Every flow of the day did its work in the measured hour, and each one cost e-conomic calls.
        assertThat(day.path("work").path("documents created").asLong()).as(table).isPositive();
        assertThat(day.path("work").path("reversals carried out").asLong()).as(table).isPositive();
        assertThat(day.path("work").path("product edits").asLong()).as(table).isPositive();
        assertThat(day.path("work").path("stock and price changes").asLong()).as(table).isEqualTo(20);
        assertThat(day.path("flows")).extracting(f -> f.path("flow").asText()).containsExactly("orders", "status",
                "reversals", "payments", "products", "stock and prices", "nightly reconciliation");
        assertThat(day.path("flows")).allSatisfy(f -> {
            assertThat(f.path("callsPerDay").asLong()).as(f.path("flow").asText()).isPositive();
            assertThat(f.path("naiveCallsPerDay").asLong()).as(f.path("flow").asText())
                    .isGreaterThanOrEqualTo(f.path("callsPerDay").asLong());
        });
        assertThat(day.path("callsPerDay").asLong()).isLessThan(day.path("naiveCallsPerDay").asLong());
        assertThat(table).contains("whole day", "share of 50,000 a day");
        // The runtime's own process started and its first order poll reached the shop simulator.
        assertThat(json.path("startToFirstPoll").path("seconds")).hasSize(1);
        assertThat(json.path("startToFirstPoll").path("medianSeconds").asDouble())
                .isGreaterThan(json.path("startToFirstPoll").path("baselineMedianSeconds").asDouble());
    }

    @Test
    void a_small_catalogue_converges_in_the_runtimes_own_process_under_256_mb_with_the_reconciliation_running_beside_it()
            throws Exception {
        Path file = tempDir.resolve("catalogue.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = Benchmark.run(new String[] {"--benchmark-catalogue", "2000", "--benchmark-catalogue-minutes", "4",
                "--benchmark-catalogue-reconcile-cron", "* * * * * ?", "--benchmark-out", file.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(table).isZero();
        JsonNode catalogue = Json.MAPPER.readTree(Files.readString(file)).path("catalogue");
        assertThat(catalogue.path("converged").asBoolean()).as(table).isTrue();
        // Every value differed, so both kinds were imported: at least one job of stock and one of prices.
        assertThat(catalogue.path("importJobs").asLong()).as(table).isGreaterThanOrEqualTo(2);
        assertThat(catalogue.path("peakHeapAfterGcMb").asLong()).as(table).isBetween(1L, 256L);
        assertThat(table).contains("converged: yes");
        // The flow's first full read, then at least one reconciliation (every second, one run after another, while
        // the push takes seconds: each import job alone is polled 1.75 s).
        assertThat(catalogue.path("reconcileCron").asText()).isEqualTo("* * * * * ?");
        assertThat(catalogue.path("fullListingStartSeconds").size()).as(table).isGreaterThanOrEqualTo(2);
    }
}
