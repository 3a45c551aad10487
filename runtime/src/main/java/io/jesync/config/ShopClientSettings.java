package io.jesync.config;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * How long the runtime waits on the shop platform ({@code norce.connect-timeout-seconds},
 * {@code norce.read-timeout-seconds}): the connect timeout of the client every shop call goes through, and the read
 * timeout of each answer, headers and body, so a shop that accepts and never answers (or dribbles its answer) holds a
 * flow no longer than that.
 */
public record ShopClientSettings(Duration connectTimeout, Duration readTimeout) {
    public static final ShopClientSettings DEFAULTS = new ShopClientSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    public static ShopClientSettings load(ConfigSource source) {
        return new ShopClientSettings(
                Duration.ofSeconds(SettingReader.positiveInt(source, "norce.connect-timeout-seconds",
                        (int) DEFAULTS.connectTimeout().toSeconds())),
                Duration.ofSeconds(SettingReader.positiveInt(source, "norce.read-timeout-seconds",
                        (int) DEFAULTS.readTimeout().toSeconds())));
    }

    /** A client of its own, since a JDK client has one connect timeout for every request it sends. */
    public HttpClient newHttpClient() {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
