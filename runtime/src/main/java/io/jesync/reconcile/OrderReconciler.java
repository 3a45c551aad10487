package io.jesync.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.order.OrderFlowSettings.DocumentType;
import io.jesync.economic.DocumentCollection;
import io.jesync.economic.EconomicClient;
import io.jesync.shop.IncomingOrder;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrders;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderLedger;
import io.jesync.order.OrderState;
import io.jesync.reversal.ReversalLedger;
import io.jesync.shop.IncomingOrder;
import io.jesync.shop.ShopOrderBatch;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderLedger;
import io.jesync.order.OrderState;
import io.jesync.reversal.ReversalLedger;

/**
 * Orders of one shop and day, three ways: the shop's orders placed that day in a trigger status (Norce Query), the
 * ledger's rows for them (with the shop order as it was transferred, for orders that have left the trigger statuses
 * since), and the e-conomic documents dated that day whose {@code references.other} carries this
 * shop's prefix. e-conomic is read with one filtered listing per collection the shop's document type can end up in
 * (drafts and booked, or order drafts, sent and archived), not one call per order; only a document the ledger
 * recorded but the day's listing lacks is looked up by its reference (its date may differ).
 */
public final class OrderReconciler implements DayReconciler {

    private final ShopOrders shopOrders;
    private final OrderLedger ledger;
    private final ReversalLedger reversals;
    private final EconomicClient economic;
    private final Function<String, Optional<Instant>> lastPoll;

    /** @param lastPoll per shop, the order flow's watermark: shop orders changed after it are not read yet */
    public OrderReconciler(ShopOrders shopOrders, OrderLedger ledger, ReversalLedger reversals,
                           EconomicClient economic, Function<String, Optional<Instant>> lastPoll) {
        this.shopOrders = shopOrders;
        this.ledger = ledger;
        this.reversals = reversals;
        this.economic = economic;
        this.lastPoll = lastPoll;
    }

    @Override
    public String kind() {
        return "orders";
    }

