package io.jesync.config;

import java.util.List;

/**
 * A setting is missing or malformed. Each problem is one line that names the key and what is wrong, because it is
 * what an operator sees when start-up refuses to go on; a start with several problems reports them all at once
 * ({@link #problems()}), one line each.
 */
public final class ConfigurationException extends RuntimeException {
    private final String key;
    private final List<ConfigurationException> problems;

    public ConfigurationException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problems = List.of(this);
    }

    private ConfigurationException(List<ConfigurationException> problems) {
        super(problems.size() + " configuration errors:\n" + String.join("\n",
                problems.stream().map(p -> "  " + p.getMessage()).toList()));
        this.key = problems.get(0).key;
        this.problems = List.copyOf(problems);
    }

    /** One problem as itself; several as one exception whose message lists them, one line each. */
    static ConfigurationException all(List<ConfigurationException> problems) {
        return problems.size() == 1 ? problems.get(0) : new ConfigurationException(problems);
    }

    public String key() {
        return key;
    }

    /** Every problem of the start, one line each (this exception alone when it is a single one). */
    public List<ConfigurationException> problems() {
        return problems;
    }
}
