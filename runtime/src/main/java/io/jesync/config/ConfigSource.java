package io.jesync.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Where every setting comes from, in rising precedence: the defaults shipped in the jar, the user's
 * {@code application.properties}, environment variables, then explicit overrides (command line, tests).
 *
 * <p>Every key can come from an environment variable named by upper-casing it and replacing dots and dashes
 * with underscores ({@code shop.se.client-secret} → {@code SHOP_SE_CLIENT_SECRET}), the same rule camel-main
 * applies to its own keys. Secrets are read only from the environment or from a file named by
 * {@code <key>-file}; a secret written into a properties file is refused, so it never sits in a repository.
 */
public final class ConfigSource {
    private final Map<String, String> fileProperties;
    private final Map<String, String> environment;
    private final Map<String, String> overrides;
    private final String fileDescription;
    /** Every problem found so far, at most one per key, so one start reports them all. */
    private final Map<String, ConfigurationException> problems = new LinkedHashMap<>();
    /** Every key a loader asked for or declared: the known keys that a misspelt one is compared with. */
    private final Set<String> known = new HashSet<>();

    public ConfigSource(Map<String, String> fileProperties, Map<String, String> environment,
            Map<String, String> overrides, String fileDescription) {
        this.fileProperties = Map.copyOf(fileProperties);
        this.environment = Map.copyOf(environment);
        this.overrides = Map.copyOf(overrides);
        this.fileDescription = fileDescription;
    }

    /**
     * Loads the shipped defaults from the classpath, then the user's file: {@code APP_CONFIG_FILE} if set,
     * otherwise {@code ./application.properties} when it exists.
     */
    public static ConfigSource load(Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        String description = "the built-in defaults";
        try (InputStream in = ConfigSource.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                merged.putAll(read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new ConfigurationException("application.properties", "the built-in defaults cannot be read: "
                    + e.getMessage());
        }
        String configured = environment.get("APP_CONFIG_FILE");
        Path userFile = Path.of(configured == null || configured.isBlank() ? "application.properties" : configured);
        if (Files.isRegularFile(userFile)) {
            try (Reader reader = Files.newBufferedReader(userFile, StandardCharsets.UTF_8)) {
                merged.putAll(read(reader));
                description = userFile.toAbsolutePath().normalize().toString();
            } catch (IOException e) {
                throw new ConfigurationException("APP_CONFIG_FILE", "cannot read " + userFile + ": " + e.getMessage());
            }
        } else if (configured != null && !configured.isBlank()) {
            throw new ConfigurationException("APP_CONFIG_FILE", "no such file: " + userFile);
        }
        return new ConfigSource(merged, environment, overrides, description);
    }

    private static Map<String, String> read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name).trim());
        }
        return map;
    }

    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A non-secret value; blank counts as absent. */
    public Optional<String> get(String key) {
        known.add(key);
        String value = overrides.get(key);
        if (value == null) {
            value = environment.get(environmentVariable(key));
        }
        if (value == null) {
            value = fileProperties.get(key);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * A secret: from the environment variable, or from the file named by {@code <key>-file} (setting or its
     * environment variable). Present in the properties file itself → refused.
     */
    public Optional<Secret> secret(String key) {
        known.add(key);
        known.add(key + "-file");
        String inFile = fileProperties.get(key);
        if (inFile != null && !inFile.isBlank()) {
            report(new ConfigurationException(key, "is a secret and must not be written in " + fileDescription
                    + "; set the environment variable " + environmentVariable(key) + " or point " + key
                    + "-file at a file that holds it"));
        }
        String value = overrides.get(key);
        if (value == null) {
            value = environment.get(environmentVariable(key));
        }
        if (value != null && !value.isBlank()) {
            return Optional.of(Secret.of(value.trim()));
        }
        Optional<String> file = get(key + "-file");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(file.get());
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8).trim();
            if (content.isEmpty()) {
                throw new ConfigurationException(key + "-file", "the file " + path + " is empty");
            }
            return Optional.of(Secret.of(content));
        } catch (IOException e) {
            throw new ConfigurationException(key + "-file", "cannot read the secret file " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Marks keys as known without reading them: settings of the other environment (a live shop's URL in demo
     * mode) are valid in the file even though this start does not use them.
     */
    public void declare(String... keys) {
        known.addAll(List.of(keys));
    }

    /** Notes a problem and lets loading go on; the first problem of a key wins, later ones follow from it. */
    public void report(ConfigurationException problem) {
        problems.putIfAbsent(problem.key(), problem);
    }

    /**
     * Runs one part of loading; a problem in it is noted and {@code fallback} stands in, so the parts after it are
     * still checked. Any other failure after a noted problem is a consequence of the stand-ins and is dropped.
     */
    public <T> T attempt(Supplier<T> part, T fallback) {
        try {
            return part.get();
        } catch (ConfigurationException e) {
            report(e);
        } catch (RuntimeException e) {
            if (problems.isEmpty()) {
                throw e;
            }
        }
        return fallback;
    }

    public List<ConfigurationException> problems() {
        return List.copyOf(problems.values());
    }

    /** Throws one exception carrying every problem noted, if there is any. */
    public void failOnProblems() {
        if (!problems.isEmpty()) {
            throw ConfigurationException.all(problems());
        }
    }

    /**
     * Keys of the file or the overrides that no loader knows although they sit under one of {@code prefixes}: a
     * misspelt key would otherwise be ignored silently and its setting left at the default. Each one is reported
     * with the known key nearest to it.
     */
    public void reportUnknownKeys(Set<String> prefixes) {
        Set<String> candidates = new TreeSet<>(fileProperties.keySet());
        candidates.addAll(overrides.keySet());
        for (String key : candidates) {
            if (known.contains(key) || prefixes.stream().noneMatch(key::startsWith)) {
                continue;
            }
            String nearest = null;
            int best = Integer.MAX_VALUE;
            for (String candidate : new TreeSet<>(known)) {
                int distance = editDistance(key, candidate);
                if (distance < best) {
                    best = distance;
                    nearest = candidate;
                }
            }
            report(new ConfigurationException(key, "is not a setting" + (nearest == null ? ""
                    : "; did you mean " + nearest + "?")));
        }
    }

    /** Levenshtein distance: insertions, deletions and substitutions each count one. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Every non-secret key known from the files and overrides, for handing Camel its own settings. */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>(fileProperties.keySet());
        keys.addAll(overrides.keySet());
        return keys;
    }

    public String fileDescription() {
        return fileDescription;
    }
}
