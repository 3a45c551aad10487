package io.jesync.status;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.order.OrderFlowSettings.DocumentType;
import io.jesync.economic.DocumentCollection;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.FoundDocument;

/**
 * Detects what happened to a shop's transferred orders in e-conomic with a number of calls that grows with the
 * tracked orders divided by 200, never with the orders one by one (docs/flows/order-status.md, "Detecting events
 * in e-conomic"):
 * <ol>
 *   <li>new booked invoices and credit notes, by {@code bookedInvoiceNumber$gt:<cursor>} (numbers are
 *       consecutive), matched to orders by exact {@code references.other};</li>
 *   <li>each watched draft invoice and order, by its number in {@code $in:} lists of at most 200 in the collections
 *       it can be in; one that is in none of them is looked up by reference in every collection before it is
 *       called deleted, because it may have moved (been booked, sent, archived) between two listings;</li>
 *   <li>payments: the remainder of each open invoice, listed with step 1 ({@code $or:bookedInvoiceNumber$in:}) and,
 *       beyond its first {@value #IN_LIMIT}, by the booked invoice numbers in {@code $in:} lists on
 *       {@code /invoices/paid}.</li>
 * </ol>
 * The look-ups go by number, not by reference, because e-conomic documents {@code $in:} for numeric properties
 * only; a listed document counts only when its reference is exactly the order's, since filters ignore case
 * and e-conomic reuses the numbers of deleted documents. Nothing is written anywhere, so a failed call leaves
 * nothing behind: the exception reaches the caller and the next run starts from the same cursor.
 */
public final class EconomicStatusEvents implements StatusEventSource {
    /** The cursor is the highest booked invoice number read, e.g. {@code booked>1234}. */
    static final String CURSOR_PREFIX = "booked>";
    /** The most values e-conomic takes in one {@code $in:} list. */
    static final int IN_LIMIT = 200;
    /**
     * How much earlier than the oldest transfer the first run looks for booked invoices. An invoice is dated with
     * the shop order's date, which precedes the transfer by as long as the order took to reach a trigger status.
     */
    static final Period FIRST_RUN_MARGIN = Period.ofDays(31);
    private static final String PAID_PATH = "/invoices/paid";

    private final EconomicClient economic;

    public EconomicStatusEvents(EconomicClient economic) {
        this.economic = economic;
    }

    @Override
    public Detection detect(String shopId, List<TrackedOrder> tracked, Optional<String> cursor) {
        OptionalLong after = cursor.map(c -> OptionalLong.of(parseCursor(shopId, c))).orElse(OptionalLong.empty());
        if (tracked.isEmpty()) {
            // Whatever gets booked for orders tracked later is numbered after today's last invoice anyway.
            return new Detection(List.of(), cursor);
        }
        Run run = new Run(shopId, tracked);
        OptionalLong highest = run.readBooked(after);
        run.readInvoiceDrafts();
        run.readOrders();
        run.readPayments();
        // Without any booked invoice read, an empty cursor stays empty: taking today's highest number instead would
        // skip invoices booked between the listing and that look-up.
        Optional<String> next = highest.isPresent() ? Optional.of(CURSOR_PREFIX + highest.getAsLong()) : cursor;
        return new Detection(run.events(), next);
    }

