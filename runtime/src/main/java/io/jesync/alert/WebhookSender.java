package io.jesync.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import io.jesync.config.Secret;

/** Delivers one alert notice as an HTTP POST of JSON; any 2xx answer counts as delivered. */
public final class WebhookSender {
    private final HttpClient http;
    private final URI url;
    private final Optional<Secret> token;

    public WebhookSender(HttpClient http, URI url, Optional<Secret> token) {
        this.http = http;
        this.url = url;
        this.token = token;
    }

    /** @return empty when delivered, else why not (never with the token) */
    public Optional<String> send(String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        token.ifPresent(secret -> request.header("Authorization", "Bearer " + secret.reveal()));
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? Optional.empty()
                    : Optional.of("the webhook answered HTTP " + response.statusCode());
        } catch (IOException e) {
            return Optional.of("the webhook could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    public String channel() {
        return "webhook " + url.getHost();
    }
}
