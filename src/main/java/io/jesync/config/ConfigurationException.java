package io.jesync.config;

/**
 * A setting is missing or malformed. The message is one line that names the key and what is wrong, because
 * it is what an operator sees when start-up refuses to go on.
 */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String key, String problem) {
        super(key + ": " + problem);
    }
}
