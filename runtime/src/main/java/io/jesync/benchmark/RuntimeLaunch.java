package io.jesync.benchmark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.NorceSimulator;

/**
 * The runtime as its own JVM, started the way a merchant starts it, live against simulators that run in the
 * benchmark's process: what the runtime's process measures is the runtime alone. From the packaged jar it starts
 * {@code java -jar} that jar; from a class folder (the tests) the same main class on the same classpath.
 */
final class RuntimeLaunch {
    static final String APP_SECRET = "benchmark-app-secret";
    static final String GRANT = "benchmark-grant";
    static final String CLIENT_ID = "benchmark-client";
    static final String CLIENT_SECRET = "benchmark-client-secret";
    private static final String ADMIN_PASSWORD = "benchmark-admin-password";

    /** By name: the benchmark sits below the composition root and must not depend on it. */
    private static final String MAIN_CLASS = "io.jesync.SyncApplication";

    private RuntimeLaunch() {
    }

    /** The command's launcher part: {@code java -jar <jar>} or {@code java -cp <classpath> <main>}. */
    static List<String> launcher() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path code;
        try {
            code = Path.of(RuntimeLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the runtime's classes are", e);
        }
        if (Files.isRegularFile(code) && code.toString().endsWith(".jar")) {
            command.add("-jar");
            command.add(code.toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(MAIN_CLASS);
        }
        return command;
    }

    /** Whether {@link #launcher()} starts the packaged jar (the figures in the docs are measured so). */
    static boolean fromJar() {
        return launcher().contains("-jar");
    }

    /** The e-conomic simulator a launched runtime is pointed at: a free port, the benchmark's seed and tokens. */
    static EconomicSimulator economicSimulator(SimClock clock) {
        EconomicSimulator economic = new EconomicSimulator(0, Benchmark.SEED, clock, APP_SECRET, GRANT);
        economic.start();
        return economic;
    }

    /** The demo shop's simulator a launched runtime is pointed at: a free port, the benchmark's seed and client. */
    static NorceSimulator norceSimulator(SimClock clock) {
        NorceSimulator norce = NorceSimulator.demo(0, Benchmark.SEED, clock, CLIENT_ID, CLIENT_SECRET);
        norce.start();
        return norce;
    }

    /**
     * @param jvm   options before the launcher ({@code -Xmx256m}, GC logging)
     * @param extra environment beyond the live settings that point the runtime at the simulators
     */
    static Process start(List<String> jvm, Map<String, String> extra, Path workDir, EconomicSimulator economic,
                         NorceSimulator norce) throws IOException {
        Files.createDirectories(workDir);
        List<String> launcher = launcher();
        List<String> command = new ArrayList<>();
        command.add(launcher.get(0));
        command.addAll(jvm);
        command.addAll(launcher.subList(1, launcher.size()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        // Only what is set here: an operator's own settings in the environment must not leak into the measurement.
        builder.environment().keySet().removeIf(k -> k.startsWith("SHOP") || k.startsWith("ECONOMIC")
                || k.startsWith("STORE") || k.startsWith("APP_") || k.startsWith("ADMIN") || k.startsWith("STOCK"));
        Map<String, String> env = builder.environment();
        env.put("APP_ENVIRONMENT", "live");
        env.put("ADMIN_PORT", Integer.toString(freePort()));
        env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("STORE_JDBC_URL", "jdbc:h2:file:" + workDir.resolve("store").resolve("jesync").toAbsolutePath());
        env.put("ECONOMIC_BASE_URL", economic.baseUrl());
        env.put("ECONOMIC_OPENAPI_BASE_URL", economic.baseUrl());
        env.put("ECONOMIC_APP_SECRET_TOKEN", APP_SECRET);
        env.put("ECONOMIC_AGREEMENT_GRANT_TOKEN", GRANT);
        env.put("SHOP_SE_BASE_URL", norce.baseUrl());
        env.put("SHOP_SE_CLIENT_ID", CLIENT_ID);
        env.put("SHOP_SE_CLIENT_SECRET", CLIENT_SECRET);
        env.put("SHOP_SE_APPLICATION_IDS", "1001,1002");
        env.putAll(extra);
        builder.redirectOutput(workDir.resolve("stdout.log").toFile());
        builder.redirectError(workDir.resolve("stderr.log").toFile());
        return builder.start();
    }

    /** SIGTERM as an operator stops it, then the kill if it does not stop within half a minute. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
