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
                "--benchmark-scale", "0.003", "--benchmark-orders", "20", "--benchmark-day-orders", "60"},
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
        assertThat(json.path("merchantDayOrders").path("calls").asLong())
                .isLessThan(json.path("merchantDayOrders").path("naiveCalls").asLong());
    }
}
