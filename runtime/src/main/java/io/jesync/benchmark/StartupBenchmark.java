package io.jesync.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.NorceSimulator;

/**
 * Start to first poll: from starting the runtime's process (live settings, a fresh H2 store, the simulators in this
 * process) to its first order poll's request reaching the shop simulator, median of several starts, beside the
 * start of a bare JVM ({@code java -version}) measured in the same run.
 */
final class StartupBenchmark {
    static final Duration GOAL = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final String ORDER_QUERY = "/Orders/Orders";

    record Result(List<Double> startSeconds, List<Double> baselineSeconds, boolean fromJar) {
        double median() {
            return Benchmark.median(startSeconds);
        }

        double baselineMedian() {
            return Benchmark.median(baselineSeconds);
        }
    }

    private StartupBenchmark() {
    }

    static Result measure(int starts) throws Exception {
        List<Double> runs = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        Path dir = Files.createTempDirectory("jesync-benchmark-start");
        SimClock clock = new SimClock();
        try (EconomicSimulator economic = RuntimeLaunch.economicSimulator(clock);
             NorceSimulator norce = RuntimeLaunch.norceSimulator(clock)) {
            for (int i = 0; i < starts; i++) {
                baseline.add(bareJvm());
                CompletableFuture<Long> firstPoll = new CompletableFuture<>();
                java.util.function.Consumer<io.jesync.simulator.RecordedRequest> listener = request -> {
                    if (request.path().endsWith(ORDER_QUERY)) {
                        firstPoll.complete(System.nanoTime());
                    }
                };
                norce.addRequestListener(listener);
                Path work = dir.resolve("start-" + i);
                long started = System.nanoTime();
                Process process = RuntimeLaunch.start(List.of("-Xmx256m"),
                        Map.of("SHOP_SE_ORDERS_POLL_INTERVAL_SECONDS", "5"), work, economic, norce);
                try {
                    long polled = firstPoll.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
                    runs.add((polled - started) / 1e9);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("no order poll within " + LIMIT.toSeconds() + " s of start:\n"
                            + RuntimeLaunch.tail(work.resolve("stderr.log"), 30), e);
                } finally {
                    norce.removeRequestListener(listener);
                    RuntimeLaunch.stop(process);
                }
            }
        } finally {
            RuntimeLaunch.delete(dir);
        }
        return new Result(runs, baseline, RuntimeLaunch.fromJar());
    }

    /** {@code java -version}: what starting any JVM costs on this machine at this moment. */
    private static double bareJvm() throws Exception {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(RuntimeLaunch.launcher().get(0), "-Xmx256m", "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("java -version did not end");
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
