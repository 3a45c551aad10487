package io.jesync.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jesync.config.EconomicSettings;
import io.jesync.config.Secret;
import io.jesync.order.OrderFlowSettings.DocumentType;
import io.jesync.economic.DocumentKind;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicException;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.economic.RetryPolicy;
import io.jesync.simulator.FaultRule;
import io.jesync.simulator.Json;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.status.StatusEventSource.Detection;

/**
 * Detection against the e-conomic simulator: documents created with the client, moved through their life cycle
 * with the simulator's controls, and the events read back, with the calls it took counted from the journal.
 */
class EconomicStatusEventsTest {
    private static final String APP_SECRET = "app-secret-status";
    private static final String GRANT = "grant-status";
    private static final String SHOP = "se";

    private SimClock clock;
    private EconomicSimulator simulator;
    private EconomicClient client;
    private EconomicStatusEvents detector;
    private int customer;

    @BeforeEach
    void start() {
        clock = new SimClock(Clock.fixed(Instant.parse("2026-09-01T10:00:00Z"), ZoneOffset.UTC));
        simulator = new EconomicSimulator(0, 42L, clock, APP_SECRET, GRANT);
        simulator.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        EconomicSettings settings = new EconomicSettings(URI.create(simulator.baseUrl()), Secret.of(APP_SECRET),
                Secret.of(GRANT), 50_000, Duration.ofSeconds(5), Duration.ofSeconds(10));
        client = new EconomicClient(settings, http, null, clock, RateLimitGovernor.standard(clock, 50_000),
                RetryPolicy.standard(), new SplittableRandom(7), clock::advance);
        detector = new EconomicStatusEvents(client);
        customer = client.createCustomer(json("""
                {"name": "Anna Lindqvist", "currency": "SEK", "customerGroup": {"customerGroupNumber": 2},
                 "paymentTerms": {"paymentTermsNumber": 1}, "vatZone": {"vatZoneNumber": 1}}
                """), "customer-anna").body().path("customerNumber").asInt();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void sent_order_then_archived_order_then_its_booked_invoice() {
        TrackedOrder order = transfer("1001", DocumentKind.ORDER);
        int number = order.economicDocumentNumber().intValue();

        Detection quiet = detector.detect(SHOP, List.of(order), Optional.empty());
        assertThat(quiet.events()).isEmpty();
        assertThat(quiet.cursor()).isEmpty();

        simulator.markOrderSent(number);
        Detection sent = detector.detect(SHOP, List.of(order), quiet.cursor());
        assertThat(summary(sent)).containsExactly(tuple("1001", StatusEventType.ORDER_SENT, (long) number));
        assertThat(sent.events().get(0).document().path("references").path("other").asText())
                .isEqualTo("jetshop:se:1001");
        order = recorded(order, sent);

        int upgraded = simulator.archiveSentOrder(number).draftInvoice().path("draftInvoiceNumber").asInt();
        Detection archived = detector.detect(SHOP, List.of(order), sent.cursor());
        assertThat(summary(archived)).containsExactly(tuple("1001", StatusEventType.ORDER_ARCHIVED, (long) number));
        order = recorded(order, archived);

        // The upgrade copied the order's reference to the invoice draft, so its booking is the order's too.
        int booked = simulator.bookDraft(upgraded).path("bookedInvoiceNumber").asInt();
        Detection invoiced = detector.detect(SHOP, List.of(order), archived.cursor());
        assertThat(summary(invoiced)).containsExactly(tuple("1001", StatusEventType.INVOICE_BOOKED, (long) booked));
        assertThat(invoiced.cursor()).contains("booked>" + booked);
    }

    @Test
    void an_order_archived_unseen_was_also_sent() {
        TrackedOrder order = transfer("1001", DocumentKind.ORDER);
        int number = order.economicDocumentNumber().intValue();
        simulator.markOrderSent(number);
        simulator.archiveSentOrder(number);

        Detection detection = detector.detect(SHOP, List.of(order), Optional.empty());

        assertThat(summary(detection)).containsExactly(tuple("1001", StatusEventType.ORDER_SENT, (long) number),
                tuple("1001", StatusEventType.ORDER_ARCHIVED, (long) number));
    }

    @Test
    void booked_then_paid_only_when_the_remainder_reaches_zero() {
        TrackedOrder order = transfer("1001", DocumentKind.DRAFT_INVOICE);
        int booked = simulator.bookDraft(order.economicDocumentNumber().intValue()).path("bookedInvoiceNumber").asInt();

        Detection first = detector.detect(SHOP, List.of(order), Optional.empty());
        assertThat(summary(first)).containsExactly(tuple("1001", StatusEventType.INVOICE_BOOKED, (long) booked));
        assertThat(first.events().get(0).document().path("grossAmount").decimalValue()).isEqualByComparingTo("285.25");
        assertThat(first.cursor()).contains("booked>" + booked);
        order = recorded(order, first);

        simulator.registerPayment(booked, new BigDecimal("200.00"));
        Detection partly = detector.detect(SHOP, List.of(order), first.cursor());
        assertThat(partly.events()).isEmpty();
        assertThat(partly.cursor()).isEqualTo(first.cursor());

        simulator.registerPayment(booked, new BigDecimal("85.25"));
        Detection paid = detector.detect(SHOP, List.of(order), partly.cursor());
        assertThat(summary(paid)).containsExactly(tuple("1001", StatusEventType.INVOICE_PAID, (long) booked));
        order = recorded(order, paid);

        assertThat(detector.detect(SHOP, List.of(order), paid.cursor()).events()).isEmpty();
    }

    @Test
    void after_the_first_run_one_booked_listing_finds_new_invoices_and_the_payments_of_the_open_ones() {
        TrackedOrder paidOrder = transfer("1001", DocumentKind.DRAFT_INVOICE);
        TrackedOrder laterOrder = transfer("1002", DocumentKind.DRAFT_INVOICE);
        int first = simulator.bookDraft(paidOrder.economicDocumentNumber().intValue()).path("bookedInvoiceNumber")
                .asInt();
        Detection before = detector.detect(SHOP, List.of(paidOrder), Optional.empty());
        paidOrder = recorded(paidOrder, before);
        int later = simulator.bookDraft(laterOrder.economicDocumentNumber().intValue()).path("bookedInvoiceNumber")
                .asInt();
        simulator.registerPayment(first, new BigDecimal("285.25"));
        simulator.clearJournal();

        Detection detection = detector.detect(SHOP, List.of(paidOrder, laterOrder), before.cursor());

        assertThat(summary(detection)).containsExactlyInAnyOrder(
                tuple("1001", StatusEventType.INVOICE_PAID, (long) first),
                tuple("1002", StatusEventType.INVOICE_BOOKED, (long) later));
        assertThat(detection.cursor()).contains("booked>" + later);
        // The open invoice's remainder came with the booked listing: no listing of /invoices/paid.
        assertThat(gets()).extracting(RecordedRequest::endpoint).containsExactly("GET /invoices/booked");
    }

    @Test
    void payment_is_found_in_the_same_run_as_the_booking() {
        TrackedOrder order = transfer("1001", DocumentKind.DRAFT_INVOICE);
        int booked = simulator.bookDraft(order.economicDocumentNumber().intValue()).path("bookedInvoiceNumber").asInt();
        simulator.registerPayment(booked, new BigDecimal("285.25"));

        assertThat(summary(detector.detect(SHOP, List.of(order), Optional.empty())))
                .containsExactly(tuple("1001", StatusEventType.INVOICE_BOOKED, (long) booked),
                        tuple("1001", StatusEventType.INVOICE_PAID, (long) booked));
    }

    @Test
    void each_credit_note_is_an_event_and_a_refund_is_no_payment() {
        TrackedOrder order = transfer("1001", DocumentKind.DRAFT_INVOICE);
        int booked = simulator.bookDraft(order.economicDocumentNumber().intValue()).path("bookedInvoiceNumber").asInt();
        Detection first = detector.detect(SHOP, List.of(order), Optional.empty());
        order = recorded(order, first);

        ObjectNode credit = simulator.creditInvoice(booked,
                Optional.of(List.of(new EconomicSimulator.CreditLine(1, BigDecimal.ONE))));
        int creditNote = credit.path("bookedInvoiceNumber").asInt();
        simulator.registerPayment(creditNote, credit.path("remainder").decimalValue());
        Detection refunded = detector.detect(SHOP, List.of(order), first.cursor());
        assertThat(summary(refunded))
                .containsExactly(tuple("1001", StatusEventType.CREDIT_NOTE_BOOKED, (long) creditNote));
        assertThat(refunded.events().get(0).document().path("grossAmount").decimalValue()).isNegative();
        order = recorded(order, refunded);

        int second = simulator.creditInvoice(booked,
                Optional.of(List.of(new EconomicSimulator.CreditLine(2, BigDecimal.ONE)))).path("bookedInvoiceNumber")
                .asInt();
        assertThat(summary(detector.detect(SHOP, List.of(order), refunded.cursor())))
                .containsExactly(tuple("1001", StatusEventType.CREDIT_NOTE_BOOKED, (long) second));
    }

    @Test
    void deleted_draft_invoice_order_draft_and_sent_order() {
        TrackedOrder draft = transfer("1001", DocumentKind.DRAFT_INVOICE);
        TrackedOrder orderDraft = transfer("1002", DocumentKind.ORDER);
        TrackedOrder sentOrder = transfer("1003", DocumentKind.ORDER);
        TrackedOrder alive = transfer("1004", DocumentKind.DRAFT_INVOICE);
        simulator.markOrderSent(sentOrder.economicDocumentNumber().intValue());
        simulator.deleteDraft("invoices/drafts", draft.economicDocumentNumber().intValue());
        simulator.deleteDraft("orders/drafts", orderDraft.economicDocumentNumber().intValue());
        simulator.deleteDraft("orders/sent", sentOrder.economicDocumentNumber().intValue());
        List<TrackedOrder> tracked = List.of(draft, orderDraft, sentOrder, alive);

        Detection detection = detector.detect(SHOP, tracked, Optional.empty());

        assertThat(summary(detection)).containsExactlyInAnyOrder(
                tuple("1001", StatusEventType.DOCUMENT_DELETED, draft.economicDocumentNumber()),
                tuple("1002", StatusEventType.DOCUMENT_DELETED, orderDraft.economicDocumentNumber()),
                tuple("1003", StatusEventType.DOCUMENT_DELETED, sentOrder.economicDocumentNumber()));
        assertThat(detection.events()).allSatisfy(event -> assertThat(event.document()).isNull());

        List<TrackedOrder> after = tracked.stream().map(o -> recorded(o, detection)).toList();
        simulator.clearJournal();
        assertThat(detector.detect(SHOP, after, detection.cursor()).events()).isEmpty();
        // Only the live draft is looked at again: the booked listing and one drafts listing.
        assertThat(gets()).extracting(RecordedRequest::endpoint)
                .containsExactly("GET /invoices/booked", "GET /invoices/drafts");
    }

    @Test
    void a_missing_draft_invoice_is_looked_for_among_the_invoices_only_as_e_conomic_never_turns_one_into_an_order() {
        TrackedOrder draft = transfer("1001", DocumentKind.DRAFT_INVOICE);
        simulator.deleteDraft("invoices/drafts", draft.economicDocumentNumber().intValue());
        simulator.clearJournal();

        assertThat(summary(detector.detect(SHOP, List.of(draft), Optional.empty())))
                .containsExactly(tuple("1001", StatusEventType.DOCUMENT_DELETED, draft.economicDocumentNumber()));
        // The booked listing, the drafts listing, then its reference among the drafts and the booked invoices.
        assertThat(gets()).extracting(RecordedRequest::endpoint).containsExactly("GET /invoices/booked",
                "GET /invoices/drafts", "GET /invoices/drafts", "GET /invoices/booked");
    }

    @Test
    void a_draft_reusing_a_deleted_drafts_number_does_not_hide_the_deletion() {
        TrackedOrder first = transfer("1001", DocumentKind.DRAFT_INVOICE);
        simulator.deleteDraft("invoices/drafts", first.economicDocumentNumber().intValue());
        TrackedOrder second = transfer("1002", DocumentKind.DRAFT_INVOICE);
        assertThat(second.economicDocumentNumber()).isEqualTo(first.economicDocumentNumber());

        assertThat(summary(detector.detect(SHOP, List.of(first, second), Optional.empty())))
                .containsExactly(tuple("1001", StatusEventType.DOCUMENT_DELETED, first.economicDocumentNumber()));
    }

    @Test
    void a_draft_booked_between_the_listings_is_booked_not_deleted() {
        TrackedOrder order = transfer("1001", DocumentKind.DRAFT_INVOICE);
        int draft = order.economicDocumentNumber().intValue();
        List<Integer> booked = new ArrayList<>();
        // The accountant books the draft right after the booked listing was answered, before the drafts listing.
        Consumer<RecordedRequest> accountant = request -> {
            if (request.endpoint().equals("GET /invoices/booked") && booked.isEmpty()) {
                booked.add(simulator.bookDraft(draft).path("bookedInvoiceNumber").asInt());
            }
        };
        simulator.addRequestListener(accountant);

        Detection detection = detector.detect(SHOP, List.of(order), Optional.empty());

        simulator.removeRequestListener(accountant);
        assertThat(summary(detection))
                .containsExactly(tuple("1001", StatusEventType.INVOICE_BOOKED, (long) booked.get(0)));
        // The booked listing ran before the booking, so the cursor must not pass it: the next run reads it again.
        assertThat(detection.cursor()).isEmpty();
        assertThat(summary(detector.detect(SHOP, List.of(recorded(order, detection)), detection.cursor())))
                .containsExactly(tuple("1001", StatusEventType.INVOICE_BOOKED, (long) booked.get(0)));
    }

    @Test
    void other_shops_and_other_cases_of_the_reference_are_ignored() {
        TrackedOrder order = transfer("1001", DocumentKind.DRAFT_INVOICE);
        int otherShop = createDocument(DocumentKind.DRAFT_INVOICE, "jetshop:no:1001");
        int otherCase = createDocument(DocumentKind.DRAFT_INVOICE, "JETSHOP:SE:1001");
        int otherOrder = createDocument(DocumentKind.ORDER, "jetshop:no:1001");
        simulator.bookDraft(otherShop);
        int highest = simulator.bookDraft(otherCase).path("bookedInvoiceNumber").asInt();
        simulator.markOrderSent(otherOrder);

        Detection detection = detector.detect(SHOP, List.of(order), Optional.empty());

        assertThat(detection.events()).isEmpty();
        // Untracked invoices still move the cursor on.
        assertThat(detection.cursor()).contains("booked>" + highest);
    }

    @Test
    void rerunning_with_the_returned_cursor_reads_no_booked_invoice_again() {
        List<TrackedOrder> tracked = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            TrackedOrder order = transfer("10" + i, DocumentKind.DRAFT_INVOICE);
            simulator.bookDraft(order.economicDocumentNumber().intValue());
            tracked.add(order);
        }
        Detection first = detector.detect(SHOP, tracked, Optional.empty());
        assertThat(first.events()).hasSize(5);

        simulator.clearJournal();
        Detection again = detector.detect(SHOP, tracked.stream().map(o -> recorded(o, first)).toList(),
                first.cursor());

        assertThat(again.events()).isEmpty();
        assertThat(again.cursor()).isEqualTo(first.cursor());
        assertThat(gets()).filteredOn(r -> r.endpoint().equals("GET /invoices/booked"))
                .singleElement().satisfies(r -> assertThat(decoded(r.query()))
                        .contains("filter=bookedInvoiceNumber$gt:" + first.cursor().orElseThrow().replace("booked>", "")));
    }

