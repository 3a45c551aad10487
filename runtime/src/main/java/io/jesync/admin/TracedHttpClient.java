package io.jesync.admin;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.order.PayloadMasker;

/**
 * The runtime's HTTP client with a recorder: a call made while a traced route runs on the thread is handed, masked,
 * to {@link RouteTracing} with its request (method, URL, headers, body) and its answer (status, headers, body, time
 * taken); every other call passes through untouched. The caller is named by what it sends: e-conomic's calls carry
 * {@code X-AppSecretToken}; the rest are Norce's (the flows call no third system with this client) or are named by
 * their host.
 */
final class TracedHttpClient extends HttpClient {
    private static final long BODY_WAIT_MILLIS = 1000;

    private final HttpClient client;
    private final Consumer<ObjectNode> recorder;

    TracedHttpClient(HttpClient client, Consumer<ObjectNode> recorder) {
        this.client = client;
        this.recorder = recorder;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (!RouteTracing.active()) {
            return client.send(request, handler);
        }
        long started = System.nanoTime();
        ObjectNode call = describe(request);
        try {
            HttpResponse<T> response = client.send(request, handler);
            ObjectNode answer = call.putObject("response").put("status", response.statusCode());
            answer.set("headers", headers(response.headers()));
            Object body = response.body();
            answer.set("body", body instanceof String || body instanceof byte[] ? RouteTracing.body(body)
                    : RouteTracing.body(body == null ? null : "(not captured: " + body.getClass().getSimpleName()
                    + ")"));
            return response;
        } catch (IOException | RuntimeException e) {
            call.put("failure", RouteTracing.maskText(e.getClass().getSimpleName() + ": " + e.getMessage()));
            throw e;
        } finally {
            call.put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            recorder.accept(call);
        }
    }

    private static ObjectNode describe(HttpRequest request) {
        ObjectNode call = ApiAnswers.MAPPER.createObjectNode();
        call.put("system", request.headers().firstValue("X-AppSecretToken").isPresent() ? "e-conomic"
                : request.uri().getHost() == null ? "unknown" : "norce (" + request.uri().getHost() + ")");
        ObjectNode sent = call.putObject("request").put("method", request.method())
                .put("url", RouteTracing.maskText(request.uri().toString()));
        sent.set("headers", headers(request.headers()));
        sent.set("body", RouteTracing.body(bodyOf(request)));
        return call;
    }

    private static ObjectNode headers(HttpHeaders headers) {
        ObjectNode node = ApiAnswers.MAPPER.createObjectNode();
        Map<String, java.util.List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(headers.map());
        sorted.forEach((name, values) -> node.put(name, PayloadMasker.isSensitive(name)
                || name.equalsIgnoreCase("cookie") || name.equalsIgnoreCase("set-cookie") ? PayloadMasker.MASK
                : RouteTracing.maskText(String.join(", ", values))));
        return node;
    }

    /**
     * The request body as the server gets it. The flows build bodies from strings and byte arrays, whose publishers
     * can be read more than once; anything slower than a moment is left out rather than hold the call up.
     */
    private static String bodyOf(HttpRequest request) {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return null;
        }
        CompletableFuture<String> text = new CompletableFuture<>();
        publisher.get().subscribe(new Flow.Subscriber<>() {
            private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                text.complete("(not captured)");
            }

            @Override
            public void onComplete() {
                text.complete(bytes.toString(StandardCharsets.UTF_8));
            }
        });
        try {
            return text.get(BODY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(not captured)";
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return "(not captured)";
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        return client.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return client.sendAsync(request, handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client.authenticator();
    }

    @Override
    public Version version() {
        return client.version();
    }

    @Override
    public Optional<Executor> executor() {
        return client.executor();
    }
}
