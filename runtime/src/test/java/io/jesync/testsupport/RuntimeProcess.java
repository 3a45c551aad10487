package io.jesync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The runtime as a separate JVM, started the way a user starts it (main class, working folder, environment),
 * so tests can check start-up output, exit codes, and what survives SIGTERM and SIGKILL.
 */
public final class RuntimeProcess implements AutoCloseable {
    /** The admin password every started runtime gets unless the test's environment names its own. */
    public static final String ADMIN_PASSWORD = "runtime-process-admin-password";
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final HttpClient http = HttpClient.newHttpClient();

    private RuntimeProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code io.jesync.SyncApplication} in {@code workDir} with the test classpath and extra environment. The
     * admin password is {@link #ADMIN_PASSWORD} unless {@code environment} has {@code ADMIN_PASSWORD} (an empty value
     * starts the runtime without one).
     */
    public static RuntimeProcess start(Path workDir, Map<String, String> environment, String... args) {
        return launch(List.of("-cp", System.getProperty("java.class.path"), "io.jesync.SyncApplication"), workDir,
                environment, args);
    }

    /**
     * Starts the packaged jar with {@code java -jar}, exactly as users and the container image do, so only what the
     * jar itself holds is on the classpath. Environment and admin password as for {@link #start}.
     */
    public static RuntimeProcess startJar(Path jar, Path workDir, Map<String, String> environment, String... args) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no packaged jar at " + jar + ": run `mvn verify` (package runs first)");
        }
        return launch(List.of("-jar", jar.toAbsolutePath().toString()), workDir, environment, args);
    }

    /** The jar {@code mvn package} built; failsafe passes its path as the system property {@code jesync.jar}. */
    public static Path packagedJar() {
        String path = System.getProperty("jesync.jar");
        if (path == null || path.isBlank()) {
            throw new AssertionError("system property jesync.jar is not set: run this test through `mvn verify`");
        }
        return Path.of(path);
    }

    private static RuntimeProcess launch(List<String> launcher, Path workDir, Map<String, String> environment,
                                         String... args) {
        try {
            Files.createDirectories(workDir);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            command.addAll(launcher);
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("SHOP") || k.startsWith("ECONOMIC")
                    || k.startsWith("STORE") || k.startsWith("APP_") || k.startsWith("ADMIN"));
            builder.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().putAll(environment);
            Path out = workDir.resolve("stdout.log");
            Path err = workDir.resolve("stderr.log");
            builder.redirectOutput(out.toFile());
            builder.redirectError(err.toFile());
            return new RuntimeProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** Both streams; the slf4j-simple logger writes to standard error. */
    public String output() {
        return stdout() + stderr();
    }

    public void awaitOutput(String text, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> output().contains(text) || !process.isAlive());
        if (!output().contains(text)) {
            throw new AssertionError("runtime exited before printing '" + text + "':\n" + output());
        }
    }

    /** GET against a URL with the admin credentials, or null when nothing answers. */
    public HttpResponse<String> get(String url) {
        return get(url, "admin", ADMIN_PASSWORD);
    }

    /** GET with the given HTTP Basic credentials ({@code user} null for none), or null when nothing answers. */
    public HttpResponse<String> get(String url, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public void awaitHttp200(String url, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("runtime exited with " + process.exitValue() + ":\n" + output());
            }
            HttpResponse<String> response = get(url);
            return response != null && response.statusCode() == 200;
        });
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("runtime still running after " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SIGTERM: what Ctrl-C or {@code docker stop} sends. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The JVM's process id: {@code java} is started directly, so this is the runtime itself, not a shell. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String read(Path path) {
        try {
            return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
