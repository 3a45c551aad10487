package io.jesync.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.economic.DocumentCollection;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicEncoding;
import io.jesync.store.WatermarkStore;

/**
 * Notices a store that is behind e-conomic — restored from an older backup, or copied from another installation —
 * and makes the sends it could duplicate look in e-conomic first.
 *
 * <p>Once per process life and shop, before the first send, it reads the newest documents in every collection a
 * document of ours can be in (one call each, sorted by number, filtered on the shop's reference prefix). A
 * document whose order the store does not know as sent means the store has forgotten a send. Then every order
 * placed before that moment is looked up by its {@code references.other} before anything is created for it: those
 * are the only orders the forgotten sends can have been for. Orders placed afterwards cannot have been sent by an
 * earlier life, so the normal path keeps its cost of no extra call per order. The moment is kept in the store, so
 * a restart during the catch-up keeps looking up. While the check has not succeeded (e-conomic unreachable), every
 * send looks up first.
 */
public final class RestoreGuard {
    static final String WATERMARK = "restore-detected";
    /** Newest documents read per collection; more forgotten sends than this still show in the newest ones. */
    static final int NEWEST = 20;
    private static final Logger LOG = LoggerFactory.getLogger(RestoreGuard.class);

    private final OrderLedger ledger;
    private final EconomicClient economic;
    private final WatermarkStore watermarks;
    private final Clock clock;
    /** Per shop, this life: orders placed before this instant are looked up before they are sent. */
    private final Map<String, Instant> lookUpBefore = new ConcurrentHashMap<>();

    public RestoreGuard(OrderLedger ledger, EconomicClient economic, WatermarkStore watermarks, Clock clock) {
        this.ledger = ledger;
        this.economic = economic;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    /** Whether {@code orderDate}'s order must be looked up in e-conomic before a first send. */
    public boolean mustLookUp(ShopSettings shop, Instant orderDate) {
        Instant before = lookUpBefore.get(shop.id());
        if (before == null) {
            try {
                before = check(shop);
                lookUpBefore.put(shop.id(), before);
            } catch (RuntimeException e) {
                LOG.warn("Shop {}: could not check e-conomic for sends the store does not know ({}); looking every"
                        + " order up before sending it until the check succeeds", shop.id(), e.getMessage());
                return true;
            }
        }
        return orderDate == null || orderDate.isBefore(before);
    }

    /** @return the instant before which orders are looked up: the last detected restore, or the epoch */
    private Instant check(ShopSettings shop) {
        String prefix = shop.orders().mapping().referencePrefix() + shop.id() + ":";
        List<String> forgotten = new ArrayList<>();
        for (DocumentCollection collection : DocumentCollection.values()) {
            for (JsonNode document : newest(collection, prefix)) {
                String reference = document.path("references").path("other").asText("");
                // Credit notes carry "<reference>/credit-n"; a case-insensitive match may be another prefix's.
                if (!reference.startsWith(prefix) || reference.indexOf('/', prefix.length()) >= 0) {
                    continue;
                }
                String orderNo = reference.substring(prefix.length());
                Optional<LedgerEntry> known = ledger.find(shop.id(), orderNo);
                if (known.isEmpty() || known.get().referencesOther() == null) {
                    forgotten.add(orderNo + " (" + collection.path() + " "
                            + document.path(collection.numberProperty()).asText() + ")");
                }
            }
        }
        if (!forgotten.isEmpty()) {
            Instant now = clock.instant();
            watermarks.advance(WATERMARK, shop.id(), now);
            LOG.warn("Shop {}: e-conomic has documents for orders this store never sent: {}. The store was restored"
                    + " from an older backup or copied: every order placed before {} is looked up in e-conomic by its"
                    + " reference before it is sent, so none is sent twice", shop.id(),
                    forgotten.size() > 10 ? forgotten.subList(0, 10) + " and " + (forgotten.size() - 10) + " more"
                            : forgotten, now);
        }
        return watermarks.getInstant(WATERMARK, shop.id()).orElse(Instant.EPOCH);
    }

    private List<JsonNode> newest(DocumentCollection collection, String prefix) {
        String filter = "references.other$like:" + EconomicEncoding.filterValue(prefix);
        JsonNode page = economic.read(collection.path() + "?pagesize=" + NEWEST + "&sort=-"
                + collection.numberProperty() + "&filter=" + EconomicEncoding.queryValue(filter));
        List<JsonNode> documents = new ArrayList<>();
        page.path("collection").forEach(documents::add);
        return documents;
    }
}
