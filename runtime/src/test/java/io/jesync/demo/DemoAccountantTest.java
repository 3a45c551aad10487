package io.jesync.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.economic.EconomicSimulator.DocumentView;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

class DemoAccountantTest {

    @TempDir
    Path tempDir;

    @Test
    void moves_transferred_documents_through_their_life_cycle_and_cancels_exactly_one() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(TestDatabases.Kind.H2, tempDir, Map.of())) {
            for (long seed = 1; seed <= 40; seed++) {
                harness.placeOrder(seed);
            }
            harness.runUntilSettled(5);
            List<DocumentView> transferred = harness.economic.draftInvoices();
            assertThat(transferred).hasSize(40);
            DemoAccountant accountant = new DemoAccountant(harness.economic, "jetshop:", 3L);

            accountant.tick();
            assertThat(harness.economic.draftInvoices()).as("nothing is touched on first sight").hasSize(40);

            accountant.tick();
            List<DocumentView> booked = harness.economic.bookedInvoices();
            List<DocumentView> drafts = harness.economic.draftInvoices();
            assertThat(booked).isNotEmpty();
            assertThat(drafts).as("a few drafts are left for later").isNotEmpty();
            assertThat(booked.size() + drafts.size()).as("exactly one draft was deleted").isEqualTo(39);
            for (DocumentView invoice : booked) {
                assertThat(harness.economic.document("invoices/booked", invoice.number()).orElseThrow()
                        .path("notes").path("textLine2").asText()).containsPattern("Tracking: 00373\\d{13}");
            }

            accountant.tick();
            List<DocumentView> after = harness.economic.bookedInvoices();
            long paid = after.stream().filter(i -> i.remainder().signum() == 0).count();
            assertThat(paid).as("about half of the booked invoices are paid in full").isBetween(1L, (long) after.size() - 1);

            accountant.tick();
            assertThat(harness.economic.bookedInvoices().size() + harness.economic.draftInvoices().size())
                    .as("later ticks never cancel another").isEqualTo(39);
        }
    }
}
