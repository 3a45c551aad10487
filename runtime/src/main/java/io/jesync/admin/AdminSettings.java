package io.jesync.admin;

import java.util.Optional;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.Secret;
import io.jesync.config.SettingReader;

/**
 * The admin side (health, metrics, the admin API and console): loopback unless told otherwise, and behind
 * credentials. {@code password} is the demo password only in demo mode when none was given ({@code demoPassword});
 * live mode refuses to start without one. {@code token} is an optional bearer token for scripts and monitoring.
 */
public record AdminSettings(String host, int port, String username, Secret password, Optional<Secret> token,
                            boolean demoPassword, int traceCapacity) {

    /** The password demo mode uses when none is set; printed in the demo banner, refused in live mode. */
    public static final Secret DEMO_PASSWORD = Secret.of("demo");
    static final int MIN_LIVE_PASSWORD = 12;

    public static AdminSettings load(ConfigSource source, boolean live) {
        String host = source.get("admin.host").orElse("127.0.0.1");
        int port = SettingReader.port(source, "admin.port", 8080);
        String username = source.get("admin.username").orElse("admin");
        if (username.contains(":")) {
            source.report(new ConfigurationException("admin.username", "must not contain ':' (HTTP Basic separates"
                    + " user and password with it)"));
        }
        Optional<Secret> token = source.secret("admin.token");
        int traceCapacity = SettingReader.positiveInt(source, "admin.tracing.capture-size", 100);
        if (!live) {
            Optional<Secret> given = source.secret("admin.password");
            return new AdminSettings(host, port, username, given.orElse(DEMO_PASSWORD), token, given.isEmpty(),
                    traceCapacity);
        }
        Secret password = SettingReader.requiredSecret(source, "admin.password");
        if (password.reveal().length() < MIN_LIVE_PASSWORD || password.equals(DEMO_PASSWORD)) {
            source.report(new ConfigurationException("admin.password", "is too weak for live mode: use at least "
                    + MIN_LIVE_PASSWORD + " characters"));
        }
        if (token.isPresent() && token.get().reveal().length() < MIN_LIVE_PASSWORD) {
            source.report(new ConfigurationException("admin.token", "is too weak for live mode: use at least "
                    + MIN_LIVE_PASSWORD + " characters"));
        }
        return new AdminSettings(host, port, username, password, token, false, traceCapacity);
    }
}
