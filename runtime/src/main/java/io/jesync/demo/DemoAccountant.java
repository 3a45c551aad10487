package io.jesync.demo;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.economic.EconomicSimulator.DocumentView;

/**
 * The demo's accountant: every tick it moves the documents the runtime created one step along e-conomic's life
 * cycle, so the demo shows status coming back to the shop. Most drafts get a parcel's tracking number and are
 * booked (delivered), half of the booked invoices are then paid, a few drafts are left alone, and exactly one is
 * deleted (cancelled). Which document meets which fate follows from its reference and the seed, so a run with the
 * same seed tells the same story. A document is only touched once it was already there a tick earlier, which gives
 * the runtime time to finish its own transfer first.
 */
public final class DemoAccountant extends DemoBackOffice {
    private static final Logger LOG = LoggerFactory.getLogger(DemoAccountant.class);
    static final String INVOICE_DRAFTS = "invoices/drafts";
    static final String ORDER_DRAFTS = "orders/drafts";

    private final EconomicSimulator economic;
    private final String referencePrefix;
    private final long seed;
    private Set<String> seenLastTick = Set.of();
    private boolean cancelledOne;
    private volatile Integer journal;

    public DemoAccountant(EconomicSimulator economic, String referencePrefix, long seed) {
        super("economic-demo-accountant");
        this.economic = economic;
        this.referencePrefix = referencePrefix;
        this.seed = seed;
    }

    /** One round over every document of the runtime's. */
    @Override
    public synchronized void tick() {
        Set<String> seen = new HashSet<>();
        for (DocumentView draft : economic.draftInvoices()) {
            if (ours(draft) && settled(draft, seen)) {
                handleDraft(INVOICE_DRAFTS, draft);
            }
        }
        for (DocumentView order : economic.orders()) {
            if (!ours(order) || !settled(order, seen)) {
                continue;
            }
            if (order.collection().equals(ORDER_DRAFTS)) {
                handleDraft(ORDER_DRAFTS, order);
            } else if (order.collection().equals("orders/sent") && fate(order, 1) == Fate.DELIVER) {
                economic.archiveSentOrder(order.number());
            }
        }
        if (journal != null) {
            int booked = economic.bookJournal(journal);
            if (booked > 0) {
                LOG.info("Demo accountant booked journal {}: {} shop payment(s) settle their invoices", journal,
                        booked);
            }
        }
        for (DocumentView invoice : economic.bookedInvoices()) {
            if (journal == null && ours(invoice) && settled(invoice, seen) && invoice.grossAmount().signum() > 0
                    && invoice.remainder() != null && invoice.remainder().signum() > 0 && paysInFull(invoice)) {
                economic.registerPayment(invoice.number(), invoice.remainder());
            }
        }
        seenLastTick = seen;
    }

    /** The payments arrive as journal entries now; paying by hand as well would pay twice. */
    public void bookJournalInsteadOfPaying(int journalNumber) {
        this.journal = journalNumber;
    }

    private void handleDraft(String collection, DocumentView draft) {
        switch (fate(draft, 0)) {
            case CANCEL -> {
                if (!cancelledOne) {
                    cancelledOne = true;
                    economic.deleteDraft(collection, draft.number());
                    LOG.info("Demo accountant deleted {} {} ({}): the shop should see the order cancelled",
                            collection, draft.number(), draft.referencesOther());
                }
            }
            case LEAVE -> { }
            case DELIVER -> {
                economic.addNote(collection, draft.number(), io.jesync.status.StatusFlowSettings.DEMO_TRACKING_PREFIX + trackingNumber(draft));
                if (collection.equals(INVOICE_DRAFTS)) {
                    economic.bookDraft(draft.number());
                } else {
                    economic.markOrderSent(draft.number());
                }
            }
        }
    }

    private boolean ours(DocumentView document) {
        return document.referencesOther() != null && document.referencesOther().startsWith(referencePrefix);
    }

    /** Records the document as seen and says whether it was already there at the last tick. */
    private boolean settled(DocumentView document, Set<String> seen) {
        String key = document.collection() + "/" + document.number() + "/" + document.referencesOther();
        seen.add(key);
        return seenLastTick.contains(key);
    }

    private enum Fate { DELIVER, LEAVE, CANCEL }

    private Fate fate(DocumentView document, int salt) {
        int roll = Math.floorMod(hash(document.referencesOther(), salt), 12);
        return roll == 0 ? Fate.CANCEL : roll <= 2 ? Fate.LEAVE : Fate.DELIVER;
    }

    private boolean paysInFull(DocumentView invoice) {
        return Math.floorMod(hash(invoice.referencesOther(), 2), 2) == 0;
    }

    /** An SSCC-like 18-digit parcel number, the same for a document on every run with this seed. */
    private String trackingNumber(DocumentView document) {
        long value = Math.floorMod(hash(document.referencesOther(), 3), 1_000_000_000_000L);
        return "00373" + String.format("%013d", value);
    }

    private long hash(String reference, int salt) {
        long h = seed * 0x9E3779B97F4A7C15L + salt;
        for (char c : reference.toCharArray()) {
            h = (h ^ c) * 0x100000001B3L;
        }
        return h ^ (h >>> 29);
    }

}
