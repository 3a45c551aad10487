package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jesync.testsupport.RuntimeProcess;

/**
 * What the packaged jar must keep from its dependencies. Service files name implementations one per line and the
 * same file appears in several jars ({@code java.sql.Driver} in H2 and PostgreSQL, Camel's
 * {@code TypeConverterLoader} in ten jars); a jar built by unpacking dependencies over each other keeps only one.
 * Licences, notices and Netty's and Spring's metadata files are appended the same way. The runtime classpath is the
 * list {@code dependency:build-classpath} wrote during the build.
 */
@Tag("harness")
class PackagedJarServicesIT {

    @Test
    void every_line_of_every_dependency_service_and_licence_file_is_in_the_packaged_jar() throws IOException {
        List<String> missing = new ArrayList<>();
        int files = 0;
        try (JarFile packaged = new JarFile(RuntimeProcess.packagedJar().toFile())) {
            // The shade plugin matches appended resources ignoring case (license.txt goes into LICENSE.txt).
            Map<String, String> packagedNames = new HashMap<>();
            packaged.stream().forEach(entry -> packagedNames.putIfAbsent(entry.getName().toLowerCase(Locale.ROOT),
                    entry.getName()));
            for (Path dependency : runtimeClasspath()) {
                try (JarFile jar = new JarFile(dependency.toFile())) {
                    for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        ZipEntry entry = entries.nextElement();
                        if (entry.isDirectory() || !merged(entry.getName())) {
                            continue;
                        }
                        files++;
                        Set<String> have = lines(packaged, packagedNames.getOrDefault(
                                entry.getName().toLowerCase(Locale.ROOT), entry.getName()));
                        for (String line : lines(jar, entry.getName())) {
                            if (!have.contains(line)) {
                                missing.add(entry.getName() + ": " + line + " (from " + dependency.getFileName() + ")");
                            }
                        }
                    }
                }
            }
            assertThat(files).as("merged files found in the runtime dependencies").isGreaterThan(100);
            assertThat(missing).as("lines the packaged jar lost").isEmpty();
            assertThat(lines(packaged, "META-INF/services/java.sql.Driver"))
                    .contains("org.h2.Driver", "org.postgresql.Driver");
        }
    }

    @Test
    void the_manifest_starts_the_runtime_and_keeps_multi_release_classes() throws IOException {
        try (JarFile packaged = new JarFile(RuntimeProcess.packagedJar().toFile())) {
            Attributes main = packaged.getManifest().getMainAttributes();
            assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo("io.jesync.SyncApplication");
            assertThat(main.getValue(Attributes.Name.MULTI_RELEASE)).isEqualTo("true");
            assertThat(packaged.stream().map(ZipEntry::getName))
                    .anyMatch(name -> name.startsWith("META-INF/versions/") && name.endsWith(".class"))
                    .noneMatch(name -> name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA"))
                    .contains("application.properties", "io/jesync/observe/HealthProbe.class");
        }
    }

    /** Files several dependencies carry under one name, which the shade configuration merges or appends. */
    private static boolean merged(String name) {
        return name.startsWith("META-INF/services/") || name.equals("META-INF/io.netty.versions.properties")
                || name.startsWith("META-INF/spring.") || name.equals("META-INF/spring/aot.factories")
                || name.matches("(?i)META-INF/(LICENSE|NOTICE)(\\.txt|\\.md)?")
                || name.equals("META-INF/DEPENDENCIES");
    }

    private static List<Path> runtimeClasspath() throws IOException {
        String file = System.getProperty("jesync.runtime-classpath");
        assertThat(file).as("system property jesync.runtime-classpath (set by the failsafe configuration)")
                .isNotBlank();
        List<Path> jars = new ArrayList<>();
        for (String part : Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().split(File.pathSeparator)) {
            if (part.endsWith(".jar")) {
                jars.add(Path.of(part));
            }
        }
        assertThat(jars).as("runtime dependencies").isNotEmpty();
        return jars;
    }

    /** A service file's lines without blanks and comments; empty when the jar lacks the file. */
    private static Set<String> lines(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        Set<String> lines = new LinkedHashSet<>();
        if (entry == null) {
            return lines;
        }
        try (InputStream in = jar.getInputStream(entry)) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(lines::add);
        }
        return lines;
    }
}
