package io.jesync.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The catalogue flows speak to the shop through {@link ShopProductPort} and {@link ShopCatalogPort} only: no class
 * of the product, stock or reconciliation flows, nor the initial-sync command, names a Norce class, so a second
 * platform is an adapter package and nothing else.
 */
class CatalogPortBoundaryTest {
    private static final Path MAIN = Path.of("runtime/src/main/java/io/jesync");

    @Test
    void no_catalogue_flow_class_imports_the_norce_adapter() throws IOException {
        List<Path> sources;
        try (Stream<Path> product = Files.walk(MAIN.resolve("product"));
             Stream<Path> stock = Files.walk(MAIN.resolve("stock"));
             Stream<Path> reconcile = Files.walk(MAIN.resolve("reconcile"))) {
            sources = Stream.of(product, stock, reconcile, Stream.of(MAIN.resolve("InitialSyncCommand.java")))
                    .flatMap(s -> s).filter(p -> p.toString().endsWith(".java")).toList();
        }

        assertThat(sources).hasSizeGreaterThan(30);
        assertThat(sources).allSatisfy(source -> assertThat(Files.readString(source))
                .as(source.toString()).doesNotContain("io.jesync.shop.norce").doesNotContain("io.jesync.simulator"));
    }

    @Test
    void the_shop_package_itself_names_no_platform() throws IOException {
        try (Stream<Path> shop = Files.list(MAIN.resolve("shop"))) {
            assertThat(shop.filter(p -> p.toString().endsWith(".java")).toList()).allSatisfy(source ->
                    assertThat(Files.readString(source)).as(source.toString()).doesNotContain("io.jesync.shop.norce"));
        }
    }
}
