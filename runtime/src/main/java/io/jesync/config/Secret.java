package io.jesync.config;

import java.util.Objects;

/**
 * A credential. {@link #toString()} never shows the value, so a secret that ends up in a log line, an
 * exception text or a JSON view shows as {@code ****}; only {@link #reveal()} hands out the value, at the
 * point where it goes into an HTTP header.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
