package io.jesync.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.order.OrderFlowSettings.DocumentType;
import io.jesync.economic.DocumentCollection;
import io.jesync.economic.DocumentKind;
import io.jesync.economic.DocumentResult;
import io.jesync.economic.EconomicAuthException;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.FieldError;
import io.jesync.economic.FoundDocument;
import io.jesync.economic.EconomicException;
import io.jesync.economic.EconomicOutcomeUnknownException;
import io.jesync.economic.EconomicUnavailableException;
import io.jesync.economic.EconomicValidationException;
import io.jesync.economic.model.EconomicDocument;
import io.jesync.plugin.PluginException;
import io.jesync.plugin.PluginPoint;
import io.jesync.plugin.PluginPoints;
import io.jesync.json.Json;
import io.jesync.json.Json;
import io.jesync.shop.IncomingOrder;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderPort;
import io.jesync.store.ClaimedWork;

/**
 * Moves one shop order to e-conomic exactly once, through the order ledger (DESIGN.md, "Exactly-once
 * documents"): claim the row, map, commit the intent, send with an Idempotency-Key and the business key in
 * {@code references.other}, record the number, book, acknowledge. Whatever might have reached e-conomic is
 * looked up by its reference before anything is sent again; validation errors park the order with a reason
 * a shop owner understands; throttling and outages retry with back-off. One order's trouble never leaves
 * this class as an exception, so it never stops the rest of a batch.
 */
