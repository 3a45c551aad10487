package io.jesync.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * R13's size cap: an answer up to the cap is read whole; a larger one (here a 10 MB JSON field, the size that once
 * doubled a stored row) fails the request with the cap named, without being held in memory whole.
 */
class CappedBodyTest {
    private static final int CAP = CappedBody.DEFAULT_MAX_BYTES;
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/small", exchange -> answer(exchange, "{\"Id\":1,\"Name\":\"Kaffe åäö\"}"));
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"Comment\":\"".getBytes(StandardCharsets.UTF_8));
                byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 160; i++) {
                    out.write(chunk);
                }
                out.write("\"}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException clientGaveUp) {
                // The client stops reading at the cap.
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void an_answer_within_the_cap_is_read_as_utf8_text() throws Exception {
        String body = http.send(request("/small"), CappedBody.handler(CAP)).body();

        assertThat(body).isEqualTo("{\"Id\":1,\"Name\":\"Kaffe åäö\"}");
    }

    @Test
    void a_ten_megabyte_field_fails_the_request_at_the_cap() {
        assertThatThrownBy(() -> http.send(request("/huge"), CappedBody.handler(CAP)))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(CappedBody.tooLarge(e)).isTrue())
                .hasMessageContaining("larger than " + CAP + " bytes");
    }

    @Test
    void a_small_cap_applies_to_a_small_answer_too() {
        assertThatThrownBy(() -> http.send(request("/small"), CappedBody.handler(10)))
                .satisfies(e -> assertThat(CappedBody.tooLarge(e)).isTrue());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).build();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