    @Test
    void the_first_run_looks_for_booked_invoices_from_a_month_before_the_oldest_transfer() {
        TrackedOrder order = transfer("1001", DocumentKind.DRAFT_INVOICE);
        simulator.clearJournal();

        detector.detect(SHOP, List.of(order), Optional.empty());

        assertThat(decoded(gets().get(0).query())).contains("filter=date$gte:2026-08-01");
    }

    @Test
    void calls_grow_with_the_tracked_orders_divided_by200() throws Exception {
        List<TrackedOrder> drafts = transferAll("D", 330, DocumentKind.DRAFT_INVOICE);
        List<TrackedOrder> orders = transferAll("O", 120, DocumentKind.ORDER);
        for (int i = 0; i < drafts.size(); i += 3) {
            simulator.bookDraft(drafts.get(i).economicDocumentNumber().intValue());
        }
        for (int i = 0; i < orders.size(); i += 3) {
            simulator.markOrderSent(orders.get(i).economicDocumentNumber().intValue());
        }
        List<TrackedOrder> tracked = new ArrayList<>(drafts);
        tracked.addAll(orders);
        simulator.clearJournal();

        Detection detection = detector.detect(SHOP, tracked, Optional.empty());

        assertThat(detection.events()).extracting(StatusEvent::type).filteredOn(StatusEventType.INVOICE_BOOKED::equals)
                .hasSize(110);
        assertThat(detection.events()).extracting(StatusEvent::type).filteredOn(StatusEventType.ORDER_SENT::equals)
                .hasSize(40);
        // booked listing 1, drafts of 220 open draft invoices 2, orders sent/archived/drafts 3; the 110 invoices'
        // remainders came with the booked listing
        assertThat(gets()).extracting(RecordedRequest::endpoint).containsExactly("GET /invoices/booked",
                "GET /invoices/drafts", "GET /invoices/drafts", "GET /orders/sent", "GET /orders/archived",
                "GET /orders/drafts");
        assertThat(simulator.journal()).hasSize(6);
        assertThat(gets()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void under_faults_the_detection_is_whole_or_it_fails() {
        List<TrackedOrder> tracked = lifeCycleMix();
        Detection clean = detector.detect(SHOP, tracked, Optional.empty());
        assertThat(clean.events()).hasSize(6);

        int whole = 0;
        int failed = 0;
        for (long seed = 1; seed <= 12; seed++) {
            // A poll a minute: the client's outage circuit, opened by a run of failures, lets a call through again.
            clock.advance(Duration.ofMinutes(1));
            simulator.faults().configure(seed, List.of(FaultRule.none("GET ").withServerError(0.25)
                    .withUnavailable(0.1).withRateLimited(0.15, 1)));
            try {
                Detection detection = detector.detect(SHOP, tracked, Optional.empty());
                assertThat(summary(detection)).containsExactlyElementsOf(summary(clean));
                assertThat(detection.cursor()).isEqualTo(clean.cursor());
                whole++;
            } catch (EconomicException e) {
                failed++;
            }
        }
        simulator.faults().clear();
        assertThat(simulator.faults().injectedCounts()).isNotEmpty();
        assertThat(whole).isPositive();
        assertThat(failed).isPositive();
    }

    @Test
    void a_cursor_of_another_form_is_refused_naming_the_shop() {
        TrackedOrder order = transfer("1001", DocumentKind.DRAFT_INVOICE);

        assertThatThrownBy(() -> detector.detect(SHOP, List.of(order), Optional.of("1234")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shop se")
                .hasMessageContaining("booked>");
    }

    // ---- helpers

    /** One order of each fate: sent, archived, booked, paid, deleted, and one still a draft. */
    private List<TrackedOrder> lifeCycleMix() {
        TrackedOrder sent = transfer("1", DocumentKind.ORDER);
        simulator.markOrderSent(sent.economicDocumentNumber().intValue());
        TrackedOrder archived = transfer("2", DocumentKind.ORDER);
        simulator.markOrderSent(archived.economicDocumentNumber().intValue());
        simulator.archiveSentOrder(archived.economicDocumentNumber().intValue());
        TrackedOrder paid = transfer("3", DocumentKind.DRAFT_INVOICE);
        int booked = simulator.bookDraft(paid.economicDocumentNumber().intValue()).path("bookedInvoiceNumber").asInt();
        simulator.registerPayment(booked, new BigDecimal("285.25"));
        TrackedOrder deleted = transfer("4", DocumentKind.DRAFT_INVOICE);
        simulator.deleteDraft("invoices/drafts", deleted.economicDocumentNumber().intValue());
        return List.of(sent, archived, paid, deleted, transfer("5", DocumentKind.DRAFT_INVOICE));
    }

    /** Many transfers at once: the documents are only the setting here, so they are created in parallel. */
    private List<TrackedOrder> transferAll(String prefix, int count, DocumentKind kind) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<TrackedOrder>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String orderNo = prefix + i;
                futures.add(pool.submit(() -> transfer(orderNo, kind)));
            }
            List<TrackedOrder> transferred = new ArrayList<>();
            for (Future<TrackedOrder> future : futures) {
                transferred.add(future.get());
            }
            return transferred;
        } finally {
            pool.shutdown();
        }
    }

    /** What the order flow leaves behind: a document with the order's reference, and the ledger's view of it. */
    private TrackedOrder transfer(String orderNo, DocumentKind kind) {
        String reference = "jetshop:" + SHOP + ":" + orderNo;
        int number = createDocument(kind, reference);
        return new TrackedOrder(SHOP, orderNo, DocumentType.valueOf(kind.name()), reference, (long) number, Set.of(), Set.of(),
                clock.instant());
    }

    private int createDocument(DocumentKind kind, String reference) {
        ObjectNode body = json("""
                {"date": "2026-09-01", "currency": "SEK", "customer": {"customerNumber": %d},
                 "layout": {"layoutNumber": 19}, "paymentTerms": {"paymentTermsNumber": 1},
                 "recipient": {"name": "Anna Lindqvist", "vatZone": {"vatZoneNumber": 1}},
                 "lines": [
                   {"product": {"productNumber": "KAF-00001"}, "description": "Kaffe", "quantity": 2,
                    "unitNetPrice": 100.00},
                   {"product": {"productNumber": "FRAKT"}, "description": "Frakt", "quantity": 1, "unitNetPrice": 49.00}
                 ]}
                """.formatted(customer));
        body.putObject("references").put("other", reference);
        return client.createDocument(kind, body, "create-" + kind + "-" + reference).number();
    }

    /** The order as the caller tracks it after recording the detection's events for it. */
    private static TrackedOrder recorded(TrackedOrder order, Detection detection) {
        Set<StatusEventType> seen = new HashSet<>(order.seen());
        Set<Long> booked = new HashSet<>(order.bookedInvoiceNumbers());
        for (StatusEvent event : detection.events()) {
            if (event.orderNo().equals(order.orderNo())) {
                seen.add(event.type());
                if (event.type() == StatusEventType.INVOICE_BOOKED) {
                    booked.add(event.documentNumber());
                }
            }
        }
        return new TrackedOrder(order.shopId(), order.orderNo(), order.documentType(),
                order.referencesOther(),
                order.economicDocumentNumber(), booked, seen, order.transferredAt());
    }

    private static List<org.assertj.core.groups.Tuple> summary(Detection detection) {
        return detection.events().stream()
                .map(e -> tuple(e.orderNo(), e.type(), e.documentNumber())).toList();
    }

    private List<RecordedRequest> gets() {
        return simulator.journal().stream().filter(r -> r.method().equals("GET")).toList();
    }

    private static String decoded(String query) {
        return java.net.URLDecoder.decode(query, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
