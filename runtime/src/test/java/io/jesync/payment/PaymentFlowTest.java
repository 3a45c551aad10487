package io.jesync.payment;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.order.BackoffSchedule;
import io.jesync.shop.norce.NorceOrderMapper;
import io.jesync.simulator.Fault;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.economic.EconomicSimulator.DocumentView;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.status.EconomicStatusEvents;
import io.jesync.status.StatusFlow;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shop payments into the e-conomic simulator's journal, as in the demo: orders transferred as draft invoices, the
 * accountant books them, the status flow captures the payment in the shop, the payment flow enters one customer
 * payment per capture, the accountant books the journal and the invoices are paid. Then the ways it could go twice:
 * running again, no answer from e-conomic with the idempotency window expired, a restart in the middle of a send.
 */
class PaymentFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    @Test
    void booked_and_captured_invoices_get_one_entry_each_which_the_accountant_books_and_they_show_paid()
            throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            List<NorceModel.Order> orders = List.of(h.placeOrder(401), h.placeOrder(402), h.placeOrder(403));
            h.runUntilSettled(10);
            StatusFlow status = h.statusFlow(new EconomicStatusEvents(h.client)).flow();
            List<Integer> booked = bookDrafts(h, 2);
            status.poll("se");
            PaymentFlow payments = payments(h, 1).flow();

            PaymentFlow.Summary first = payments.run("se");
            PaymentFlow.Summary again = payments.run("se");

            assertThat(first.recorded()).isEqualTo(2);
            assertThat(payments(h, 1).ledger().list("se", null, 100)).extracting(p -> p.state() + " " + p.row().reason())
                    .containsOnly("ENTERED null");
            assertThat(first.entered()).isEqualTo(2);
            assertThat(again.recorded()).as("running again records and enters nothing").isZero();
            assertThat(again.entered()).isZero();
            JsonNode entries = journalEntries(h);
            assertThat(entries).hasSize(2);
            assertThat(entries).extracting(e -> e.path("customerInvoice").asInt())
                    .containsExactlyInAnyOrderElementsOf(booked);
            for (JsonNode entry : entries) {
                DocumentView invoice = h.economic.bookedInvoices().stream()
                        .filter(d -> d.number() == entry.path("customerInvoice").asInt()).findFirst().orElseThrow();
                assertThat(entry.path("amount").decimalValue()).isEqualByComparingTo(invoice.grossAmount());
                assertThat(entry.path("customer").path("customerNumber").asInt()).isEqualTo(invoice.customerNumber());
                assertThat(entry.path("contraAccount").path("accountNumber").asInt()).isEqualTo(5820);
                assertThat(entry.path("text").asText()).startsWith("Shop order ");
                assertThat(invoice.remainder()).as("nothing is paid before the accountant books")
                        .isEqualByComparingTo(invoice.grossAmount());
            }
            assertThat(orders).isNotEmpty();

            assertThat(h.economic.bookJournal(1)).isEqualTo(2);
            h.clock.advance(PaymentSettings.enabled(5820).settleInterval());
            PaymentFlow.Summary afterBooking = payments.run("se");

            assertThat(afterBooking.settled()).isEqualTo(2);
            assertThat(h.economic.bookedInvoices()).filteredOn(d -> booked.contains(d.number()))
                    .allSatisfy(d -> assertThat(d.remainder()).isEqualByComparingTo(BigDecimal.ZERO));
            assertThat(h.client.listAll("/invoices/paid", null)).extracting(i -> i.path("bookedInvoiceNumber")
                    .asInt()).containsAll(booked);
            assertThat(payments(h, 1).ledger().list("se", null, 100)).extracting(ShopPayment::state)
                    .containsOnly(PaymentState.SETTLED);
            assertEveryVoucherWasAccepted(h);

            PaymentFlowAssembly assembly = payments(h, 1);
            io.jesync.reconcile.DayReconciler.Result reconciled = new PaymentReconciler(assembly.flow(),
                    assembly.ledger(), assembly.sources(), h.client).reconcile(h.shop(), today(h));
            assertThat(reconciled.findings()).isEmpty();
            assertThat(List.of(reconciled.shopCount(), reconciled.ledgerCount(), reconciled.economicCount()))
                    .as("captured, recorded, in e-conomic").containsExactly(2, 2, 2);
        }
    }

    @Test
    void a_run_reads_its_invoices_together_and_the_years_once_and_lists_the_journal_once_an_hour_while_entries_wait()
            throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            List.of(h.placeOrder(441), h.placeOrder(442), h.placeOrder(443)).forEach(o -> assertThat(o).isNotNull());
            h.runUntilSettled(10);
            bookDrafts(h, 3);
            h.statusFlow(new EconomicStatusEvents(h.client)).flow().poll("se");
            PaymentFlow payments = payments(h, 1).flow();
            h.economic.clearJournal();

            assertThat(payments.run("se").entered()).isEqualTo(3);
            assertThat(calls(h, "GET", "/invoices/booked")).as("one listing of the three invoices").isEqualTo(1);
            assertThat(calls(h, "GET", "/invoices/booked/")).as("no read of an invoice on its own").isZero();
            assertThat(calls(h, "GET", "/accounting-years")).as("years read once for three payments").isEqualTo(1);
            h.economic.clearJournal();
            assertThat(h.economic.bookJournal(1)).isEqualTo(3);
            h.clock.advance(Duration.ofMinutes(5));

            assertThat(payments.run("se").settled()).as("the journal was listed less than an hour ago").isZero();
            assertThat(calls(h, "GET", "/journals/")).isZero();
            h.clock.advance(Duration.ofMinutes(55));

            assertThat(payments.run("se").settled()).isEqualTo(3);
            assertThat(calls(h, "GET", "/accounting-years/")).as("one look-up for the three entries booked")
                    .isEqualTo(1);
            assertThat(calls(h, "GET", "/journals/")).as("one journal listing").isEqualTo(1);
            h.economic.clearJournal();

            PaymentFlow.Summary idle = payments.run("se");

            assertThat(idle).isEqualTo(new PaymentFlow.Summary(0, 0, 0, 0, 0));
            assertThat(h.economic.journal()).as("e-conomic calls of a run with nothing waiting")
                    .noneMatch(r -> !r.path().startsWith("/_sim/"));
        }
    }

    @Test
    void an_invoice_paid_in_e_conomic_before_the_run_gets_no_voucher_and_its_payment_is_parked() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            h.placeOrder(451);
            h.placeOrder(452);
            h.runUntilSettled(10);
            List<Integer> booked = bookDrafts(h, 2);
            h.statusFlow(new EconomicStatusEvents(h.client)).flow().poll("se");
            DocumentView byHand = h.economic.bookedInvoices().stream().filter(d -> d.number() == booked.get(0))
                    .findFirst().orElseThrow();
            h.economic.registerPayment(byHand.number(), byHand.grossAmount());
            PaymentFlowAssembly payments = payments(h, 1);

            PaymentFlow.Summary run = payments.flow().run("se");

            assertThat(run.entered()).isEqualTo(1);
            assertThat(run.parked()).isEqualTo(1);
            assertThat(journalEntries(h)).extracting(e -> e.path("customerInvoice").asInt())
                    .containsExactly(booked.get(1));
            ShopPayment parked = payments.ledger().list("se", PaymentState.PARKED, 10).get(0);
            assertThat(parked.row().reason()).contains("invoice " + byHand.number())
                    .contains("a payment is registered there already");
            assertThat(payments.ledger().requeue("se", parked.id())).isPresent();

            payments.flow().run("se");

            assertThat(journalEntries(h)).as("a retry checks again and still enters nothing").hasSize(1);
            assertThat(payments.ledger().list("se", PaymentState.PARKED, 10)).hasSize(1);
        }
    }

    private static long calls(OrderFlowHarness h, String method, String path) {
        return h.economic.journal().stream().filter(r -> r.method().equals(method)
                && (path.endsWith("/") ? r.path().startsWith(path) : r.path().equals(path))).count();
    }

    private static java.time.LocalDate today(OrderFlowHarness h) {
        return java.time.LocalDate.ofInstant(h.clock.instant(),
                java.time.ZoneId.of(h.shop().orders().mapping().timeZone()));
    }

    @Test
    void a_line_refunded_after_the_capture_gives_a_negative_entry_against_its_credit_note() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = h.placeOrder(441);
            h.runUntilSettled(10);
            int invoice = bookDrafts(h, 1).get(0);
            h.statusFlow(new EconomicStatusEvents(h.client)).flow().poll("se");
            PaymentFlowAssembly payments = payments(h, 1);
            payments.flow().run("se");

            h.norce.cancelLine(order.id(), 1);
            h.clock.advance(Duration.ofMinutes(1));
            h.runReversalsUntilSettled(20);
            payments.flow().run("se");

            DocumentView creditNote = h.economic.bookedInvoices().stream().filter(d -> d.number() != invoice)
                    .findFirst().orElseThrow();
            assertThat(creditNote.grossAmount().signum()).isNegative();
            JsonNode refund = java.util.stream.StreamSupport.stream(journalEntries(h).spliterator(), false)
                    .filter(e -> e.path("customerInvoice").asInt() == creditNote.number()).findFirst().orElseThrow();
            assertThat(refund.path("amount").decimalValue()).isEqualByComparingTo(creditNote.grossAmount());
            assertThat(refund.path("text").asText()).startsWith("Shop order " + order.orderNo() + " refund");
            assertThat(journalEntries(h)).hasSize(2);

            h.economic.bookJournal(1);
            assertThat(h.economic.bookedInvoices()).allSatisfy(d -> assertThat(d.remainder())
                    .isEqualByComparingTo(BigDecimal.ZERO));
            assertEveryVoucherWasAccepted(h);
        }
    }

    @Test
    void lost_answers_with_the_idempotency_window_expired_between_lives_give_no_second_entry() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            h.placeOrder(411);
            h.placeOrder(412);
            h.runUntilSettled(10);
            bookDrafts(h, 2);
            h.statusFlow(new EconomicStatusEvents(h.client)).flow().poll("se");
            Fault[] lost = new Fault[12];
            java.util.Arrays.fill(lost, Fault.LOST_RESPONSE);
            h.economic.faults().script("POST /journals/{number}/vouchers", lost);

            payments(h, 1).flow().run("se");

            assertThat(payments(h, 1).ledger().list("se", null, 100)).extracting(ShopPayment::state)
                    .containsOnly(PaymentState.IN_DOUBT);
            h.economic.faults().clear();
            h.clock.advance(Duration.ofHours(2));
            PaymentFlowAssembly secondLife = payments(h, 2);
            secondLife.flow().run("se");

            assertThat(journalEntries(h)).as("each payment's entry is found and adopted, never sent twice")
                    .hasSize(2);
            assertThat(secondLife.ledger().list("se", null, 100)).extracting(ShopPayment::state)
                    .containsOnly(PaymentState.ENTERED);
            assertThat(secondLife.ledger().list("se", null, 100)).extracting(payment -> payment.row().reason())
                    .allMatch(r -> r.startsWith("adopted"));
        }
    }

    @Test
    void a_restart_between_e_conomics_answer_and_the_commit_adopts_the_entry() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            h.placeOrder(421);
            h.runUntilSettled(10);
            bookDrafts(h, 1);
            h.statusFlow(new EconomicStatusEvents(h.client)).flow().poll("se");
            PaymentFlowAssembly firstLife = payments(h, 1);
            firstLife.flow().run("se");
            assertThat(journalEntries(h)).hasSize(1);
            // What a crash right after e-conomic's 201 leaves behind: the intent SENDING, held by a dead worker.
            ShopPayment entered = firstLife.ledger().list("se", null, 10).get(0);
            try (Connection c = h.database.dataSource().getConnection();
                 PreparedStatement undo = c.prepareStatement("UPDATE shop_payment SET state = 'SENDING',"
                         + " voucher_number = NULL, claimed_by = ?, claimed_until = ? WHERE id = ?")) {
                undo.setString(1, h.settings.instanceId() + "#dead");
                undo.setObject(2, OffsetDateTime.ofInstant(h.clock.instant().plus(Duration.ofHours(5)),
                        ZoneOffset.UTC));
                undo.setLong(3, entered.id());
                assertThat(undo.executeUpdate()).isEqualTo(1);
            }
            h.clock.advance(Duration.ofHours(2));

            PaymentFlowAssembly secondLife = payments(h, 2);
            secondLife.flow().run("se");

            assertThat(journalEntries(h)).hasSize(1);
            ShopPayment after = secondLife.ledger().list("se", null, 10).get(0);
            assertThat(after.state()).isEqualTo(PaymentState.ENTERED);
            assertThat(after.voucherNumber()).isNotNull();
            assertThat(after.row().reason()).startsWith("adopted");
        }
    }

    @Test
    void a_method_without_a_contra_account_is_left_to_the_bank_match_and_an_unbooked_invoice_waits() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.orders.document-type", "order"))) {
            h.placeOrder(431);
            h.runUntilSettled(10);
            int order = h.economic.orders().get(0).number();
            h.economic.markOrderSent(order);
            h.statusFlow(new EconomicStatusEvents(h.client)).flow().poll("se");
            PaymentFlowAssembly payments = payments(h, 1);

            payments.flow().run("se");

            ShopPayment waiting = payments.ledger().list("se", null, 10).get(0);
            assertThat(waiting.state()).as("captured when sent; the invoice is not booked yet")
                    .isEqualTo(PaymentState.WAITING);
            h.clock.advance(Duration.ofDays(15));
            payments.flow().run("se");
            ShopPayment parked = payments.ledger().list("se", null, 10).get(0);
            assertThat(parked.state()).isEqualTo(PaymentState.PARKED);
            assertThat(parked.row().reason()).contains("Order " + parked.orderNo()).contains("within 14 days");
            assertThat(new io.jesync.store.ParkedItems(h.database).open("payment", "se", 10))
                    .extracting(io.jesync.store.ParkedItems.Item::reason).containsExactly(parked.row().reason());
            assertThat(journalEntries(h)).isEmpty();
            io.jesync.reconcile.DayReconciler.Result reconciled = new PaymentReconciler(payments.flow(),
                    payments.ledger(), payments.sources(), h.client).reconcile(h.shop(), java.time.LocalDate.ofInstant(
                    parked.capturedAt(), java.time.ZoneId.of(h.shop().orders().mapping().timeZone())));
            assertThat(reconciled.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(io.jesync.reconcile.Finding.Kind.PAYMENT_NOT_ENTERED);
                assertThat(f.fixPath()).isEqualTo("/api/payments/se/" + parked.id() + "/retry");
            });

            PaymentFlowAssembly bankMatch = PaymentFlowAssembly.create(h.settings, Map.of("se",
                    PaymentSettings.enabled(5820).withContraAccounts(Map.of(), java.util.OptionalInt.empty())),
                    h.database, h.client, (shop, json) -> NorceOrderMapper.toShopOrder(shop.id(), json), h.clock,
                    BackoffSchedule.defaults(), new SplittableRandom(3));
            assertThat(bankMatch.ledger().requeue("se", parked.id())).isPresent();
            bankMatch.flow().run("se");
            assertThat(bankMatch.ledger().list("se", null, 10).get(0).state())
                    .isEqualTo(PaymentState.NOT_REGISTERED);
            assertThat(new io.jesync.store.ParkedItems(h.database).open("payment", "se", 10)).isEmpty();
        }
    }

    private static PaymentFlowAssembly payments(OrderFlowHarness h, long seed) {
        return PaymentFlowAssembly.create(h.settings, Map.of("se", PaymentSettings.enabled(5820)), h.database,
                h.client, (shop, json) -> NorceOrderMapper.toShopOrder(shop.id(), json), h.clock,
                BackoffSchedule.defaults(), new SplittableRandom(seed));
    }

    /** Books the first {@code count} draft invoices, as the accountant does; returns the booked numbers. */
    private static List<Integer> bookDrafts(OrderFlowHarness h, int count) {
        return h.economic.draftInvoices().stream().limit(count)
                .map(d -> h.economic.bookDraft(d.number()).path("bookedInvoiceNumber").asInt()).toList();
    }

    private static JsonNode journalEntries(OrderFlowHarness h) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(h.economic.baseUrl() + "/journals/1/entries?pagesize=1000"))
                .header("X-AppSecretToken", io.jesync.settings.RuntimeSettings.DEMO_APP_SECRET_TOKEN.reveal())
                .header("X-AgreementGrantToken", io.jesync.settings.RuntimeSettings.DEMO_AGREEMENT_GRANT_TOKEN.reveal())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("collection");
    }

    /**
     * The simulator checks every voucher against its transcription of {@code journals.journalNumber.vouchers.post}
     * (JournalModels.VOUCHER) and answers 400 to any that breaks it: none may have been refused.
     */
    private static void assertEveryVoucherWasAccepted(OrderFlowHarness h) {
        List<RecordedRequest> vouchers = h.economic.journal().stream()
                .filter(r -> r.method().equals("POST") && r.path().matches("/journals/\\d+/vouchers")).toList();
        assertThat(vouchers).isNotEmpty();
        assertThat(vouchers).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
    }
}
