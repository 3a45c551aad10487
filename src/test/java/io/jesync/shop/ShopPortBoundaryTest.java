package io.jesync.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The flows talk to the neutral shop port only: no production class outside {@code shop/norce} names a class of
 * it, so a second platform is a new package and nothing else. The catalogue side (products, stock, the initial
 * sync) and the runtime's wiring of it still reach into the Norce package while it is moved onto the port; they
 * are listed by name here, so the list can only shrink.
 */
class ShopPortBoundaryTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path NORCE = Path.of("src/main/java/io/jesync/shop/norce");
    private static final Set<String> CATALOGUE_SIDE_NOT_YET_ON_THE_PORT = Set.of(
            "io/jesync/RuntimeBeans.java", "io/jesync/InitialSyncCommand.java",
            "io/jesync/product/ProductWrites.java", "io/jesync/product/InitialSync.java",
            "io/jesync/product/ProductFlowAssembly.java", "io/jesync/stock/StockPriceAssembly.java");

    @Test
    void noClassOutsideTheNorcePackageImportsFromIt() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(NORCE))
                    .filter(ShopPortBoundaryTest::namesNorce)
                    .map(f -> MAIN.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !CATALOGUE_SIDE_NOT_YET_ON_THE_PORT.contains(f))
                    .sorted().toList();
        }
        assertThat(offenders).as("classes naming io.jesync.shop.norce").isEmpty();
    }

    @Test
    void theOrderStatusAndReversalFlowsAndTheSettingsAreFreeOfIt() throws IOException {
        for (String flow : List.of("order", "status", "reversal", "config", "reconcile", "admin")) {
            try (Stream<Path> files = Files.walk(MAIN.resolve("io/jesync").resolve(flow))) {
                assertThat(files.filter(f -> f.toString().endsWith(".java"))
                        .filter(ShopPortBoundaryTest::namesNorce).toList()).as(flow).isEmpty();
            }
        }
    }

    private static boolean namesNorce(Path file) {
        try {
            return Files.readString(file).contains("io.jesync.shop.norce");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