public final class OrderTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTransfer.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration CUSTOMER_BUSY_RETRY = Duration.ofSeconds(15);
    private static final int VALIDATION_CUSTOMER = 1;
    private static final String WAITING_FOR_ECONOMIC = "e-conomic is out; waiting for it to answer again";

    /** How one call left the order. */
    public enum Outcome { SKIPPED, DONE, PARKED, RETRY_LATER, GAVE_UP }

    private final OrderLedger ledger;
    private final EconomicClient economic;
    private final CustomerResolver customers;
    private final ArticleCheck articles;
    private final ShopOrderPort shopPort;
    private final Clock clock;
    private final String instanceId;
    private final BackoffSchedule retry;
    private final RandomGenerator random;
    private final Duration inDoubtDelay;
    private final RestoreGuard restore;
    private final PluginPoints plugins;

    public OrderTransfer(OrderLedger ledger, EconomicClient economic, CustomerResolver customers, ArticleCheck articles,
                         ShopOrderPort shopPort, Clock clock, String instanceId, BackoffSchedule retry,
                         RandomGenerator random, Duration inDoubtDelay, RestoreGuard restore, PluginPoints plugins) {
        this.ledger = ledger;
        this.economic = economic;
        this.customers = customers;
        this.articles = articles;
        this.shopPort = shopPort;
        this.clock = clock;
        this.instanceId = instanceId;
        this.retry = retry;
        this.random = random;
        this.inDoubtDelay = inDoubtDelay;
        this.restore = restore;
        this.plugins = plugins;
    }

    /**
     * Reads in batches what a poll's orders will look up one by one (their articles, their unbound customers), so
     * each transfer finds the answers ready. Nothing is written and nothing depends on it having run.
     */
    public void prepare(ShopSettings shop, List<IncomingOrder> orders) {
        List<ShopOrder> readable = orders.stream().map(IncomingOrder::order).filter(Objects::nonNull).toList();
        if (!readable.isEmpty()) {
            articles.prefetch(readable);
            customers.prefetch(shop.id(), readable, shop.orders());
        }
    }

    /**
     * An order the poll found in a trigger status, claimed for this worker (step {@code claim-order}). Already-handled
     * orders come back finished as {@link Outcome#SKIPPED} without a trace.
     */
    public Work claim(ShopSettings shop, IncomingOrder incoming) {
        Optional<Claim> claim = ledger.claim(shop.id(), incoming.orderNo(), Integer.toString(incoming.channelId()),
                instanceId, LEASE);
        if (claim.isEmpty() && backInTriggerStatus(shop, incoming)) {
            claim = ledger.claim(shop.id(), incoming.orderNo(), Integer.toString(incoming.channelId()), instanceId,
                    LEASE);
        }
        if (claim.isEmpty()) {
            return Work.finished(this, shop, incoming.orderNo(), Outcome.SKIPPED);
        }
        Work work = new Work(shop, claim.get().entry());
        try {
            if (work.entry.economicDocumentNumber() == null && work.entry.state() != OrderState.SENDING
                    && work.entry.state() != OrderState.IN_DOUBT) {
                // Once a document may exist the snapshot stays the order it was made from: the reversal flow
                // compares the shop's later changes (refunds) against it.
                work.entry = work.move(work.entry.state(), LedgerChanges.none()
                        .shopOrder(incoming.platformOrderId(), masked(incoming.rawJson())));
            }
            if (claim.get().newOrder()) {
                work.event("polled", "Read from the shop in a trigger status (channel " + incoming.channelId() + ")",
                        null, null, masked(incoming.rawJson()));
            }
            work.start(incoming);
        } catch (LeaseLost e) {
            work.finish(Outcome.SKIPPED);
        }
        return work;
    }

    /** {@link #claim} and every {@link OrderStep} in order, as the {@code transfer-order} route runs them. */
    public Outcome accept(ShopSettings shop, IncomingOrder incoming) {
        return runSteps(claim(shop, incoming));
    }

    /**
     * An order parked because of its state in the shop (it left the trigger statuses, or could not be found) that
     * the poll sees in a trigger status again is handed back to the flow; a re-send looks it up in e-conomic first.
     */
    private boolean backInTriggerStatus(ShopSettings shop, IncomingOrder incoming) {
        if (incoming.order() == null || !shop.orders().triggerStatusIds(incoming.order().channelId())
                .contains(incoming.order().statusId())) {
            return false;
        }
        Optional<LedgerEntry> known = ledger.find(shop.id(), incoming.orderNo());
        if (known.isEmpty() || known.get().state() != OrderState.PARKED || !Park.forShopState(known.get().row().reason())) {
            return false;
        }
        if (ledger.requeue(shop.id(), incoming.orderNo(), OrderState.PARKED).isEmpty()) {
            return false;
        }
        ledger.appendEvent(shop.id(), incoming.orderNo(), "back-in-trigger-status", "The order is in a trigger status"
                + " again (status " + incoming.order().statusId() + "); it was parked for its state in the shop ("
                + known.get().row().reason() + "), so it is sent again", null, null, 0, null);
        return true;
    }

    /**
     * An order the ledger says is due (a retry, a crashed send, or an unfinished booking or acknowledgement), claimed
     * and read afresh from the shop (step {@code claim-due-order}).
     */
    public Work claimDue(ShopSettings shop, LedgerEntry due) {
        Optional<Claim> claim = ledger.claim(shop.id(), due.orderNo(), due.channel(), instanceId, LEASE);
        if (claim.isEmpty()) {
            return Work.finished(this, shop, due.orderNo(), Outcome.SKIPPED);
        }
        Work work = new Work(shop, claim.get().entry());
        try {
            LedgerEntry entry = work.entry;
            if (entry.platformOrderId() == null) {
                work.finish(work.park(Park.unreadableOrder(entry.orderNo(), "platformOrderId",
                        "the shop's id of the order was never recorded").reason()));
                return work;
            }
            Optional<IncomingOrder> fresh;
            try {
                fresh = shopPort.refetch(shop, Integer.parseInt(entry.channel()), entry.platformOrderId());
            } catch (Exception e) {
                work.finish(work.retryLater("The shop could not be read: " + describe(e), Duration.ZERO));
                return work;
            }
            if (fresh.isEmpty()) {
                if (entry.state() == OrderState.CREATED || entry.state() == OrderState.BOOKED) {
                    work.event("acknowledge-skipped", "The order is gone from the shop; e-conomic has document "
                            + entry.economicDocumentNumber() + ", nothing left to tell the shop", null, null, null);
                    work.move(OrderState.ACKNOWLEDGED, LedgerChanges.none().nextAttemptAt(null).releaseClaim());
                    work.finish(Outcome.DONE);
                    return work;
                }
                work.finish(work.park(Park.orderVanished(entry.orderNo()).reason()));
                return work;
            }
            work.start(fresh.get());
        } catch (LeaseLost e) {
            work.finish(Outcome.SKIPPED);
        }
        return work;
    }

    /** {@link #claimDue} and every {@link OrderStep} in order, as the {@code resume-order} route runs them. */
    public Outcome resume(ShopSettings shop, LedgerEntry due) {
        return runSteps(claimDue(shop, due));
    }

    private Outcome runSteps(Work work) {
        for (OrderStep step : OrderStep.values()) {
            step(step, work);
        }
        return work.outcome();
    }

    /**
     * One step of a claimed order. A finished order (done, parked, skipped or to be retried) is left alone, and the
     * steps before the document exists are passed over once it does (it was sent before, or adopted).
     */
    public void step(OrderStep step, Work work) {
        if (work.finished()) {
            return;
        }
        try {
            switch (step) {
                case FIND_EXISTING_DOCUMENT -> work.beforeSending(work::findExistingDocument);
                case MAP_ORDER -> work.beforeSending(work::mapOrder);
                case CHECK_ARTICLES -> work.beforeSending(work::checkArticles);
                case RESOLVE_CUSTOMER -> work.beforeSending(work::resolveCustomer);
                case CREATE_ARTICLES -> work.beforeSending(work::createArticles);
                case RECORD_SEND_INTENT -> work.beforeSending(work::recordSendIntent);
                case SEND_DOCUMENT -> work.beforeSending(work::sendDocument);
                case CHECK_TOTALS -> work.finishing(work::checkTotals);
                case BOOK_INVOICE -> work.finishing(work::bookInvoice);
                case ACKNOWLEDGE_ORDER -> work.finishing(work::acknowledgeOrder);
            }
        } catch (LeaseLost e) {
            work.finish(Outcome.SKIPPED);
        }
    }

    /**
     * One claimed order on its way through the steps, carried in the route's exchange: its ledger row as this
     * worker last wrote it (every transition checks that version), what the steps found so far, and the outcome
     * once a step finished it.
     */
    public final class Work extends ClaimedWork<Outcome> {
        private final ShopSettings shop;
        private final OrderFlowSettings flow;
        private final String orderNo;
        private LedgerEntry entry;
        private IncomingOrder incoming;
        /** The shop order as the plugins left it: read ({@code order-read}), then for the customer. */
        private ShopOrder order;
        /** The dry run's document, as the {@code order-document} plugins left it; sent with the real customer. */
        private EconomicDocument planned;
        private ArticleCheck.Missing missing;
        private CustomerResolver.Resolution customer;
        private ObjectNode body;
        private JsonNode document;
        private DocumentCollection collection;

        Work(ShopSettings shop, LedgerEntry entry) {
            super(null);
            this.shop = shop;
            this.flow = shop.orders();
            this.orderNo = entry.orderNo();
            this.entry = entry;
        }

        private Work(ShopSettings shop, String orderNo, Outcome outcome) {
            super(outcome);
            this.shop = shop;
            this.flow = shop.orders();
            this.orderNo = orderNo;
        }

        static Work finished(OrderTransfer transfer, ShopSettings shop, String orderNo, Outcome outcome) {
            return transfer.new Work(shop, orderNo, outcome);
        }

        public String shopId() {
            return shop.id();
        }

        public String orderNo() {
            return orderNo;
        }

        /** The ledger state this worker last wrote; null when the order was never claimed. */
        public OrderState state() {
            return entry == null ? null : entry.state();
        }

        @Override
        protected String subject() {
            return "order " + shop.id() + "/" + orderNo + " " + state();
        }

        private void start(IncomingOrder read) {
            if (read.problem() != null) {
                finish(park(Park.unreadableOrder(read.orderNo(), read.problem().field(), read.problem().problem())
                        .reason()));
                return;
            }
            incoming = read;
            if (entry.state() == OrderState.ACKNOWLEDGED || entry.state() == OrderState.PARKED) {
                finish(Outcome.SKIPPED);
                return;
            }
            try {
                // Also for a created document: the totals check compares e-conomic with the order as plugins left it.
                order = plugins.apply(PluginPoint.ORDER_READ, item(), read.order(), ShopOrder.class,
                        OrderPlugins.readContext(read));
            } catch (PluginException e) {
                finish(park(Park.plugin(entry.orderNo(), e).reason()));
            }
        }

        private String item() {
            return shop.id() + "/" + orderNo;
        }

        private boolean documentExists() {
            return entry.state() == OrderState.CREATED || entry.state() == OrderState.BOOKED;
        }

        /** The steps up to the send: bad data parks, a busy customer or an outage retries later. */
        private void beforeSending(Step step) {
            if (documentExists()) {
                return;
            }
            try {
                step.run(order);
            } catch (OrderMappingException e) {
                finish(park(e.reason()));
            } catch (PluginException e) {
                finish(park(Park.plugin(orderNo, e).reason()));
            } catch (CustomerResolver.CustomerBusyException e) {
                finish(retryLater(e.getMessage(), CUSTOMER_BUSY_RETRY));
            } catch (EconomicValidationException e) {
                finish(park(rejected(order, e), e));
            } catch (Exception e) {
                finish(failed(e));
            }
        }

        /** The steps once the document exists: a passing failure continues later from where the order stands. */
        private void finishing(Step step) {
            try {
                step.run(order);
            } catch (EconomicOutcomeUnknownException e) {
                // A booking in doubt is found again by reference: the draft is gone and a booked invoice has it.
                entry = move(OrderState.IN_DOUBT, LedgerChanges.none().reason("Outcome unknown: " + e.summary())
                        .nextAttemptAt(clock.instant().plus(inDoubtDelay)).releaseClaim());
                event("in-doubt", "No answer from e-conomic while finishing (" + e.summary() + ")", status(e),
                        e.requestId(), null);
                finish(Outcome.RETRY_LATER);
            } catch (EconomicValidationException e) {
                finish(park(rejected(order, e), e));
            } catch (Exception e) {
                finish(continueLater(e));
            }
        }

        /** Looks the order up in e-conomic when it may be there already; a document found is adopted. */
        private void findExistingDocument(ShopOrder order) throws Exception {
            String known = entry.referencesOther();
            boolean mayExist = entry.state() == OrderState.IN_DOUBT || entry.payload() != null;
            if (!mayExist && restore.mustLookUp(shop, order.orderDate())) {
                // The store may have forgotten this order's send (restored from a backup): ask e-conomic.
                known = OrderMapper.reference(order, flow.mapping());
                mayExist = true;
            }
            if (mayExist) {
                adoptExisting(order, known);
            }
        }

        private void mapOrder(ShopOrder read) {
            if (!flow.triggerStatusIds(read.channelId()).contains(read.statusId())) {
                // A retry reads the order afresh: cancelled or moved on in the shop meanwhile, it is not sent.
                finish(park(Park.leftTriggerStatuses(read.orderNo(), read.statusId()).reason()));
                return;
            }
            order = plugins.apply(PluginPoint.CUSTOMER, item(), read, ShopOrder.class, Map.of());
            // A dry run of the mapping (and its plugins) finds bad data before anything (customer, article) is created.
            planned = plugins.apply(PluginPoint.ORDER_DOCUMENT, item(), OrderMapper.toDocument(order,
                    VALIDATION_CUSTOMER, flow.mapping()), EconomicDocument.class,
                    OrderPlugins.documentContext(order, incoming));
        }

        // Every check that can park runs before the first write, so a parked order leaves nothing behind.
        private void checkArticles(ShopOrder order) throws Exception {
            missing = articles.check(order, flow);
        }

        private void resolveCustomer(ShopOrder order) throws Exception {
            customer = customers.resolve(shop.id(), order, flow);
            event("customer", "e-conomic customer " + customer.customerNumber() + ": " + customer.how(),
                    null, null, null);
        }

        private void createArticles(ShopOrder order) throws Exception {
            List<String> created = articles.create(order, flow, missing);
            if (!created.isEmpty()) {
                event("articles-created", "Created in e-conomic: " + String.join(", ", created), null, null, null);
            }
        }

        /** Commits the document about to be sent, its Idempotency-Key and reference, before anything is sent. */
        private void recordSendIntent(ShopOrder order) {
            EconomicDocument mapped = OrderMapper.forCustomer(planned, Math.toIntExact(customer.customerNumber()));
            body = Json.MAPPER.valueToTree(mapped);
            String payload = body.toString();
            String hash = CustomerResolver.sha256(payload);
            String reference = mapped.references().other();
            String key = shop.id() + ":" + order.orderNo() + ":" + hash.substring(0, 16);
            entry = move(OrderState.SENDING, LedgerChanges.none().documentType(flow.documentType().key())
                    .payload(payload, hash).idempotencyKey(key).referencesOther(reference).reason(null)
                    .shopOrder(incoming.platformOrderId(), masked(incoming.rawJson())).countAttempt());
            event("mapped", "Mapped to a " + flow.documentType().key() + " for customer "
                    + customer.customerNumber() + "; sending with Idempotency-Key " + key, null, null, payload);
            OrderMapper.roundingNote(order, flow.mapping())
                    .ifPresent(note -> event("rounding", note, null, null, null));
        }

        private void sendDocument(ShopOrder order) {
            DocumentKind kind = createdKind();
            String key = entry.idempotencyKey();
            try {
                DocumentResult created = economic.createDocument(kind, body, key);
                entry = move(OrderState.CREATED, LedgerChanges.none().economicDocumentNumber((long) created.number())
                        .nextAttemptAt(clock.instant().plus(LEASE)));
                event("created", label(created.collection()) + " " + created.number() + " created, gross "
                        + created.body().path("grossAmount").asText("?") + " " + order.currency()
                        + (created.fromCache() ? " (replayed by e-conomic from the idempotency cache)" : ""),
                        201, created.requestId(), null);
                afterCreated(order, created);
                document = created.body();
                collection = created.collection();
            } catch (EconomicOutcomeUnknownException e) {
                entry = move(OrderState.IN_DOUBT, LedgerChanges.none().reason("Outcome unknown: " + e.summary())
                        .nextAttemptAt(clock.instant().plus(inDoubtDelay)).releaseClaim());
                event("in-doubt", "No answer from e-conomic (" + e.summary() + "); it is looked up by reference "
                        + entry.referencesOther() + " before anything is sent again", status(e), e.requestId(), null);
                finish(Outcome.RETRY_LATER);
            } catch (EconomicValidationException e) {
                finish(park(articles.explainRejection(order).orElseGet(() -> rejected(order, e)), e));
            } catch (Exception e) {
                finish(failed(e));
            }
        }

        /** The document exists, so a failing plugin here cannot stop the order: it is noted on the timeline. */
        private void afterCreated(ShopOrder order, DocumentResult created) {
            try {
                plugins.apply(PluginPoint.ORDER_CREATED, item(), created.body(), JsonNode.class,
                        OrderPlugins.createdContext(order, created.collection().name(), created.number()));
            } catch (PluginException e) {
                event("plugin-failed", e.getMessage() + "; the document exists, so the order goes on", null, null,
                        null);
            }
        }

        /** Looks the order up in e-conomic; a document found is adopted instead of sending a second one. */
        private void adoptExisting(ShopOrder order, String reference) throws Exception {
            if (reference == null) {
                return;
            }
            List<FoundDocument> found = economic.findDocumentsByReference(reference);
            event("looked-up", found.isEmpty() ? "No document with reference " + reference + " in e-conomic"
                    : "Found in e-conomic: " + found.stream().map(d -> label(d.collection()) + " " + d.number())
                    .toList(), null, null, null);
            if (found.isEmpty()) {
                return;
            }
            // One order legitimately has several documents over its life (an archived order and its invoice, a
            // booked invoice and its credit note); two in one collection would be a duplicate worth a shout.
            if (found.stream().map(FoundDocument::collection).distinct().count() < found.size()) {
                LOG.error("Order {}/{} has more than one document in one e-conomic collection with reference {}: {}",
                        shop.id(), order.orderNo(), reference, found);
            }
            FoundDocument existing = preferred(found).orElseThrow();
            LedgerChanges changes = LedgerChanges.none().nextAttemptAt(clock.instant().plus(LEASE)).reason(null)
                    .referencesOther(reference).documentType(flow.documentType().key());
            if (existing.collection() == DocumentCollection.INVOICES_BOOKED) {
                entry = move(OrderState.BOOKED, changes.economicBookedNumber((long) existing.number())
                        .economicDocumentNumber(entry.economicDocumentNumber() != null ? entry.economicDocumentNumber()
                                : (long) existing.number()));
            } else {
                entry = move(OrderState.CREATED, changes.economicDocumentNumber((long) existing.number()));
            }
            event("adopted", "Adopted " + label(existing.collection()) + " " + existing.number()
                    + " found by its reference; nothing was sent again", null, null, null);
            collection = existing.collection();
        }

        /**
         * After the document exists: compare e-conomic's total with the shop's. The document is what this worker
         * just saw; when unknown (a resumed or adopted order) it is looked up by its reference, since e-conomic may
         * have moved it on (booked, sent, archived) meanwhile.
         */
        private void checkTotals(ShopOrder order) throws Exception {
            if (entry.state() != OrderState.CREATED) {
                return;
            }
            if (document == null || !document.has("grossAmount")) {
                FoundDocument found = preferred(economic.findDocumentsByReference(entry.referencesOther()))
                        .orElseThrow(() -> new IllegalStateException("document " + entry.economicDocumentNumber()
                                + " with reference " + entry.referencesOther() + " is no longer in e-conomic"));
                collection = found.collection();
                document = economic.getDocument(found.collection(), found.number()).map(DocumentResult::body)
                        .orElseThrow(() -> new IllegalStateException(label(found.collection()) + " "
                                + found.number() + " vanished while it was read"));
                if (collection == DocumentCollection.INVOICES_BOOKED) {
                    entry = move(OrderState.BOOKED, LedgerChanges.none()
                            .economicBookedNumber((long) found.number())
                            .nextAttemptAt(clock.instant().plus(LEASE)));
                    event("booked", "Found already booked as invoice " + found.number(), null, null, null);
                }
            }
            if (entry.state() != OrderState.CREATED) {
                return;
            }
            BigDecimal gross = document.path("grossAmount").decimalValue();
            TotalCheck check = OrderMapper.compareTotals(order.totalIncVat(), gross,
                    flow.mapping().roundingTolerance());
            Optional<String> taxedRounding = taxedRoundingLine(document);
            if (taxedRounding.isPresent()) {
                long number = entry.economicDocumentNumber();
                boolean deleted = deleteDraft(collection, number);
                finish(park(Park.roundingLineTaxed(order.orderNo(), taxedRounding.get(), number, deleted)
                        .reason()));
                return;
            }
            if (check.result() == TotalCheck.Result.ROUNDING) {
                event("rounding", "e-conomic computed " + gross.toPlainString() + " " + order.currency()
                        + ", the shop charged " + order.totalIncVat().toPlainString() + " (difference "
                        + check.difference().toPlainString() + ", accepted as rounding up to "
                        + flow.mapping().roundingTolerance().toPlainString() + ")", null, null, null);
            }
            if (check.result() == TotalCheck.Result.MISMATCH) {
                long number = entry.economicDocumentNumber();
                boolean deleted = deleteDraft(collection, number);
                finish(park(Park.totalsDifferInEconomic(order.orderNo(), order.currency(), check, number,
                        deleted).reason()));
            }
        }

        /** Books the draft (booked-invoice shops) or marks the order sent (order shops that ask for it). */
        private void bookInvoice(ShopOrder order) throws Exception {
            if (entry.state() != OrderState.CREATED) {
                return;
            }
            if (flow.documentType() == DocumentType.BOOKED_INVOICE) {
                DocumentResult bookedInvoice = economic.bookDraft(
                        Math.toIntExact(entry.economicDocumentNumber()), flow.sendBy(),
                        "book:" + entry.idempotencyKey());
                long booked = bookedInvoice.number();
                entry = move(OrderState.BOOKED, LedgerChanges.none().economicBookedNumber(booked)
                        .nextAttemptAt(clock.instant().plus(LEASE)));
                event("booked", "Draft " + entry.economicDocumentNumber() + " booked as invoice " + booked
                        + flow.sendBy().map(sendBy -> ", sent by " + sendBy).orElse(""), 201, null, null);
            } else if (flow.documentType() == DocumentType.ORDER && flow.markOrderSent()
                    && collection == DocumentCollection.ORDER_DRAFTS) {
                economic.markOrderSent((ObjectNode) document, "sent:" + entry.idempotencyKey());
                event("marked-sent", "Order " + entry.economicDocumentNumber() + " marked as sent", 201,
                        null, null);
            }
        }

        /**
         * Deletes the draft of an order that is about to be parked, so a parked order leaves nothing in e-conomic
         * and a re-send (which looks the reference up first) starts clean. A draft that cannot be deleted stays, and
         * the park reason says so.
         */
        private boolean deleteDraft(DocumentCollection collection, long number) {
            if (collection != DocumentCollection.INVOICE_DRAFTS && collection != DocumentCollection.ORDER_DRAFTS) {
                return false;
            }
            try {
                economic.deleteDocument(collection, Math.toIntExact(number), "delete:" + entry.idempotencyKey());
                event("draft-deleted", label(collection) + " " + number + " deleted again: its total differs from"
                        + " the shop's", 204, null, null);
                entry = move(entry.state(), LedgerChanges.none().economicDocumentNumber(null));
                return true;
            } catch (EconomicValidationException e) {
                if (e.status() == 404) {
                    entry = move(entry.state(), LedgerChanges.none().economicDocumentNumber(null));
                    return true;
                }
                LOG.warn("Order {}/{}: draft {} could not be deleted: {}", shop.id(), entry.orderNo(), number,
                        e.summary());
                return false;
            } catch (RuntimeException e) {
                LOG.warn("Order {}/{}: draft {} could not be deleted: {}", shop.id(), entry.orderNo(), number,
                        e.getMessage());
                return false;
            }
        }

        /** The rounding product, when e-conomic put VAT on its line: it must be VAT-free, or rounding adds VAT. */
        private Optional<String> taxedRoundingLine(JsonNode document) {
            String rounding = flow.mapping().roundingProductNumber();
            if (rounding == null) {
                return Optional.empty();
            }
            for (JsonNode line : document.path("lines")) {
                if (rounding.equals(line.path("product").path("productNumber").asText(null))
                        && line.path("vatAmount").decimalValue().signum() != 0) {
                    return Optional.of(rounding);
                }
            }
            return Optional.empty();
        }

        private Optional<FoundDocument> preferred(List<FoundDocument> found) {
            return found.stream().min(Comparator.comparingInt((FoundDocument d) -> preference(d.collection()))
                    .thenComparingInt(FoundDocument::number));
        }

        private void acknowledgeOrder(ShopOrder order) throws Exception {
            long erpNumber = entry.economicBookedNumber() != null ? entry.economicBookedNumber()
                    : entry.economicDocumentNumber();
            if (flow.acknowledgeStatus().isPresent()) {
                shopPort.acknowledge(shop, order, Long.toString(erpNumber), flow.acknowledgeStatus().get());
                event("acknowledged", "Shop told: status " + flow.acknowledgeStatus().get().name()
                        + ", ERP order number " + erpNumber, 200, null, null);
            } else {
                event("acknowledged", "Acknowledgement to the shop is switched off", null, null, null);
            }
            entry = move(OrderState.ACKNOWLEDGED, LedgerChanges.none().nextAttemptAt(null).reason(null)
                    .releaseClaim());
            LOG.info("Order {}/{} is e-conomic {} {}", shop.id(), order.orderNo(), flow.documentType().key(),
                    erpNumber);
            finish(Outcome.DONE);
        }

        /** Booking or acknowledging failed for a passing reason: the same worker or another continues later. */
        private Outcome continueLater(Exception e) {
            if (e instanceof EconomicUnavailableException out && out.notCalled()) {
                return waitForEconomic(out, entry.state());
            }
            Duration wait = retry.delay(entry.row().attempts() + 1, retryAfter(e), random);
            entry = move(entry.state(), LedgerChanges.none().reason(describe(e)).countAttempt()
                    .nextAttemptAt(clock.instant().plus(wait)).releaseClaim());
            event("retry-scheduled", describe(e) + "; continuing in " + wait.toSeconds() + " s", status(e),
                    requestId(e), null);
            return Outcome.RETRY_LATER;
        }

        private Outcome failed(Exception e) {
            if (e instanceof EconomicAuthException auth && auth.status() == 403) {
                // The tokens work; this agreement refuses the resource. Retrying cannot change that.
                return park(Park.refusedByAgreement(entry.orderNo(), flow.documentType().key(), auth.path(),
                        auth.summary()).reason(), auth);
            }
            if (e instanceof EconomicAuthException) {
                LOG.error("e-conomic refused the credentials while sending order {}/{}", shop.id(),
                        entry.orderNo());
            }
            if (e instanceof EconomicUnavailableException out && out.notCalled()) {
                return waitForEconomic(out, documentExists() ? entry.state() : OrderState.FAILED);
            }
            return retryLater(describe(e), retryAfter(e));
        }

        /**
         * e-conomic is out and was not called for this order: nothing was tried, so no attempt is counted and the
         * order's own back-off does not grow with the outage. It comes back when the next call to e-conomic is due,
         * and the backlog goes out as soon as e-conomic answers again. Noted once per outage on the timeline.
         */
        private Outcome waitForEconomic(EconomicUnavailableException out, OrderState target) {
            Duration wait = out.retryAfter().orElse(Duration.ZERO);
            boolean noted = WAITING_FOR_ECONOMIC.equals(entry.row().reason());
            entry = move(entry.state(), LedgerChanges.none().reason(WAITING_FOR_ECONOMIC)
                    .nextAttemptAt(clock.instant().plus(wait)).releaseClaim(), target);
            if (!noted) {
                event("waiting-for-economic", out.summary(), null, null, null);
            }
            return Outcome.RETRY_LATER;
        }

        Outcome retryLater(String why, Duration atLeast) {
            if (retry.exhausted(entry.row().attempts())) {
                entry = move(entry.state(), LedgerChanges.none().reason(why + " (gave up after " + entry.row().attempts()
                        + " attempts)").nextAttemptAt(null).releaseClaim(), OrderState.FAILED);
                event("failed", why + "; no more automatic attempts, re-send it from the admin API", null, null, null);
                return Outcome.GAVE_UP;
            }
            Duration wait = retry.delay(entry.row().attempts() + 1, atLeast, random);
            // Before the document exists a failure is FAILED (looked up first if an intent was stored);
            // after it, the order stays where it is and only the remaining steps are retried.
            OrderState target = entry.state() == OrderState.CREATED || entry.state() == OrderState.BOOKED
                    ? entry.state() : OrderState.FAILED;
            entry = move(entry.state(), LedgerChanges.none().reason(why).countAttempt()
                    .nextAttemptAt(clock.instant().plus(wait)).releaseClaim(), target);
            event("retry-scheduled", why + "; next attempt in " + wait.toSeconds() + " s", null, null, null);
            return Outcome.RETRY_LATER;
        }

        Outcome park(ParkReason reason) {
            return park(reason, null);
        }

        private Outcome park(ParkReason reason, EconomicException cause) {
            entry = move(entry.state(), LedgerChanges.none().reason(reason.message())
                    .reasonCode(reason.code().name()).nextAttemptAt(null).releaseClaim(), OrderState.PARKED);
            event("parked", reason.message(), cause == null ? null : status(cause),
                    cause == null ? null : cause.requestId(), null);
            LOG.warn("Order {}/{} parked: {}", shop.id(), entry.orderNo(), reason.message());
            return Outcome.PARKED;
        }

        /** Which of an order's documents stands for it: the furthest along in the shop's document type. */
        private int preference(DocumentCollection collection) {
            boolean orders = flow.documentType() == DocumentType.ORDER;
            return switch (collection) {
                case INVOICES_BOOKED -> orders ? 3 : 0;
                case INVOICE_DRAFTS -> orders ? 4 : 1;
                case ORDERS_ARCHIVED -> orders ? 0 : 2;
                case ORDERS_SENT -> orders ? 1 : 3;
                case ORDER_DRAFTS -> orders ? 2 : 4;
            };
        }

        private DocumentKind createdKind() {
            return flow.documentType() == DocumentType.ORDER ? DocumentKind.ORDER : DocumentKind.DRAFT_INVOICE;
        }

        LedgerEntry move(OrderState to, LedgerChanges changes) {
            return move(entry.state(), changes, to);
        }

        private LedgerEntry move(OrderState from, LedgerChanges changes, OrderState to) {
            return ledger.transition(shop.id(), entry.orderNo(), entry.row().version(), from, to, changes)
                    .orElseThrow(LeaseLost::new);
        }

        void event(String step, String detail, Integer status, String requestId, String payload) {
            ledger.appendEvent(shop.id(), entry.orderNo(), step, detail, status, requestId, entry.row().attempts(), payload);
        }
    }

    private static String masked(String json) {
        if (json == null) {
            return null;
        }
        try {
            return PayloadMasker.mask(Json.MAPPER.readTree(json)).toString();
        } catch (java.io.IOException e) {
            // Not JSON at all: keep it for support, it holds no structure a secret could hide in by name.
            return json;
        }
    }

    private static Duration retryAfter(Exception e) {
        return e instanceof EconomicUnavailableException u ? u.retryAfter().orElse(Duration.ZERO) : Duration.ZERO;
    }

    /** The HTTP status of a failed call, or null when no answer came. */
    private static Integer status(Exception e) {
        return e instanceof EconomicException x && x.status() > 0 ? x.status() : null;
    }

    private static ParkReason rejected(ShopOrder order, EconomicValidationException e) {
        Optional<FieldError> first = e.fieldErrors().stream().findFirst();
        String field = first.map(FieldError::path).orElse("document");
        String value = first.map(f -> f.value() == null || f.value().isNull() ? null : f.value().asText()).orElse(null);
        return Park.rejectedByEconomic(order.orderNo(), field, value, e.summary()).reason();
    }

    private static String label(DocumentCollection collection) {
        return switch (collection) {
            case INVOICE_DRAFTS -> "draft invoice";
            case INVOICES_BOOKED -> "booked invoice";
            case ORDER_DRAFTS -> "order";
            case ORDERS_SENT -> "sent order";
            case ORDERS_ARCHIVED -> "archived order";
        };
    }

    private static String requestId(Exception e) {
        return e instanceof EconomicException x ? x.requestId() : null;
    }

    private static String describe(Exception e) {
        if (e instanceof EconomicException x) {
            return x.summary();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One step's work on the order as read from the shop. */
    @FunctionalInterface
    private interface Step {
        void run(ShopOrder order) throws Exception;
    }

    /** The claim was taken over (our lease ran out); the new holder carries on. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }
}
