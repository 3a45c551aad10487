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

/** An article number with surrounding spaces is one article: looked up, created and sent without the spaces. */
class ArticleNumberSpacesTest {
    @TempDir
    Path tempDir;

    @Test
    void an_article_number_with_spaces_is_looked_up_created_and_sent_stripped() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            OrderFlowSettings flow = harness.shop().orders();
            ArticleCheck check = new ArticleCheck(harness.client);
            ShopOrder order = TestOrders.order(TestOrders.person("SE"),
                    List.of(TestOrders.product(1, "  NEW-ART-1 ", "1", "100.00")), "125.00");

            List<String> created = check.create(order, flow, check.check(order, flow));

            assertThat(created).containsExactly("NEW-ART-1");
            assertThat(harness.economic.product("NEW-ART-1")).isPresent();
            assertThat(harness.economic.products()).noneMatch(p -> p.productNumber().contains(" "));
            assertThat(new ArticleCheck(harness.client).check(order, flow).isEmpty())
                    .as("found again by its stripped number").isTrue();
            assertThat(OrderMapper.toDocument(order, 1, flow.mapping()).lines().get(0).product().productNumber())
                    .isEqualTo("NEW-ART-1");
        }
    }
}