    @Override
    public Result reconcile(ShopSettings shop, LocalDate day) throws Exception {
        ZoneId zone = ZoneId.of(shop.orders().mapping().timeZone());
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        String prefix = shop.orders().mapping().referencePrefix() + shop.id() + ":";

        Map<String, IncomingOrder> inShop = new LinkedHashMap<>();
        for (IncomingOrder order : shopOrders.ordersSince(shop, start).orders()) {
            if (order.order() != null && !order.order().orderDate().isBefore(start)
                    && order.order().orderDate().isBefore(end)) {
                inShop.put(order.orderNo(), order);
            }
        }
        Map<String, List<JsonNode>> inEconomic = new LinkedHashMap<>();
        String filter = "date$gte:" + day + "$and:date$lte:" + day;
        for (DocumentCollection collection : collections(shop.orders().documentType())) {
            for (JsonNode document : economic.listAll(collection.path(), filter)) {
                String reference = document.path("references").path("other").asText("");
                if (reference.startsWith(prefix)) {
                    inEconomic.computeIfAbsent(reference.substring(prefix.length()), k -> new ArrayList<>())
                            .add(withCollection(document, collection));
                }
            }
        }

        List<Finding> findings = new ArrayList<>();
        recogniseCreditNotes(shop, inEconomic, findings);
        // Transfer and reconciliation accept the same difference as rounding, so one never flags what the other let by.
        BigDecimal tolerance = shop.orders().mapping().roundingTolerance();
        Optional<Instant> polledUpTo = lastPoll.apply(shop.id());
        int ledgerCount = 0;
        java.util.Set<String> orderNos = new java.util.LinkedHashSet<>(inShop.keySet());
        orderNos.addAll(inEconomic.keySet());
        for (String orderNo : orderNos) {
            IncomingOrder shopOrder = inShop.get(orderNo);
            Optional<LedgerEntry> entry = ledger.find(shop.id(), orderNo);
            if (entry.isPresent()) {
                ledgerCount++;
            }
            List<JsonNode> documents = inEconomic.getOrDefault(orderNo, List.of());
            if (entry.isEmpty()) {
                if (shopOrder != null && documents.isEmpty() && !notReadYet(shopOrder, polledUpTo)) {
                    findings.add(new Finding(Finding.Kind.MISSING_IN_LEDGER, orderNo, "Order " + orderNo + " is in the"
                            + " shop in a trigger status (channel " + shopOrder.channelId() + ") but the flow never"
                            + " read it", "Import it: the flow then reads it from the shop and sends it like any"
                            + " other", "POST", "/api/orders/" + shop.id() + "/" + orderNo + "/import",
                            Map.of("platformOrderId", shopOrder.platformOrderId(), "channel",
                                    Integer.toString(shopOrder.channelId()))));
                } else if (!documents.isEmpty()) {
                    findings.add(Finding.manual(Finding.Kind.MISSING_IN_LEDGER, orderNo, "e-conomic has "
                            + describe(documents) + " for order " + orderNo + ", which the ledger does not know (made by"
                            + " hand, or by another installation)", "Check the document in e-conomic; delete it if it"
                            + " is not wanted, or leave it and tell the shop by hand"));
                }
                continue;
            }
            LedgerEntry row = entry.get();
            if (row.state() == OrderState.SKIPPED) {
                if (!documents.isEmpty()) {
                    findings.add(Finding.manual(Finding.Kind.SKIPPED_BUT_IN_ECONOMIC, orderNo, "Order " + orderNo
                            + " was skipped (" + row.row().reason() + ") but e-conomic has " + describe(documents),
                            "Delete the document in e-conomic, or unpark the order so the flow adopts it"));
                }
                continue;
            }
            if (documents.isEmpty() && row.economicDocumentNumber() != null && row.referencesOther() != null) {
                // Dated another day (time zone, a date edited by hand), or really gone: ask by reference.
                documents = economic.findDocumentsByReference(row.referencesOther()).stream()
                        .map(found -> withCollection(found.summary(), found.collection())).toList();
            }
            if (documents.isEmpty()) {
                findings.add(notInEconomic(shop, row));
                continue;
            }
            if (documents.size() > 1) {
                findings.add(Finding.manual(Finding.Kind.DUPLICATE_IN_ECONOMIC, orderNo, "e-conomic has "
                        + describe(documents) + " for order " + orderNo + "; the ledger records "
                        + row.documentType() + " " + row.economicDocumentNumber(), "Keep the one the ledger records;"
                        + " delete the other drafts in e-conomic (a booked one needs a credit note)"));
            }
            // An acknowledged order has usually left the trigger statuses, so it is compared as it was transferred.
            Optional<ShopOrder> compared = shopOrder != null ? Optional.ofNullable(shopOrder.order())
                    : row.shopOrder() == null ? Optional.empty() : shopOrders.transferred(shop.id(), row.shopOrder());
            if (compared.isPresent() && reversals.forOrder(shop.id(), orderNo).isEmpty()) {
                BigDecimal expected = compared.get().totalIncVat();
                JsonNode document = documents.get(0);
                if (expected != null && document.hasNonNull("grossAmount")
                        && document.path("grossAmount").decimalValue().subtract(expected).abs()
                                .compareTo(tolerance) > 0) {
                    findings.add(Finding.manual(Finding.Kind.TOTAL_DIFFERS, orderNo, "The shop order totals "
                            + expected.toPlainString() + " " + compared.get().currency() + " incl. VAT"
                            + (shopOrder == null ? " (as transferred)" : "") + "; e-conomic "
                            + describe(List.of(document)) + " totals " + document.path("grossAmount").decimalValue()
                                    .toPlainString(), "Compare the lines; correct the draft in e-conomic, or credit"
                            + " the difference if it is booked"));
                }
            }
        }
        int economicCount = inEconomic.values().stream().mapToInt(List::size).sum();
        return new Result(inShop.size(), ledgerCount, economicCount, findings);
    }

