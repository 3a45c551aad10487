package io.jesync.shop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as UTF-8 text, but never more than a cap: a remote answer larger than that (a runaway page, a
 * hostile 10 MB field) fails the request with {@link TooLargeException} as soon as the cap is passed, before it is
 * parsed or stored, instead of filling the heap and the store.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<String> {
    /** Far above the largest real page of either system, well below what would strain a 256 MB heap. */
    public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

    private final int maxBytes;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    /** The answer was larger than the cap. */
    public static final class TooLargeException extends IOException {
        TooLargeException(int maxBytes) {
            super("the answer is larger than " + maxBytes + " bytes and was not read");
        }
    }

    /** Whether a failed request failed on the cap (the HTTP client wraps the body's exception in its own). */
    public static boolean tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TooLargeException) {
                return true;
            }
        }
        return false;
    }

    private CappedBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public static HttpResponse.BodyHandler<String> handler(int maxBytes) {
        return info -> new CappedBody(maxBytes);
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (received.size() + buffer.remaining() > maxBytes) {
                subscription.cancel();
                body.completeExceptionally(new TooLargeException(maxBytes));
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            received.writeBytes(bytes);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(received.toString(StandardCharsets.UTF_8));
    }
}
