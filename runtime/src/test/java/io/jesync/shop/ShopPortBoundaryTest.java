package io.jesync.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The flows, the wiring and the commands talk to the neutral shop port only: no production class outside
 * {@code shop/norce} names a class of it (the adapter is found through {@link java.util.ServiceLoader} and picked by
 * {@link ShopPlatforms}), so a second platform is a new package and its service entry, and nothing else.
 */
class ShopPortBoundaryTest {
    private static final Path MAIN = Path.of("runtime/src/main/java");
    private static final Path NORCE = Path.of("runtime/src/main/java/io/jesync/shop/norce");

    @Test
    void no_class_outside_the_norce_package_imports_from_it() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(NORCE))
                    .filter(ShopPortBoundaryTest::namesNorce)
                    .map(f -> MAIN.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(offenders).as("classes naming io.jesync.shop.norce").isEmpty();
    }

    private static boolean namesNorce(Path file) {
        try {
            return Files.readString(file).contains("io.jesync.shop.norce");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