    /** Changed in the shop after the flow's last poll: the next poll reads it, it is not missing. */
    private static boolean notReadYet(IncomingOrder order, Optional<Instant> polledUpTo) {
        Instant updated = order.order().updated();
        return polledUpTo.isEmpty() || updated == null || !updated.isBefore(polledUpTo.get());
    }

    /**
     * The reversal flow's credit notes carry {@code <reference>/credit-<seq>}: matched with their reversal they are
     * the runtime's own and no finding; only one no reversal of the order recorded is reported as made elsewhere.
     */
    private void recogniseCreditNotes(ShopSettings shop, Map<String, List<JsonNode>> inEconomic,
                                      List<Finding> findings) {
        java.util.Iterator<Map.Entry<String, List<JsonNode>>> entries = inEconomic.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, List<JsonNode>> entry = entries.next();
            int slash = entry.getKey().lastIndexOf("/credit-");
            if (slash < 0) {
                continue;
            }
            entries.remove();
            String orderNo = entry.getKey().substring(0, slash);
            String suffix = entry.getKey().substring(slash);
            boolean ours = reversals.forOrder(shop.id(), orderNo).stream()
                    .anyMatch(r -> r.referencesOther() != null && r.referencesOther().endsWith(suffix));
            if (!ours) {
                findings.add(Finding.manual(Finding.Kind.MISSING_IN_LEDGER, orderNo, "e-conomic has credit note "
                        + describe(entry.getValue()) + " with reference of order " + orderNo + entry.getKey()
                        .substring(slash) + ", which no reversal of the order recorded (made by hand, or by another"
                        + " installation)", "Check it in e-conomic against the order's reversals"));
            }
        }
    }

    private static Finding notInEconomic(ShopSettings shop, LedgerEntry row) {
        String orderNo = row.orderNo();
        return switch (row.state()) {
            case PARKED, FAILED -> new Finding(Finding.Kind.NOT_IN_ECONOMIC, orderNo, "Order " + orderNo + " is "
                    + row.state() + ": " + row.row().reason(), "Fix what the reason says (in the shop or in e-conomic),"
                    + " then re-send", "POST", "/api/orders/" + shop.id() + "/" + orderNo + "/resend", null);
            case CREATED, BOOKED, ACKNOWLEDGED -> Finding.manual(Finding.Kind.MISSING_IN_ECONOMIC, orderNo, "The"
                    + " ledger recorded " + row.documentType() + " " + row.economicDocumentNumber() + " for order "
                    + orderNo + ", but e-conomic has no document with reference " + row.referencesOther(), "If it"
                    + " was deleted on purpose, cancel the order in the shop; if by mistake, create it again in"
                    + " e-conomic by hand (the ledger will not send it twice)");
            default -> new Finding(Finding.Kind.NOT_IN_ECONOMIC, orderNo, "Order " + orderNo + " is still on its"
                    + " way (" + row.state() + ")", "Wait for the next run, or run the order flow now", "POST",
                    "/api/flows/poll-orders-" + shop.id() + "/run", null);
        };
    }

    private static List<DocumentCollection> collections(DocumentType type) {
        return type == DocumentType.ORDER
                ? List.of(DocumentCollection.ORDER_DRAFTS, DocumentCollection.ORDERS_SENT,
                        DocumentCollection.ORDERS_ARCHIVED)
                : List.of(DocumentCollection.INVOICE_DRAFTS, DocumentCollection.INVOICES_BOOKED);
    }

    private static JsonNode withCollection(JsonNode document, DocumentCollection collection) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = document.deepCopy();
        copy.put("_collection", collection.path());
        copy.put("_number", document.path(collection.numberProperty()).asLong());
        return copy;
    }

    private static String describe(List<JsonNode> documents) {
        List<String> names = new ArrayList<>();
        for (JsonNode document : documents) {
            names.add(document.path("_collection").asText() + "/" + document.path("_number").asText());
        }
        return String.join(" and ", names);
    }
}
