package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.shop.ShopOrder;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * Two orders checked side by side both miss an article; one creates it. The other's own look-up, begun before that
 * create and answered 404 after it, has taken the number out of the product view again (as {@code findProduct} does
 * on a 404). The second create must still find the product rather than send a second POST.
 */
class ArticleCreateOnceTest {
    @TempDir
    Path tempDir;

    @Test
    void a_stale_not_found_after_another_orders_create_does_not_create_the_article_twice() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            OrderFlowSettings flow = harness.shop().orders();
            ArticleCheck check = new ArticleCheck(harness.client);
            ShopOrder first = TestOrders.order(TestOrders.person("SE"),
                    List.of(TestOrders.product(1, "RACE-ART-1", "1", "100.00")), "125.00");
            ShopOrder second = TestOrders.order(TestOrders.person("SE"),
                    List.of(TestOrders.product(1, "RACE-ART-1", "2", "100.00")), "250.00");
            ArticleCheck.Missing firstMissing = check.check(first, flow);
            ArticleCheck.Missing secondMissing = check.check(second, flow);
            assertThat(secondMissing.lines()).containsOnlyKeys("RACE-ART-1");

            assertThat(check.create(first, flow, firstMissing)).containsExactly("RACE-ART-1");
            harness.client.products().forget("RACE-ART-1");
            harness.economic.clearJournal();

            assertThat(check.create(second, flow, secondMissing)).isEmpty();
            assertThat(harness.economic.journal())
                    .filteredOn(r -> r.method().equals("POST") && r.path().equals("/products")).isEmpty();
            assertThat(harness.economic.products()).filteredOn(p -> p.productNumber().equals("RACE-ART-1")).hasSize(1);
        }
    }
}