    static long parseCursor(String shopId, String cursor) {
        if (cursor.startsWith(CURSOR_PREFIX)) {
            try {
                return Long.parseLong(cursor.substring(CURSOR_PREFIX.length()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("shop " + shopId + ": status cursor '" + cursor
                + "' is not of the form " + CURSOR_PREFIX + "<booked invoice number>");
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += IN_LIMIT) {
            chunks.add(items.subList(from, Math.min(items.size(), from + IN_LIMIT)));
        }
        return chunks;
    }

    private static String reference(JsonNode document) {
        return document.path("references").path("other").asText(null);
    }

    private static boolean isCreditNote(JsonNode invoice) {
        return invoice.path("grossAmount").decimalValue().signum() < 0;
    }

    private record EventKey(String orderNo, StatusEventType type, long documentNumber) {
    }

    /** One detection: the shop's tracked orders, what is known about them so far, and the events found. */
    private final class Run {
        private final String shopId;
        private final List<TrackedOrder> tracked;
        private final Map<String, TrackedOrder> byReference = new HashMap<>();
        /** Invoices (not credit notes) booked for an order, known before or found in this run. */
        private final Map<String, Set<Long>> invoices = new HashMap<>();
        /** Orders for which this run found any booked document. */
        private final Set<String> booked = new HashSet<>();
        private final Map<EventKey, StatusEvent> events = new LinkedHashMap<>();
        /** The booked invoices step 1 listed, each with its remainder as of this run. */
        private final Map<Long, JsonNode> listed = new HashMap<>();

        Run(String shopId, List<TrackedOrder> tracked) {
            this.shopId = shopId;
            this.tracked = List.copyOf(tracked);
            for (TrackedOrder order : tracked) {
                if (!shopId.equals(order.shopId())) {
                    throw new IllegalArgumentException("shop " + shopId + ": order " + order.orderNo()
                            + " of shop " + order.shopId() + " cannot be detected with this shop's orders");
                }
                if (order.transferredAt() == null || order.referencesOther() == null) {
                    throw new IllegalArgumentException("shop " + shopId + ", order " + order.orderNo()
                            + ": transferredAt and referencesOther are required to watch the order");
                }
                TrackedOrder clash = byReference.putIfAbsent(order.referencesOther(), order);
                if (clash != null) {
                    throw new IllegalArgumentException("shop " + shopId + ": orders " + clash.orderNo() + " and "
                            + order.orderNo() + " share references.other '" + order.referencesOther() + "'");
                }
                invoices.put(order.orderNo(), new LinkedHashSet<>(order.bookedInvoiceNumbers()));
            }
        }

        List<StatusEvent> events() {
            return List.copyOf(events.values());
        }

        /**
         * Step 1. Returns the highest booked invoice number listed, of any order, tracked or not. After the first
         * run the same listing also brings the first {@value #IN_LIMIT} invoices still open for a tracked order
         * ({@code $or:bookedInvoiceNumber$in:[…]}): a booked invoice carries its {@code remainder}, so step 3 needs
         * no listing of {@code /invoices/paid} (the booked invoices whose remainder is 0) for those.
         */
        OptionalLong readBooked(OptionalLong after) {
            Set<Long> open = after.isPresent() ? new LinkedHashSet<>(openInvoices().stream().limit(IN_LIMIT).toList())
                    : Set.of();
            String filter = after.isPresent() ? "bookedInvoiceNumber$gt:" + after.getAsLong()
                    : "date$gte:" + oldestTransferDate().minus(FIRST_RUN_MARGIN);
            if (!open.isEmpty()) {
                filter += "$or:bookedInvoiceNumber$in:" + numberList(List.copyOf(open));
            }
            OptionalLong highest = OptionalLong.empty();
            for (JsonNode invoice : economic.listAll(DocumentCollection.INVOICES_BOOKED.path(), filter)) {
                long number = invoice.path("bookedInvoiceNumber").asLong();
                listed.put(number, invoice);
                if (after.isPresent() && number <= after.getAsLong()) {
                    // Listed only as an open invoice: known already, and below the cursor.
                    continue;
                }
                if (highest.isEmpty() || number > highest.getAsLong()) {
                    highest = OptionalLong.of(number);
                }
                TrackedOrder order = byReference.get(reference(invoice));
                if (order != null) {
                    booked(order, number, invoice);
                }
            }
            return highest;
        }

        /** The invoices booked for tracked orders not yet seen paid, known before this run. */
        private List<Long> openInvoices() {
            return tracked.stream().filter(o -> !o.seen().contains(StatusEventType.INVOICE_PAID))
                    .flatMap(o -> invoices.get(o.orderNo()).stream()).distinct().toList();
        }

        private LocalDate oldestTransferDate() {
            return tracked.stream().map(TrackedOrder::transferredAt).min(Comparable::compareTo)
                    .map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC)).orElseThrow();
        }

        /** Step 2a: draft invoices that are neither booked nor known to be deleted. */
        void readInvoiceDrafts() {
            List<TrackedOrder> watched = tracked.stream()
                    .filter(o -> o.documentType() == DocumentType.DRAFT_INVOICE
                            && !o.seen().contains(StatusEventType.DOCUMENT_DELETED) && !hasBooked(o))
                    .toList();
            for (List<TrackedOrder> chunk : chunks(watched)) {
                Map<String, JsonNode> drafts = listed(DocumentCollection.INVOICE_DRAFTS, chunk);
                chunk.stream().filter(o -> !drafts.containsKey(o.orderNo())).forEach(this::confirmMissing);
            }
        }

        /**
         * Step 2b: orders not yet archived nor deleted. Sent is listed before archived and drafts last, so an order
         * moving on between two listings turns up in the later one or goes to {@link #confirmMissing}.
         */
        void readOrders() {
            List<TrackedOrder> watched = tracked.stream()
                    .filter(o -> o.documentType() == DocumentType.ORDER
                            && !o.seen().contains(StatusEventType.ORDER_ARCHIVED)
                            && !o.seen().contains(StatusEventType.DOCUMENT_DELETED))
                    .toList();
            for (List<TrackedOrder> chunk : chunks(watched)) {
                Map<String, JsonNode> sent = listed(DocumentCollection.ORDERS_SENT, chunk);
                Map<String, JsonNode> archived = listed(DocumentCollection.ORDERS_ARCHIVED, chunk);
                List<TrackedOrder> elsewhere = new ArrayList<>();
                for (TrackedOrder order : chunk) {
                    if (archived.containsKey(order.orderNo())) {
                        archived(order, archived.get(order.orderNo()));
                    } else if (sent.containsKey(order.orderNo())) {
                        sent(order, sent.get(order.orderNo()));
                    } else {
                        elsewhere.add(order);
                    }
                }
                Map<String, JsonNode> drafts = listed(DocumentCollection.ORDER_DRAFTS, elsewhere);
                elsewhere.stream().filter(o -> !drafts.containsKey(o.orderNo())).forEach(this::confirmMissing);
            }
        }

        /** Step 3: the first invoice of each not yet paid order whose remainder reached zero. */
        void readPayments() {
            Map<Long, TrackedOrder> open = new LinkedHashMap<>();
            for (TrackedOrder order : tracked) {
                if (!order.seen().contains(StatusEventType.INVOICE_PAID)) {
                    invoices.get(order.orderNo()).forEach(number -> open.put(number, order));
                }
            }
            Set<String> paid = new HashSet<>();
            List<Long> unlisted = new ArrayList<>();
            for (Long number : open.keySet()) {
                if (listed.containsKey(number)) {
                    paid(open.get(number), number, listed.get(number), paid);
                } else {
                    unlisted.add(number);
                }
            }
            for (List<Long> chunk : chunks(unlisted)) {
                String filter = "bookedInvoiceNumber$in:" + numberList(chunk);
                for (JsonNode invoice : economic.listAll(PAID_PATH, filter)) {
                    long number = invoice.path("bookedInvoiceNumber").asLong();
                    paid(open.get(number), number, invoice, paid);
                }
            }
        }

        /** A listed invoice of {@code order} that counts as the order's payment once its remainder is 0. */
        private void paid(TrackedOrder order, long number, JsonNode invoice, Set<String> paid) {
            // A refunded credit note is "paid" too, but it is not the order's payment.
            if (order != null && invoice.path("remainder").isNumber()
                    && invoice.path("remainder").decimalValue().signum() == 0
                    && !isCreditNote(invoice) && paid.add(order.orderNo())) {
                add(order, StatusEventType.INVOICE_PAID, number, invoice);
            }
        }

        /**
         * The orders of {@code orders} listed in {@code collection}, found by their document number and kept only
         * when the listed reference is exactly theirs; no call when none of them has a number.
         */
        private Map<String, JsonNode> listed(DocumentCollection collection, List<TrackedOrder> orders) {
            List<Long> numbers = orders.stream().map(TrackedOrder::economicDocumentNumber)
                    .filter(Objects::nonNull).distinct().toList();
            if (numbers.isEmpty()) {
                return Map.of();
            }
            Set<String> wanted = orders.stream().map(TrackedOrder::orderNo).collect(Collectors.toSet());
            String filter = collection.numberProperty() + "$in:" + numberList(numbers);
            Map<String, JsonNode> found = new HashMap<>();
            for (JsonNode document : economic.listAll(collection.path(), filter)) {
                TrackedOrder order = byReference.get(reference(document));
                if (order != null && wanted.contains(order.orderNo())
                        && Long.valueOf(document.path(collection.numberProperty()).asLong())
                                .equals(order.economicDocumentNumber())) {
                    found.put(order.orderNo(), document);
                }
            }
            return found;
        }

        /**
         * An order's document is not where the listings looked. It is deleted only if no collection holds its
         * reference; otherwise it moved on between the calls and what it became is the event.
         */
        private void confirmMissing(TrackedOrder order) {
            List<FoundDocument> found = economic.findDocumentsByReference(order.referencesOther(),
                    order.documentType().collections());
            if (found.isEmpty()) {
                Long number = order.economicDocumentNumber();
                add(order, StatusEventType.DOCUMENT_DELETED, number == null ? 0 : number, null);
                return;
            }
            for (FoundDocument document : found) {
                switch (document.collection()) {
                    case INVOICES_BOOKED -> booked(order, document.number(), document.summary());
                    case ORDERS_SENT -> sent(order, document.summary());
                    case ORDERS_ARCHIVED -> archived(order, document.summary());
                    // Still a draft: it went back from sent, or the listing ran before it was stored.
                    case INVOICE_DRAFTS, ORDER_DRAFTS -> { }
                }
            }
        }

        private boolean hasBooked(TrackedOrder order) {
            return !order.bookedInvoiceNumbers().isEmpty() || booked.contains(order.orderNo())
                    || order.seen().contains(StatusEventType.INVOICE_BOOKED)
                    || order.seen().contains(StatusEventType.CREDIT_NOTE_BOOKED);
        }

        private void booked(TrackedOrder order, long number, JsonNode invoice) {
            booked.add(order.orderNo());
            if (isCreditNote(invoice)) {
                add(order, StatusEventType.CREDIT_NOTE_BOOKED, number, invoice);
            } else {
                invoices.get(order.orderNo()).add(number);
                add(order, StatusEventType.INVOICE_BOOKED, number, invoice);
            }
        }

        private void sent(TrackedOrder order, JsonNode document) {
            if (!order.seen().contains(StatusEventType.ORDER_SENT)) {
                add(order, StatusEventType.ORDER_SENT, document.path("orderNumber").asLong(), document);
            }
        }

        /** Only a sent order can be archived, so archived also means sent, even when the sending was never seen. */
        private void archived(TrackedOrder order, JsonNode document) {
            sent(order, document);
            add(order, StatusEventType.ORDER_ARCHIVED, document.path("orderNumber").asLong(), document);
        }

        private void add(TrackedOrder order, StatusEventType type, long number, JsonNode document) {
            events.putIfAbsent(new EventKey(order.orderNo(), type, number),
                    new StatusEvent(shopId, order.orderNo(), type, number, document));
        }
    }

    private static String numberList(List<Long> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
