package io.jesync.reversal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.economic.DocumentCollection;
import io.jesync.economic.DocumentKind;
import io.jesync.economic.DocumentResult;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicException;
import io.jesync.economic.EconomicOutcomeUnknownException;
import io.jesync.economic.EconomicUnavailableException;
import io.jesync.economic.EconomicValidationException;
import io.jesync.economic.FoundDocument;
import io.jesync.economic.model.EconomicDocument;
import io.jesync.json.Json;
import io.jesync.order.BackoffSchedule;
import io.jesync.shop.IncomingOrder;
import io.jesync.shop.ShopOrder;
import io.jesync.status.StatusEventType;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderLedger;
import io.jesync.order.OrderFlowSettings.DocumentType;
import io.jesync.order.OrderState;
import io.jesync.status.StatusLedger;
import io.jesync.shop.ShopOrderChanges;
import io.jesync.store.ClaimedWork;

/**
 * Takes back in e-conomic, exactly once, what the shop took back after an order's transfer: a cancellation
 * deletes the draft (invoice or order) or credits the booked invoice, a refund or return credits the refunded lines.
 * Same discipline as the order transfer: the reversal's row is the intent, committed before anything is sent; every
 * write carries an Idempotency-Key; an unanswered credit note is looked up by its own {@code references.other}
 * before it is sent again, an unanswered delete by reading the document back. One order's trouble never leaves
 * this class as an exception.
 */
