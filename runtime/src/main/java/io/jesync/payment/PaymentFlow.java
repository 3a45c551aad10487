package io.jesync.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.config.Shops;
import io.jesync.economic.DocumentCollection;
import io.jesync.economic.DocumentResult;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicException;
import io.jesync.shop.ShopOrder;
import io.jesync.store.WatermarkStore;

/**
 * The payment flow's steps, per shop, as the route calls them: record the captures and refunds the other flows
 * carried out since the flow was switched on, enter the due ones in e-conomic, and see which entries the accountant
 * booked (settled) or removed from the journal (parked).
 */
public final class PaymentFlow {
    static final String START_MARK = "payments-start";
    /** When the flow last listed the shop's journal to see which entries were booked. */
    static final String JOURNAL_LISTED = "payments-journal-listed";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentFlow.class);
    private static final int DUE_PER_RUN = 500;

    /** Reads a stored shop order snapshot (the platform's JSON) as a shop order. */
    @FunctionalInterface
    public interface Snapshots {
        ShopOrder read(ShopSettings shop, String snapshotJson) throws Exception;
    }

    /** What one run did. */
    public record Summary(int recorded, int entered, int settled, int waiting, int parked) {
    }

    private final RuntimeSettings settings;
    private final Map<String, PaymentSettings> payments;
    private final PaymentLedger ledger;
    private final PaymentSources sources;
    private final PaymentRegistration registration;
    private final EconomicClient economic;
    private final Snapshots snapshots;
    private final WatermarkStore watermarks;
    private final Clock clock;

    public PaymentFlow(RuntimeSettings settings, Map<String, PaymentSettings> payments, PaymentLedger ledger,
                       PaymentSources sources, PaymentRegistration registration, EconomicClient economic,
                       Snapshots snapshots, WatermarkStore watermarks, Clock clock) {
        this.settings = settings;
        this.payments = Map.copyOf(payments);
        this.ledger = ledger;
        this.sources = sources;
        this.registration = registration;
        this.economic = economic;
        this.snapshots = snapshots;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    public PaymentSettings settings(String shopId) {
        PaymentSettings found = payments.get(shopId);
        if (found == null) {
            throw new IllegalArgumentException("no payment settings for shop " + shopId);
        }
        return found;
    }

    /** One run for one shop: record, enter, settle, as the {@code register-payments} route runs it. */
    public Summary run(String shopId) {
        Run run = new Run(shopId);
        recordNew(run);
        enterDue(run);
        settleBooked(run);
        return summary(run);
    }

    /** One run's counts, carried in the route's exchange from step to step. */
    public static final class Run {
        private final String shopId;
        private int recorded;
        private int entered;
        private int waiting;
        private int parked;
        private int settled;

        public Run(String shopId) {
            this.shopId = shopId;
        }

        @Override
        public String toString() {
            return "payments of shop " + shopId + ": " + recorded + " recorded, " + entered + " entered, " + settled
                    + " settled, " + waiting + " waiting, " + parked + " parked";
        }
    }

    /** Step {@code record-payments}: new captures and refunds into the payment ledger. */
    public void recordNew(Run run) {
        run.recorded = record(shop(run.shopId), settings(run.shopId));
    }

    /** Step {@code enter-due-payments}: the due payments entered in e-conomic's journal. */
    public void enterDue(Run run) {
        ShopSettings shop = shop(run.shopId);
        PaymentSettings config = settings(run.shopId);
        List<ShopPayment> dueNow = ledger.due(run.shopId, DUE_PER_RUN);
        PaymentRegistration.Invoices invoices = registration.invoicesFor(config, dueNow);
        for (ShopPayment due : dueNow) {
            Optional<PaymentState> state = registration.process(shop, config, due, invoices);
            if (state.isEmpty()) {
                continue;
            }
            switch (state.get()) {
                case ENTERED, SETTLED -> run.entered++;
                case WAITING -> run.waiting++;
                case PARKED -> run.parked++;
                default -> { }
            }
        }
    }

    /** Step {@code settle-payments}: which entered payments the accountant has booked. */
    public void settleBooked(Run run) {
        run.settled = settle(run.shopId, settings(run.shopId));
    }

    /** Step {@code summarise-payments}: the run's counts, logged when anything happened. */
    public Summary summary(Run run) {
        if (run.recorded + run.entered + run.settled + run.parked > 0) {
            LOG.info("Payments of shop {}: {} recorded, {} entered in e-conomic, {} settled, {} waiting, {} parked",
                    run.shopId, run.recorded, run.entered, run.settled, run.waiting, run.parked);
        }
        return new Summary(run.recorded, run.entered, run.settled, run.waiting, run.parked);
    }

    /** Records new captures and refunds; a capture whose order cannot be read is recorded parked, naming why. */
    int record(ShopSettings shop, PaymentSettings config) {
        Instant since = start(shop.id(), config);
        int recorded = 0;
        for (PaymentSources.Capture capture : sources.newCaptures(shop.id(), since)) {
            Optional<ShopOrder> order = order(shop, capture.orderNo());
            String method = order.map(ShopOrder::paymentMethod).orElse(null);
            Optional<ShopPayment> inserted = ledger.insert(new PaymentLedger.NewPayment(shop.id(), capture.orderNo(),
                    capture.sourceKey(), ShopPayment.Kind.PAYMENT, method,
                    order.map(ShopOrder::totalIncVat).orElse(BigDecimal.ZERO),
                    order.map(ShopOrder::currency).orElse("---"), capture.at(), null,
                    VoucherMapper.entryText(shop.id(), capture.orderNo(), ShopPayment.Kind.PAYMENT, method,
                            capture.sourceKey()), key(shop.id(), capture.sourceKey())));
            if (inserted.isPresent()) {
                recorded++;
                if (order.isEmpty()) {
                    ledger.update(inserted.get(), inserted.get().with(PaymentState.PARKED, "Order "
                            + capture.orderNo() + ": captured in the shop, but the order as read from the shop"
                            + " (shop_order) is missing or unreadable, so amount and payment method are unknown"),
                            true);
                }
            }
        }
        for (PaymentSources.Refund refund : sources.newRefunds(shop.id())) {
            Optional<DocumentResult> creditNote;
            try {
                creditNote = economic.getDocument(DocumentCollection.INVOICES_BOOKED, (int) refund.creditNoteNumber());
            } catch (EconomicException e) {
                LOG.warn("Refund of order {}/{} waits: credit note {} cannot be read now: {}", shop.id(),
                        refund.orderNo(), refund.creditNoteNumber(), e.summary());
                continue;
            }
            if (creditNote.isEmpty()) {
                continue;
            }
            JsonNode body = creditNote.get().body();
            String method = ledger.forOrder(shop.id(), refund.orderNo()).stream()
                    .filter(p -> p.kind() == ShopPayment.Kind.PAYMENT).map(ShopPayment::paymentMethod)
                    .filter(m -> m != null).findFirst().orElse(null);
            // A credit note's total is negative: money paid back, which the entry carries as a negative amount.
            BigDecimal amount = body.path("grossAmount").decimalValue().abs().negate();
            if (ledger.insert(new PaymentLedger.NewPayment(shop.id(), refund.orderNo(), refund.sourceKey(),
                    ShopPayment.Kind.REFUND, method, amount, body.path("currency").asText("---"),
                    refund.at(), refund.creditNoteNumber(), VoucherMapper.entryText(shop.id(), refund.orderNo(),
                    ShopPayment.Kind.REFUND, method, refund.sourceKey()), key(shop.id(), refund.sourceKey())))
                    .isPresent()) {
                recorded++;
            }
        }
        return recorded;
    }

    /**
     * Entries that left the journal were booked (found among the accounting year's entries: settled) or deleted by
     * the accountant (parked, for a person to decide). The journal is listed at most once per settle interval while
     * entries wait in it, a look-up only for those gone: the accountant books by hand, and nothing waits for a
     * payment to be settled (the invoice's paid state reaches the shop through the status flow).
     */
    int settle(String shopId, PaymentSettings config) {
        List<ShopPayment> entered = ledger.list(shopId, PaymentState.ENTERED, 10_000);
        if (entered.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Optional<Instant> listed = watermarks.getInstant(JOURNAL_LISTED, shopId);
        if (listed.isPresent() && now.isBefore(listed.get().plus(config.settleInterval()))) {
            return 0;
        }
        Set<String> waiting = new HashSet<>();
        Set<Integer> journals = new HashSet<>();
        entered.forEach(p -> journals.add(p.journalNumber()));
        for (int journal : journals) {
            economic.listAll("/journals/" + journal + "/entries", "entryType$eq:customerPayment")
                    .forEach(e -> waiting.add(journal + "|" + e.path("text").asText("")));
        }
        watermarks.advance(JOURNAL_LISTED, shopId, now);
        List<ShopPayment> gone = entered.stream()
                .filter(p -> !waiting.contains(p.journalNumber() + "|" + p.entryText())).toList();
        Set<ShopPayment> booked = gone.isEmpty() ? Set.of() : registration.booked(gone);
        int settled = 0;
        for (ShopPayment payment : gone) {
            ShopPayment next = booked.contains(payment) ? payment.with(PaymentState.SETTLED, null)
                    : payment.with(PaymentState.PARKED, "Order " + payment.orderNo() + ": the payment entry left"
                    + " journal " + payment.journalNumber() + " without being booked (deleted in e-conomic?);"
                    + " retry enters it again");
            if (ledger.update(payment, next, false).isPresent() && booked.contains(payment)) {
                settled++;
            }
        }
        return settled;
    }

    /** Captures before this are not registered: the accountant matched them by hand before the flow existed. */
    private Instant start(String shopId, PaymentSettings config) {
        if (config.from().isPresent()) {
            ZoneId zone = ZoneId.of(shop(shopId).orders().mapping().timeZone());
            return config.from().get().atStartOfDay(zone).toInstant();
        }
        Optional<Instant> mark = watermarks.getInstant(START_MARK, shopId);
        if (mark.isPresent()) {
            return mark.get();
        }
        Instant now = clock.instant();
        watermarks.advance(START_MARK, shopId, now);
        return watermarks.getInstant(START_MARK, shopId).orElse(now);
    }

    private Optional<ShopOrder> order(ShopSettings shop, String orderNo) {
        Optional<String> snapshot = sources.shopOrderSnapshot(shop.id(), orderNo);
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(snapshots.read(shop, snapshot.get()));
        } catch (Exception e) {
            LOG.warn("Order {}/{}: the stored shop order cannot be read: {}", shop.id(), orderNo, e.getMessage());
            return Optional.empty();
        }
    }

    private static String key(String shopId, String sourceKey) {
        return "jesync:" + shopId + ":payment:" + sourceKey;
    }

    private ShopSettings shop(String shopId) {
        return Shops.byId(settings.shops(), shopId);
    }
}
