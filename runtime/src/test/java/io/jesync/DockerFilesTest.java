package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * No Docker engine runs in the build, so the image and compose files are checked against what the build does test:
 * the image starts the jar {@code PackagedJarIT} runs, with the same command, and compose passes only settings the
 * runtime knows, every one live mode requires, and a PostgreSQL URL that points at its own database service.
 */
class DockerFilesTest {
    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    private static final Path COMPOSE = Path.of("docker/compose.yaml");
    private static final Path CONFIGURATION_DOC = Path.of("docs/configuration.md");

    @Test
    void the_image_runs_the_packaged_jar_with_java_minus_jar_and_probes_the_open_health_endpoint() throws Exception {
        List<String> lines = Files.readAllLines(DOCKERFILE);
        assertThat(lines).contains("COPY target/jetshop-economic-sync.jar /app/jetshop-economic-sync.jar",
                "ENTRYPOINT [\"java\", \"-jar\", \"/app/jetshop-economic-sync.jar\"]");
        String probe = lines.stream().filter(line -> line.contains("io.jesync.observe.HealthProbe")).findFirst()
                .orElseThrow(() -> new AssertionError("no HEALTHCHECK with HealthProbe in " + DOCKERFILE));
        assertThat(probe).contains("\"-cp\", \"/app/jetshop-economic-sync.jar\"");
        Class.forName("io.jesync.observe.HealthProbe").getMethod("main", String[].class);
        Matcher url = Pattern.compile("\"(http://[^\"]+)\"").matcher(probe);
        assertThat(url.find()).as("the probe's URL").isTrue();
        URI health = URI.create(url.group(1));
        assertThat(health.getPath()).isEqualTo("/observe/health/live");
        assertThat(health.getPort()).as("admin.port's default").isEqualTo(8080);
        Set<String> documented = documentedEnvironmentVariables();
        for (String line : lines) {
            Matcher env = Pattern.compile("^(?:ENV\\s+)?\\s*([A-Z][A-Z0-9_]*)=").matcher(line);
            if (env.find() && !env.group(1).startsWith("JAVA_")) {
                assertThat(documented).as("ENV in the Dockerfile").contains(env.group(1));
            }
        }
    }

    @Test
    void compose_passes_documented_settings_including_everything_live_mode_requires() throws Exception {
        Map<String, Object> services = map(yaml(COMPOSE).get("services"));
        Map<String, Object> postgres = map(map(services.get("postgres")).get("environment"));
        Set<String> documented = documentedEnvironmentVariables();
        Set<String> requiredLive = requiredLiveVariables();
        for (String name : List.of("sync-1", "sync-2")) {
            Map<String, Object> environment = map(map(services.get(name)).get("environment"));
            assertThat(documented).as(name + ": every variable is a documented setting")
                    .containsAll(environment.keySet());
            assertThat(environment.keySet()).as(name + ": every setting live mode requires").containsAll(requiredLive);
            assertThat(environment).containsEntry("APP_ENVIRONMENT", "live")
                    .containsEntry("STORE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
                    .containsEntry("STORE_USERNAME", postgres.get("POSTGRES_USER"));
            assertThat(String.valueOf(environment.get("STORE_PASSWORD")))
                    .as("the database's password").startsWith("${STORE_PASSWORD");
            assertThat(environment.values()).as(name + ": no variable passed empty (it would hide the file's value)")
                    .noneMatch(value -> String.valueOf(value).contains(":-}"));
        }
        assertThat(String.valueOf(postgres.get("POSTGRES_PASSWORD"))).startsWith("${STORE_PASSWORD");
    }

    /** The third column of docs/configuration.md's tables, with the example shop id {@code se}. */
    private static Set<String> documentedEnvironmentVariables() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : Files.readAllLines(CONFIGURATION_DOC)) {
            String[] cells = line.split("\\|");
            if (cells.length > 4 && cells[3].strip().matches("`[A-Z<>_]+`")) {
                names.add(cells[3].strip().replace("`", "").replace("<ID>", "SE"));
            }
        }
        assertThat(names).as("environment variables documented in " + CONFIGURATION_DOC).hasSizeGreaterThan(10);
        return names;
    }

    /** Rows of docs/configuration.md whose default says the setting is required (live, or always). */
    private static Set<String> requiredLiveVariables() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : Files.readAllLines(CONFIGURATION_DOC)) {
            String[] cells = line.split("\\|");
            if (cells.length > 4 && cells[3].strip().matches("`[A-Z<>_]+`")
                    && cells[2].matches(".*\\(required( live)?\\).*")) {
                names.add(cells[3].strip().replace("`", "").replace("<ID>", "SE"));
            }
        }
        assertThat(names).as("settings live mode requires").contains("ADMIN_PASSWORD", "SHOP_SE_CLIENT_SECRET");
        return names;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)));
    }

    /** A YAML mapping with compose's merge key ({@code <<: *anchor}) applied; explicit keys win. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        Map<String, Object> source = (Map<String, Object>) node;
        Map<String, Object> merged = new LinkedHashMap<>();
        if (source.containsKey("<<")) {
            merged.putAll(map(source.get("<<")));
        }
        source.forEach((key, value) -> {
            if (!key.equals("<<")) {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