public final class OrderReversal {
    private static final Logger LOG = LoggerFactory.getLogger(OrderReversal.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final TypeReference<List<ReversedLine>> LINES = new TypeReference<>() {
    };
    /** Order states in which a document reached e-conomic. */
    private static final Set<OrderState> TRANSFERRED = Set.of(OrderState.CREATED, OrderState.BOOKED,
            OrderState.ACKNOWLEDGED);

    /** How one call left the reversal. */
    public enum Outcome { SKIPPED, DONE, PARKED, RETRY_LATER, GAVE_UP }

    private final OrderLedger orders;
    private final ReversalLedger reversals;
    private final StatusLedger statusEvents;
    private final EconomicClient economic;
    private final ShopOrderChanges shopOrders;
    private final Clock clock;
    private final String owner;
    private final BackoffSchedule retry;
    private final RandomGenerator random;
    private final Duration inDoubtDelay;

    public OrderReversal(OrderLedger orders, ReversalLedger reversals, StatusLedger statusEvents,
                         EconomicClient economic, ShopOrderChanges shopOrders, Clock clock, String owner,
                         BackoffSchedule retry, RandomGenerator random, Duration inDoubtDelay) {
        this.orders = orders;
        this.statusEvents = statusEvents;
        this.reversals = reversals;
        this.economic = economic;
        this.shopOrders = shopOrders;
        this.clock = clock;
        this.owner = owner;
        this.retry = retry;
        this.random = random;
        this.inDoubtDelay = inDoubtDelay;
    }

    /**
     * Compares an order read from the shop with the order as it was transferred, and records the reversal it asks
     * for. Orders that never reached e-conomic are the order flow's business and are left alone.
     *
     * @return the reversal recorded, or empty when there is nothing (new) to reverse or another worker recorded it
     */
    public Optional<ReversalEntry> detect(ShopSettings shop, IncomingOrder incoming) {
        if (incoming.order() == null) {
            return Optional.empty();
        }
        Optional<LedgerEntry> transferred = orders.find(shop.id(), incoming.orderNo());
        if (transferred.isEmpty() || !TRANSFERRED.contains(transferred.get().state())
                || transferred.get().shopOrder() == null || transferred.get().referencesOther() == null) {
            return Optional.empty();
        }
        LedgerEntry order = transferred.get();
        Optional<ShopOrder> snapshot = shopOrders.transferred(shop.id(), order.shopOrder());
        if (snapshot.isEmpty()) {
            LOG.warn("Order {}/{}: the order as transferred cannot be read back, so changes to it are not reversed",
                    shop.id(), order.orderNo());
            return Optional.empty();
        }
        List<ReversalEntry> earlier = reversals.forOrder(shop.id(), order.orderNo());
        List<ReversedLine> taken = new ArrayList<>();
        earlier.forEach(e -> taken.addAll(lines(e)));
        boolean cancelRecorded = earlier.stream().anyMatch(e -> e.kind() == ReversalKind.CANCEL);
        Optional<ReversalPlanner.Change> change = ReversalPlanner.plan(snapshot.get(), incoming.order(),
                shopOrders.cancelledLines(incoming), taken, cancelRecorded);
        if (change.isEmpty()) {
            return Optional.empty();
        }
        if (change.get().kind() == ReversalKind.CANCEL
                && statusEvents.hasEvent(shop.id(), order.orderNo(), StatusEventType.DOCUMENT_DELETED)) {
            // The status flow cancelled it in the shop because its document was deleted in e-conomic: the
            // cancellation came from there, and there is nothing left to reverse.
            return Optional.empty();
        }
        int seq = earlier.stream().mapToInt(ReversalEntry::seq).max().orElse(0) + 1;
        Optional<ReversalEntry> inserted = reversals.insert(shop.id(), order.orderNo(), seq, change.get().kind(),
                json(change.get().lines()), shop.id() + ":" + order.orderNo() + ":reversal-" + seq,
                order.referencesOther() + "/credit-" + seq);
        inserted.ifPresent(r -> orders.appendEvent(shop.id(), order.orderNo(),
                r.kind() == ReversalKind.CANCEL ? "shop-cancelled" : "shop-refunded",
                (r.kind() == ReversalKind.CANCEL ? "Order " + order.orderNo() + " was cancelled in the shop after"
                        + " its transfer" : "Order " + order.orderNo() + " had lines refunded or returned in the shop"
                        + " after its transfer: " + describe(change.get().lines(), snapshot.get().currency()))
                        + " (reversal " + seq + ")", null, null, null, json(change.get().lines())));
        return inserted;
    }

    /**
     * A recorded reversal that is due (new, retried, in doubt, or a credit note still to book), claimed for this
     * worker (step {@code claim-reversal}); one another worker holds comes back finished as {@link Outcome#SKIPPED}.
     */
    public Work claim(ShopSettings shop, ReversalEntry due) {
        Optional<ReversalEntry> claim = reversals.claim(shop.id(), due.orderNo(), due.seq(), owner, LEASE);
        if (claim.isEmpty()) {
            return new Work(shop, due, null, Outcome.SKIPPED);
        }
        Optional<LedgerEntry> order = orders.find(shop.id(), due.orderNo());
        Work work = new Work(shop, claim.get(), order.orElse(null), null);
        if (work.order == null || work.order.referencesOther() == null) {
            work.step(() -> work.park("Order " + work.entry.orderNo() + " is not in the order ledger any more;"
                    + " nothing can be reversed automatically"));
        }
        return work;
    }

    /** {@link #claim} and every {@link ReversalStep} in order, as the {@code process-reversal} route runs them. */
    public Outcome process(ShopSettings shop, ReversalEntry due) {
        Work work = claim(shop, due);
        for (ReversalStep step : ReversalStep.values()) {
            step(step, work);
        }
        return work.outcome();
    }

    /** One step of a claimed reversal; a finished one is left alone. */
    public void step(ReversalStep step, Work work) {
        switch (step) {
            case REVERSE_DOCUMENT -> work.step(work::reverseDocument);
            case BOOK_CREDIT_NOTE -> work.step(work::bookCreditNote);
        }
    }

    /**
     * One reversal for the worker holding its claim, carried in the route's exchange; every transition checks the
     * version it holds.
     */
    public final class Work extends ClaimedWork<Outcome> {
        private final ShopSettings shop;
        private final ReversalSettings policy;
        private final LedgerEntry order;
        private ReversalEntry entry;

        Work(ShopSettings shop, ReversalEntry entry, LedgerEntry order, Outcome outcome) {
            super(outcome);
            this.shop = shop;
            this.policy = shop.reversal();
            this.entry = entry;
            this.order = order;
        }

        public String orderNo() {
            return entry.orderNo();
        }

        /** The reversal's state as this worker last wrote it. */
        public ReversalState state() {
            return entry.state();
        }

        @Override
        protected String subject() {
            return "reversal " + shop.id() + "/" + entry.orderNo() + "/" + entry.seq() + " " + entry.state();
        }

        /** Runs one step unless the reversal is finished; a step that returns an outcome finishes it. */
        private void step(java.util.function.Supplier<Outcome> step) {
            if (finished()) {
                return;
            }
            try {
                finish(step.get());
            } catch (LeaseLost e) {
                finish(Outcome.SKIPPED);
            }
        }

        /** Credits the booked invoice or deletes the open document; a credit note drafted waits for its booking. */
        private Outcome reverseDocument() {
            return guarded(() -> {
                if (entry.state() == ReversalState.CREATED) {
                    return null;
                }
                if (entry.action() != null) {
                    return resolve();
                }
                if (entry.kind() == ReversalKind.CANCEL && policy.onCancel() == ReversalSettings.OnCancel.PARK) {
                    return park("Order " + entry.orderNo() + " was cancelled in the shop after its transfer: needs a"
                            + " person (e-conomic document " + number(order) + "; on-cancel=park, nothing was sent)");
                }
                if (entry.kind() == ReversalKind.CANCEL && policy.onCancel() == ReversalSettings.OnCancel.IGNORE) {
                    return done("cancel-ignored", "ignored", "Order " + entry.orderNo() + " was cancelled in the shop"
                            + " after its transfer; on-cancel=ignore, so e-conomic document " + number(order)
                            + " stays as it is", ReversalChanges.none());
                }
                return decide();
            });
        }

        private Outcome bookCreditNote() {
            return guarded(() -> book(entry.economicDraftNumber().intValue()));
        }

        private Outcome guarded(java.util.concurrent.Callable<Outcome> step) {
            try {
                return step.call();
            } catch (CreditNoteMapper.CreditNoteException e) {
                return park(e.getMessage());
            } catch (EconomicOutcomeUnknownException e) {
                return inDoubt(e);
            } catch (EconomicValidationException e) {
                return park("Order " + entry.orderNo() + ": e-conomic refused the reversal: " + e.summary());
            } catch (LeaseLost e) {
                throw e;
            } catch (Exception e) {
                return retryLater(e);
            }
        }

        /** Finds where the accountant left the order's document and picks the reversal that fits. */
        private Outcome decide() {
            List<FoundDocument> found = economic.findDocumentsByReference(order.referencesOther(),
                    DocumentType.ofKey(order.documentType()).map(DocumentType::collections)
                            .orElse(List.of(DocumentCollection.values())));
            Optional<FoundDocument> invoice = found.stream()
                    .filter(d -> d.collection() == DocumentCollection.INVOICES_BOOKED)
                    // Credit notes made by hand in e-conomic copy the invoice's reference; they are not the invoice.
                    .filter(d -> d.summary().path("grossAmount").decimalValue().signum() > 0)
                    .min(Comparator.comparing((FoundDocument d) -> order.economicBookedNumber() != null
                            && d.number() == order.economicBookedNumber() ? 0 : 1)
                            .thenComparingInt(FoundDocument::number));
            if (invoice.isPresent()) {
                return credit(invoice.get().number());
            }
            Optional<FoundDocument> open = found.stream().filter(d -> deletable(d.collection()))
                    .min(Comparator.comparingInt((FoundDocument d) -> d.collection().ordinal()));
            if (entry.kind() == ReversalKind.REFUND) {
                return park("Order " + entry.orderNo() + ": " + describe(lines(entry), null) + " refunded in the shop,"
                        + " but its invoice is not booked yet" + open.map(d -> " (" + label(d.collection()) + " "
                        + d.number() + ")").orElse("") + ". Nothing was changed in e-conomic: edit the draft there,"
                        + " or book it first and credit the lines by hand");
            }
            if (open.isEmpty()) {
                return done("cancel-nothing-found", "none", "Order " + entry.orderNo() + " was cancelled in the shop,"
                        + " but e-conomic has no document with reference " + order.referencesOther()
                        + " left to delete or credit (removed by hand?)", ReversalChanges.none());
            }
            return delete(open.get().collection(), open.get().number());
        }

        private Outcome delete(DocumentCollection collection, int number) {
            entry = move(ReversalState.SENDING, ReversalChanges.none().action(deleteAction(collection, number))
                    .economicDraftNumber((long) number).countAttempt());
            try {
                economic.deleteDocument(collection, number, entry.idempotencyKey());
            } catch (EconomicValidationException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
            return done("draft-deleted", null, label(collection) + " " + number + " deleted in e-conomic: order "
                    + entry.orderNo() + " was cancelled in the shop", ReversalChanges.none());
        }

        private Outcome credit(int bookedNumber) {
            JsonNode invoice = economic.getDocument(DocumentCollection.INVOICES_BOOKED, bookedNumber)
                    .map(DocumentResult::body).orElseThrow(() -> new IllegalStateException("booked invoice "
                            + bookedNumber + " of order " + entry.orderNo() + " vanished while it was read"));
            LocalDate today = LocalDate.ofInstant(clock.instant(),
                    ZoneId.of(shop.orders().mapping().timeZone()));
            boolean whole = entry.kind() == ReversalKind.CANCEL
                    && reversals.forOrder(shop.id(), entry.orderNo()).stream().allMatch(r -> r.seq() >= entry.seq());
            if (!whole && lines(entry).isEmpty()) {
                return done("cancel-nothing-found", "none", "Order " + entry.orderNo() + " was cancelled in the shop;"
                        + " earlier refunds already credited every line of invoice " + bookedNumber,
                        ReversalChanges.none());
            }
            EconomicDocument note;
            if (whole) {
                note = CreditNoteMapper.creditAll(invoice, entry.orderNo(), entry.referencesOther(), today);
            } else {
                ShopOrder transferred = shopOrders.transferred(shop.id(), order.shopOrder()).orElseThrow(() ->
                        new CreditNoteMapper.CreditNoteException(entry.orderNo(), "shop_order",
                                "the order as transferred cannot be read back"));
                note = CreditNoteMapper.creditLines(invoice, transferred, shop.orders().mapping(), lines(entry),
                        entry.referencesOther(), today);
            }
            // A store restored from a backup has forgotten the credit notes made since and plans them again, and
            // e-conomic's idempotency window may be over: credit notes are few, so each is looked up before it is made.
            if (foundExisting()) {
                return afterFound();
            }
            ObjectNode body = Json.MAPPER.valueToTree(note);
            entry = move(ReversalState.SENDING, ReversalChanges.none().action("credit-note").countAttempt());
            DocumentResult created = economic.createDocument(DocumentKind.DRAFT_INVOICE, body, entry.idempotencyKey());
            entry = move(ReversalState.CREATED, ReversalChanges.none().economicDraftNumber((long) created.number())
                    .nextAttemptAt(clock.instant().plus(LEASE)));
            event("credit-note", "Credit note draft " + created.number() + " for order " + entry.orderNo()
                    + " against invoice " + bookedNumber + ": " + created.amounts().grossAmount() + " "
                    + invoice.path("currency").asText() + " incl. VAT, " + created.amounts().netAmount() + " ex VAT"
                    + (created.fromCache() ? " (replayed by e-conomic from the idempotency cache)" : ""),
                    201, created.requestId(), body.toString());
            return null;
        }

        private Outcome book(int draftNumber) {
            if (!policy.bookCreditNotes()) {
                return done("credit-note", null, "Credit note draft " + draftNumber + " for order " + entry.orderNo()
                        + " is left for the accountant to check and book (book-credit-notes=false)",
                        ReversalChanges.none());
            }
            DocumentResult booked = economic.bookDraft(draftNumber, Optional.empty(), "book:" + entry.idempotencyKey());
            return done("credit-note-booked", null, "Credit note for order " + entry.orderNo() + " booked as invoice "
                    + booked.number() + ": " + booked.amounts().grossAmount() + " "
                    + booked.body().path("currency").asText() + " incl. VAT", ReversalChanges.none()
                    .economicBookedNumber((long) booked.number()));
        }

        /** Something may have reached e-conomic before: find out what, and carry on from there. */
        private Outcome resolve() {
            if (entry.action().startsWith("delete:")) {
                String[] parts = entry.action().split(":");
                DocumentCollection collection = DocumentCollection.valueOf(parts[1]);
                int number = Integer.parseInt(parts[2]);
                Optional<DocumentResult> still = economic.getDocument(collection, number);
                // e-conomic reuses the numbers of deleted documents: only our reference makes it ours.
                if (still.isPresent() && order.referencesOther().equals(
                        still.get().body().path("references").path("other").asText(null))) {
                    return delete(collection, number);
                }
                return done("draft-deleted", null, label(collection) + " " + number + " of order " + entry.orderNo()
                        + " is gone from e-conomic (checked after an unanswered delete)", ReversalChanges.none());
            }
            return foundExisting() ? afterFound() : decide();
        }

        /** Done when the found credit note was booked; otherwise the next step books the found draft. */
        private Outcome afterFound() {
            return entry.state() == ReversalState.DONE ? Outcome.DONE : null;
        }

        /**
         * Whether e-conomic already has a credit note under this reversal's reference; the entry then records it
         * (DONE with a booked one, CREATED with a draft).
         */
        private boolean foundExisting() {
            List<FoundDocument> found = economic.findDocumentsByReference(entry.referencesOther(),
                    List.of(DocumentCollection.INVOICE_DRAFTS, DocumentCollection.INVOICES_BOOKED));
            event("looked-up", found.isEmpty() ? "No credit note with reference " + entry.referencesOther()
                    + " in e-conomic" : "Found credit note " + found.stream().map(d -> label(d.collection()) + " "
                    + d.number()).collect(Collectors.joining(", ")) + " by reference " + entry.referencesOther(),
                    null, null, null);
            Optional<FoundDocument> booked = found.stream()
                    .filter(d -> d.collection() == DocumentCollection.INVOICES_BOOKED).findFirst();
            if (booked.isPresent()) {
                done("credit-note-booked", null, "Credit note for order " + entry.orderNo()
                        + " found booked as invoice " + booked.get().number() + "; nothing was sent again",
                        ReversalChanges.none().economicBookedNumber((long) booked.get().number()));
                return true;
            }
            Optional<FoundDocument> draft = found.stream()
                    .filter(d -> d.collection() == DocumentCollection.INVOICE_DRAFTS).findFirst();
            if (draft.isPresent()) {
                entry = move(ReversalState.CREATED, ReversalChanges.none()
                        .economicDraftNumber((long) draft.get().number()).nextAttemptAt(clock.instant().plus(LEASE)));
                return true;
            }
            return false;
        }

        private Outcome done(String step, String action, String detail, ReversalChanges changes) {
            ReversalChanges all = changes.reason(null).nextAttemptAt(null).releaseClaim();
            entry = move(ReversalState.DONE, action == null ? all : all.action(action));
            event(step, detail, null, null, null);
            LOG.info("Order {}/{} reversal {}: {}", shop.id(), entry.orderNo(), entry.seq(), detail);
            return Outcome.DONE;
        }

        private Outcome park(String reason) {
            entry = move(ReversalState.PARKED, ReversalChanges.none().reason(reason).nextAttemptAt(null)
                    .releaseClaim());
            event(entry.kind() == ReversalKind.CANCEL ? "cancel-parked" : "refund-parked", reason, null, null, null);
            LOG.warn("Order {}/{} reversal {} parked: {}", shop.id(), entry.orderNo(), entry.seq(), reason);
            return Outcome.PARKED;
        }

        private Outcome inDoubt(EconomicOutcomeUnknownException e) {
            entry = move(ReversalState.IN_DOUBT, ReversalChanges.none().reason("Outcome unknown: " + e.summary())
                    .nextAttemptAt(clock.instant().plus(inDoubtDelay)).releaseClaim());
            event("reversal-in-doubt", "No answer from e-conomic (" + e.summary() + "); checked in e-conomic before"
                    + " anything is sent again", status(e), e.requestId(), null);
            return Outcome.RETRY_LATER;
        }

        private Outcome retryLater(Exception e) {
            String why = e instanceof EconomicException x ? x.summary()
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (retry.exhausted(entry.row().attempts())) {
                entry = move(ReversalState.FAILED, ReversalChanges.none().reason(why + " (gave up after "
                        + entry.row().attempts() + " attempts)").nextAttemptAt(null).releaseClaim());
                event("reversal-failed", why + "; no more automatic attempts", null, null, null);
                return Outcome.GAVE_UP;
            }
            Duration atLeast = e instanceof EconomicUnavailableException u ? u.retryAfter().orElse(Duration.ZERO)
                    : Duration.ZERO;
            Duration wait = retry.delay(entry.row().attempts() + 1, atLeast, random);
            // A credit note that exists stays CREATED: only its booking is retried.
            ReversalState target = entry.state() == ReversalState.CREATED ? ReversalState.CREATED
                    : ReversalState.FAILED;
            entry = move(target, ReversalChanges.none().reason(why).countAttempt()
                    .nextAttemptAt(clock.instant().plus(wait)).releaseClaim());
            event("reversal-retry-scheduled", why + "; next attempt in " + wait.toSeconds() + " s",
                    e instanceof EconomicException x ? status(x) : null, null, null);
            return Outcome.RETRY_LATER;
        }

        private ReversalEntry move(ReversalState to, ReversalChanges changes) {
            return reversals.transition(entry, to, changes).orElseThrow(LeaseLost::new);
        }

        private void event(String step, String detail, Integer status, String requestId, String payload) {
            orders.appendEvent(shop.id(), entry.orderNo(), step, detail, status, requestId, entry.row().attempts(), payload);
        }
    }

    private static boolean deletable(DocumentCollection collection) {
        return collection == DocumentCollection.INVOICE_DRAFTS || collection == DocumentCollection.ORDER_DRAFTS
                || collection == DocumentCollection.ORDERS_SENT;
    }

    private static String deleteAction(DocumentCollection collection, int number) {
        return "delete:" + collection.name() + ":" + number;
    }

    private static String number(LedgerEntry order) {
        return order.economicBookedNumber() != null ? "invoice " + order.economicBookedNumber()
                : String.valueOf(order.economicDocumentNumber());
    }

    static List<ReversedLine> lines(ReversalEntry entry) {
        try {
            return Json.MAPPER.readValue(entry.lines(), LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reversal " + entry.seq() + " of order " + entry.orderNo()
                    + " has unreadable lines", e);
        }
    }

    private static String json(List<ReversedLine> lines) {
        try {
            return Json.MAPPER.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(List<ReversedLine> lines, String currency) {
        return lines.stream().map(l -> l.quantity().toPlainString() + " × "
                        + (l.articleNumber() == null ? l.kind().name().toLowerCase() : l.articleNumber())
                        + (currency == null ? "" : " (" + l.netAmount().toPlainString() + " " + currency + " ex VAT)"))
                .collect(Collectors.joining(", "));
    }

    private static String label(DocumentCollection collection) {
        return switch (collection) {
            case INVOICE_DRAFTS -> "draft invoice";
            case INVOICES_BOOKED -> "booked invoice";
            case ORDER_DRAFTS -> "order draft";
            case ORDERS_SENT -> "sent order";
            case ORDERS_ARCHIVED -> "archived order";
        };
    }

    private static Integer status(EconomicException e) {
        return e.status() > 0 ? e.status() : null;
    }

    /** The claim was taken over (our lease ran out); the new holder carries on. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }
}
