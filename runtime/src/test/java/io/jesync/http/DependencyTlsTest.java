package io.jesync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.jesync.config.ConfigSource;
import io.jesync.config.ShopClientSettings;
import io.jesync.settings.RuntimeSettings;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.economic.RetryPolicy;
import io.jesync.shop.norce.NorceTokenProvider;

/**
 * S4, TLS to the dependencies: the e-conomic client and the Norce login, pointed by their base-URL settings at a local
 * HTTPS server, send nothing to a server whose certificate is self-signed, expired or for another host (the TLS
 * handshake is attempted and fails; no request reaches the server), and talk TLS 1.2 or newer to one whose certificate
 * is good. The certificates are made here with the running JDK's keytool: a test CA, which the client trusts the way
 * an operator's trust store would add a private CA, and leaf certificates signed by it (good, expired, another host)
 * or by themselves. The client is the runtime's HttpClient set-up with that trust added and nothing else;
 * {@link TlsTrustRulesTest} keeps the main code from setting anything else.
 */
class DependencyTlsTest {
    private static final char[] PASSWORD = "tls-test-password".toCharArray();

    @TempDir
    static Path dir;
    private static KeyStore trust;
    private static Map<String, KeyStore> servers;

    /** A local HTTPS server that counts handshakes begun and requests that got through, and their TLS protocol. */
    static final class Server implements AutoCloseable {
        final HttpsServer https;
        final AtomicInteger connections = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();

        Server(KeyStore identity) throws Exception {
            this(identity, null);
        }

