package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/** {@code --replay se/<orderNo> --plugins <folder>} prints the document with the plugins and its difference. */
class ReplayCommandTest {
    @TempDir
    Path tempDir;

    @Test
    void replay_prints_the_document_with_the_folder_s_plugins_and_the_difference_from_what_was_sent()
            throws Exception {
        Path folder = Files.createDirectories(tempDir.resolve("my-plugins"));
        Files.copy(Path.of("routes", "examples", "layout-by-channel.yaml"), folder.resolve("layout.yaml"));
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = harness.placeOrder(1);
            while (order.applicationId() != 1002) {
                harness.norce.vanishOrder(order.id());
                order = harness.placeOrder(order.id() + 1);
            }
            harness.runUntilSettled(5);
            int economicCalls = harness.economic.journal().size();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            int exit = ReplayCommand.parse(new String[] {"--replay", "se/" + order.orderNo(), "--plugins",
                    folder.toString()}).orElseThrow().run(harness.settings, harness.database, Path.of("routes"),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(exit).isZero();
            assertThat(output).contains("Plugins from " + folder + ": 1 file(s)")
                    .contains("Order se/" + order.orderNo() + " would be sent as:")
                    .contains("\"layoutNumber\" : 20")
                    .contains("layout.layoutNumber: 19 → 20").contains("paymentTerms.paymentTermsNumber: 1 → 3");
            assertThat(harness.economic.journal()).hasSize(economicCalls);
        }
    }

    @Test
    void replay_needs_shop_and_order_number() {
        assertThatThrownBy(() -> ReplayCommand.parse(new String[] {"--replay", "1209002"}))
                .hasMessageContaining("--replay needs <shop>/<order number>");
        assertThat(ReplayCommand.parse(new String[] {"--check"})).isEmpty();
    }
}
