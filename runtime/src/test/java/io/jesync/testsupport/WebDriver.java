package io.jesync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium driven through chromedriver's W3C WebDriver HTTP API with the JDK's HTTP client: just the
 * calls the console's end-to-end test needs, and no browser-automation dependency.
 */
public final class WebDriver implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** W3C's key for an element reference in answers and arguments. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;

    private WebDriver(Process driver, String base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    /** Starts chromedriver on a free port and one headless Chromium session with its own empty profile. */
    public static WebDriver start(Path profile, int width, int height) {
        int port = RuntimeProcess.freePort();
        Process driver;
        try {
            driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("chromedriver did not start", e);
        }
        String base = "http://127.0.0.1:" + port;
        WebDriver client = new WebDriver(driver, base, null);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!client.ready()) {
                if (System.nanoTime() > deadline || !driver.isAlive()) {
                    throw new IllegalStateException("chromedriver on port " + port + " did not become ready");
                }
                driver.waitFor(100, TimeUnit.MILLISECONDS);
            }
            ObjectNode options = JSON.createObjectNode().put("binary", CHROMIUM.toString());
            // Without the background-networking flags Chromium keeps dialling out on a closed network.
            List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                    "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath())
                    .forEach(options.putArray("args")::add);
            ObjectNode capabilities = JSON.createObjectNode();
            capabilities.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                    .set("goog:chromeOptions", options);
            JsonNode created = client.call("POST", "/session", capabilities);
            return new WebDriver(driver, base, created.path("sessionId").asText());
        } catch (IOException e) {
            driver.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            driver.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            driver.destroyForcibly();
            throw e;
        }
    }

    private boolean ready() {
        try {
            return call("GET", "/status", null).path("ready").asBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public void open(String url) {
        session("POST", "/url", JSON.createObjectNode().put("url", url));
    }

    /** The element's reference, or null when no element matches the CSS selector now. */
    public String find(String css) {
        JsonNode found = session("POST", "/elements", JSON.createObjectNode().put("using", "css selector")
                .put("value", css));
        return found.isArray() && !found.isEmpty() ? found.get(0).path(ELEMENT).asText() : null;
    }

    public void click(String element) {
        session("POST", "/element/" + element + "/click", JSON.createObjectNode());
    }

    public void type(String element, String text) {
        session("POST", "/element/" + element + "/value", JSON.createObjectNode().put("text", text));
    }

    public String text(String element) {
        return session("GET", "/element/" + element + "/text", null).asText();
    }

    /** Runs {@code script} (a function body; {@code arguments} holds the arguments) in the page and returns its value. */
    public JsonNode script(String script, Object... arguments) {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.set("args", JSON.valueToTree(arguments));
        return session("POST", "/execute/sync", body);
    }

    public void resize(int width, int height) {
        session("POST", "/window/rect", JSON.createObjectNode().put("width", width).put("height", height));
    }

    /** A PNG of the viewport. */
    public byte[] screenshot() {
        return Base64.getDecoder().decode(session("GET", "/screenshot", null).asText());
    }

    private JsonNode session(String method, String path, JsonNode body) {
        return call(method, "/session/" + session + path, body);
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + path + " answered "
                        + response.statusCode() + ": " + answer.path("value").path("message").asText(response.body()));
            }
            return answer.path("value");
        } catch (IOException e) {
            throw new UncheckedIOException("WebDriver " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                session("DELETE", "", null);
            }
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                driver.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