        /** {@code protocols} null: the JDK's defaults (TLS 1.3 and 1.2). */
        Server(KeyStore identity, String[] protocols) throws Exception {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            https.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    // Called for every accepted connection, before its handshake.
                    connections.incrementAndGet();
                    javax.net.ssl.SSLParameters parameters = context.getDefaultSSLParameters();
                    if (protocols != null) {
                        parameters.setProtocols(protocols);
                    }
                    params.setSSLParameters(parameters);
                }
            });
            https.createContext("/", exchange -> {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " over "
                        + ((HttpsExchange) exchange).getSSLSession().getProtocol());
                // Good enough for both: a JSON object, with the token the Norce login looks for.
                byte[] body = "{\"access_token\":\"t\",\"expires_in\":3600}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            https.start();
        }

        String baseUrl() {
            return "https://localhost:" + https.getAddress().getPort();
        }

        @Override
        public void close() {
            https.stop(0);
        }
    }

    @BeforeAll
    static void makeCertificates() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=jesync test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        // The leaf's own certificate from -genkeypair is the self-signed one.
        keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", "leaf.p12");
        keytool("-certreq", "-alias", "leaf", "-keystore", "leaf.p12", "-file", "leaf.csr");
        sign("good", "san=dns:localhost,ip:127.0.0.1", "-validity", "2");
        sign("expired", "san=dns:localhost,ip:127.0.0.1", "-startdate", "-30d", "-validity", "10");
        sign("other-host", "san=dns:other-host.example.org", "-validity", "2");

        KeyStore ca = load("ca.p12");
        KeyStore leaf = load("leaf.p12");
        X509Certificate caCertificate = (X509Certificate) ca.getCertificate("ca");
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("jesync-test-ca", caCertificate);
        PrivateKey key = (PrivateKey) leaf.getKey("leaf", PASSWORD);
        servers = Map.of(
                "self-signed", identity(key, leaf.getCertificate("leaf")),
                "good", identity(key, certificate("good"), caCertificate),
                "expired", identity(key, certificate("expired"), caCertificate),
                "other-host", identity(key, certificate("other-host"), caCertificate));
    }

    @Test
    void the_certificates_are_what_their_names_say() throws Exception {
        X509Certificate expired = certificate("expired");
        X509Certificate good = certificate("good");

        assertThat(expired.getNotAfter()).isInThePast();
        assertThat(good.getNotAfter()).isInTheFuture();
        assertThat(certificate("other-host").getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1))
                .toList())
                .containsExactly("other-host.example.org");
    }

    @Test
    void a_good_certificate_is_accepted_over_tls_1_2_or_newer_by_both_clients() throws Exception {
        try (Server server = new Server(servers.get("good"))) {
            RuntimeSettings settings = settings(server.baseUrl());

            economic(settings).read("/self");
            new NorceTokenProvider(settings.shops().get(0), client(), Clock.systemUTC(),
                    ShopClientSettings.DEFAULTS.readTimeout()).token();

            assertThat(server.requests).containsExactly("GET /self over TLSv1.3",
                    "POST /identity/1.0/connect/token over TLSv1.3");
        }
    }

    @Test
    void a_server_that_offers_only_tls_1_2_is_spoken_to_in_tls_1_2() throws Exception {
        try (Server server = new Server(servers.get("good"), new String[] {"TLSv1.2"})) {
            economic(settings(server.baseUrl())).read("/self");

            assertThat(server.requests).containsExactly("GET /self over TLSv1.2");
        }
    }

    @Test
    void a_self_signed_certificate_is_refused_and_nothing_is_sent() throws Exception {
        refusedByBoth("self-signed", "unable to find valid certification path");
    }

    @Test
    void an_expired_certificate_is_refused_and_nothing_is_sent() throws Exception {
        refusedByBoth("expired", "CertificateExpiredException");
    }

    @Test
    void a_certificate_for_another_host_is_refused_and_nothing_is_sent() throws Exception {
        refusedByBoth("other-host", "No subject alternative DNS name matching localhost");
    }

    /** {@code reason}: what the JDK says, so each certificate is refused for its own fault and not another one. */
    private static void refusedByBoth(String certificate, String reason) throws Exception {
        try (Server server = new Server(servers.get(certificate))) {
            RuntimeSettings settings = settings(server.baseUrl());

            assertThatThrownBy(() -> economic(settings).read("/self")).as("e-conomic client, %s", certificate)
                    .hasMessageContaining("SSLHandshakeException").hasStackTraceContaining(reason);
            assertThatThrownBy(() -> new NorceTokenProvider(settings.shops().get(0), client(), Clock.systemUTC(),
                    ShopClientSettings.DEFAULTS.readTimeout())
                    .token()).as("Norce login, %s", certificate).isInstanceOf(IOException.class)
                    .hasMessageContaining("the secure connection to localhost").hasStackTraceContaining(reason);

            assertThat(server.connections).as("TLS handshakes the clients began").hasValueGreaterThanOrEqualTo(2);
            assertThat(server.requests).as("requests that reached the server").isEmpty();
        }
    }

    /** Both dependencies on the one local server, read through the runtime's own settings. */
    private static RuntimeSettings settings(String baseUrl) {
        ConfigSource source = new ConfigSource(Map.of("app.environment", "live", "shops", "se",
                "shop.se.base-url", baseUrl, "shop.se.client-id", "tls-test-client", "shop.se.application-ids", "1",
                "economic.base-url", baseUrl), Map.of(), Map.of("shop.se.client-secret", "tls-test-client-secret",
                "economic.app-secret-token", "tls-test-app-secret", "economic.agreement-grant-token",
                "tls-test-grant", "admin.password", "tls-test-admin-password"), "test");
        return RuntimeSettings.load(source);
    }

    /** The standard retry policy, with its waits recorded instead of slept. */
    private static EconomicClient economic(RuntimeSettings settings) throws Exception {
        Clock clock = Clock.systemUTC();
        return new EconomicClient(settings.economic(), client(), null, clock, RateLimitGovernor.standard(clock,
                50_000), RetryPolicy.standard(), new java.util.SplittableRandom(4), waited -> { });
    }

    /** The runtime's client set-up (RuntimeBeans) with the test CA as its trust anchor. */
    private static HttpClient client() throws Exception {
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trusted.getTrustManagers(), null);
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(context).build();
    }

    private static void sign(String name, String extension, String... validity) {
        List<String> args = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12",
                "-infile", "leaf.csr", "-outfile", name + ".pem", "-rfc", "-ext", extension));
        args.addAll(List.of(validity));
        keytool(args.toArray(String[]::new));
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-noprompt"));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("keytool " + String.join(" ", args) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static X509Certificate certificate(String name) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static KeyStore identity(PrivateKey key, Certificate... chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, PASSWORD, chain);
        return store;
    }
}
