package io.jesync.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicEncoding;
import io.jesync.reconcile.DayReconciler;
import io.jesync.reconcile.Finding;

/**
 * Payments of one shop and day, three ways: captured in the shop (the status flow's done captures), recorded and
 * entered by the payment flow, and present in e-conomic (the journal's waiting customer payments plus the entries
 * booked that day). e-conomic is read with two listings, not one call per payment.
 */
public final class PaymentReconciler implements DayReconciler {
    private final PaymentFlow flow;
    private final PaymentLedger ledger;
    private final PaymentSources sources;
    private final EconomicClient economic;

    public PaymentReconciler(PaymentFlow flow, PaymentLedger ledger, PaymentSources sources, EconomicClient economic) {
        this.flow = flow;
        this.ledger = ledger;
        this.sources = sources;
        this.economic = economic;
    }

    @Override
    public String kind() {
        return "payments";
    }

    @Override
    public boolean appliesTo(io.jesync.reconcile.ShopSettings shop) {
        return flow.settings(shop.id()).enabled();
    }

    @Override
    public Result reconcile(io.jesync.reconcile.ShopSettings shop, LocalDate day) {
        PaymentSettings settings = flow.settings(shop.id());
        ZoneId zone = ZoneId.of(shop.orders().mapping().timeZone());
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<PaymentSources.Capture> captured = sources.capturesBetween(shop.id(), from, to);
        List<ShopPayment> recorded = ledger.capturedBetween(shop.id(), from, to);
        Set<String> inEconomic = new HashSet<>();
        economic.listAll("/journals/" + settings.journalNumber() + "/entries", "entryType$eq:customerPayment")
                .forEach(e -> inEconomic.add(e.path("text").asText("")));
        for (JsonNode year : economic.listAll("/accounting-years", null)) {
            if (!day.isBefore(LocalDate.parse(year.path("fromDate").asText()))
                    && !day.isAfter(LocalDate.parse(year.path("toDate").asText()))) {
                economic.listAll("/accounting-years/" + EconomicEncoding.pathId(year.path("year").asText())
                        + "/entries", "date$eq:" + day).forEach(e -> inEconomic.add(e.path("text").asText("")));
            }
        }
        Set<String> recordedSources = new HashSet<>();
        recorded.forEach(p -> recordedSources.add(p.sourceKey()));
        List<Finding> findings = new ArrayList<>();
        for (PaymentSources.Capture capture : captured) {
            if (!recordedSources.contains(capture.sourceKey())) {
                findings.add(new Finding(Finding.Kind.PAYMENT_NOT_RECORDED, capture.orderNo(), "Order "
                        + capture.orderNo() + " was captured in the shop at " + capture.at() + ", but the payment"
                        + " flow has not recorded it (flow off then, or captured before its start)",
                        "Run the payment flow; captures before shop." + shop.id() + ".payments.from are never"
                        + " entered, register those by hand", "POST", "/api/flows/register-payments-" + shop.id()
                        + "/run", null));
            }
        }
        int found = 0;
        for (ShopPayment payment : recorded) {
            switch (payment.state()) {
                case ENTERED, SETTLED -> {
                    if (inEconomic.contains(payment.entryText())) {
                        found++;
                    } else {
                        findings.add(new Finding(Finding.Kind.PAYMENT_MISSING_IN_ECONOMIC, payment.orderNo(),
                                "Payment " + payment.id() + " of order " + payment.orderNo() + " was entered (journal "
                                        + payment.journalNumber() + ", voucher " + payment.voucherNumber()
                                        + "), but e-conomic has no entry '" + payment.entryText() + "' for " + day,
                                "Check the voucher in e-conomic (moved to another date or deleted after booking?)"
                                        + " and register the payment by hand if it is gone", null, null, null));
                    }
                }
                case PARKED, FAILED -> findings.add(new Finding(Finding.Kind.PAYMENT_NOT_ENTERED, payment.orderNo(),
                        "Payment " + payment.id() + " of order " + payment.orderNo() + " is " + payment.state()
                                + ": " + payment.row().reason(), "Fix the cause, then retry (looked up first, never"
                                + " entered twice)", "POST", "/api/payments/" + shop.id() + "/" + payment.id()
                                + "/retry", Map.of()));
                case NEW, WAITING, SENDING, IN_DOUBT -> findings.add(new Finding(Finding.Kind.PAYMENT_NOT_ENTERED,
                        payment.orderNo(), "Payment " + payment.id() + " of order " + payment.orderNo() + " is "
                        + payment.state() + (payment.row().reason() == null ? "" : ": " + payment.row().reason()),
                        "Nothing yet: the payment flow carries on with it", null, null, null));
                case NOT_REGISTERED -> { }
            }
        }
        return new Result(captured.size(), recorded.size(), found, findings);
    }
}
