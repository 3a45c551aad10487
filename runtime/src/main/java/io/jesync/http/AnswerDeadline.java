package io.jesync.http;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A read timeout for the whole answer. {@code HttpRequest.timeout} only runs until the status line and headers
 * arrive, so a server that sends its headers and then dribbles the body (or stops) would hold the calling thread
 * and its connection as long as it likes. Wrapped in this, the body fails with an {@link HttpTimeoutException}
 * once {@code timeout} has passed since the request was handed over, and the connection is given up.
 */
public final class AnswerDeadline {

    private AnswerDeadline() {
    }

    /** @param timeout counted from now: call this just before sending */
    public static <T> HttpResponse.BodyHandler<T> within(Duration timeout, HttpResponse.BodyHandler<T> handler) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return info -> new Bounded<>(handler.apply(info), deadline, timeout);
    }

    private static final class Bounded<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> inner;
        private final CompletableFuture<T> body = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        Bounded(HttpResponse.BodySubscriber<T> inner, long deadline, Duration timeout) {
            this.inner = inner;
            inner.getBody().whenComplete((value, failure) -> {
                if (failure == null) {
                    body.complete(value);
                } else {
                    body.completeExceptionally(failure);
                }
            });
            long left = Math.max(0, deadline - System.nanoTime());
            CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS).execute(() -> {
                if (body.isDone()) {
                    return;
                }
                // The connection is given up before the caller hears of it, so its next call never finds it open.
                Flow.Subscription taken = subscription;
                if (taken != null) {
                    taken.cancel();
                }
                body.completeExceptionally(new HttpTimeoutException("no complete answer within "
                        + timeout.toSeconds() + " s"));
            });
        }

        @Override
        public CompletionStage<T> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            inner.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            inner.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            inner.onError(throwable);
        }

        @Override
        public void onComplete() {
            inner.onComplete();
        }
    }
}
