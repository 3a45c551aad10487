package io.jesync.config;

/** The admin side (health, metrics, later the admin API and console): loopback unless told otherwise. */
public record AdminSettings(String host, int port) {
}
