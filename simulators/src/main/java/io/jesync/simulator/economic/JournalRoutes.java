package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;

/**
 * Journals (daybooks) and their vouchers as e-conomic's published schemas describe them: {@code journals.get},
 * {@code journals.journalNumber.get}, {@code …vouchers.get}/{@code .post}, {@code …entries.get}, plus
 * {@code accounting-years.get} and {@code accounting-years.accountingYear.entries.get} for what was booked. Only
 * customer payments are simulated. The REST API documents no way to book a journal; the simulator's control
 * {@code POST /_sim/economic/journals/{n}/book} stands in for the accountant pressing "book" in e-conomic.
 */
final class JournalRoutes extends RouteSupport {
    /** Filterable properties of {@code journals.journalNumber.entries.get}. */
    static final Set<String> ENTRY_FILTERS = Set.of("account.accountNumber", "customer.customerNumber",
            "supplier.supplierNumber", "text", "amount", "contraAccount.accountNumber", "contraVatAccount.vatCode",
            "contraVatAmount", "currency.code", "date", "exchangeRate", "entryType", "voucher.voucherNumber",
            "amountDefaultCurrency", "journalEntryNumber");
    /** Filterable properties of {@code accounting-years.accountingYear.entries.get} that booked payments carry. */
    static final Set<String> BOOKED_ENTRY_FILTERS = Set.of("account.accountNumber", "amount", "amountInBaseCurrency",
            "currency", "date", "entryNumber", "text", "entryType", "customer.customerNumber", "voucherNumber",
            "remainder", "remainderInBaseCurrency");
    static final Set<String> YEAR_FILTERS = Set.of("fromDate", "toDate", "year");
    private static final Set<String> OTHER_ENTRY_TYPES = Set.of("financeVouchers", "supplierInvoices",
            "supplierPayments", "manualCustomerInvoices");

    private final EconomicJournals journals;

    JournalRoutes(EconomicSimulator simulator) {
        super(simulator);
        this.journals = store.journals;
    }

    @Override
    void register() {
        simulator.api("GET", "/journals", request -> store.read(() -> {
            CollectionQuery query = CollectionQuery.of(request, Set.of("name"), errors);
            return SimResponse.json(200, query.page(new ArrayList<>(journals.journals.values()),
                    j -> RouteSupport.jsonFields(journalJson(j)), this::journalJson, baseUrl() + "/journals"));
        }));
        simulator.api("GET", "/journals/{number}", request -> store.read(() ->
                SimResponse.json(200, journalJson(journal(request)))));
        simulator.api("GET", "/journals/{number}/entries", request -> store.read(() -> {
            EconomicJournals.Journal journal = journal(request);
            CollectionQuery query = CollectionQuery.of(request, ENTRY_FILTERS, errors);
            return SimResponse.json(200, query.page(journals.pending.get(journal.journalNumber()),
                    RouteSupport::jsonFields, e -> e, baseUrl() + "/journals/" + journal.journalNumber() + "/entries"));
        }));
        simulator.api("GET", "/journals/{number}/vouchers", request -> store.read(() -> {
            EconomicJournals.Journal journal = journal(request);
            CollectionQuery query = CollectionQuery.of(request, Set.of(), errors);
            return SimResponse.json(200, query.page(vouchers(journal.journalNumber()), RouteSupport::jsonFields,
                    v -> v, baseUrl() + "/journals/" + journal.journalNumber() + "/vouchers"));
        }));
        simulator.api("POST", "/journals/{number}/vouchers", this::createVoucher);
        simulator.api("GET", "/accounting-years", request -> store.read(() -> {
            CollectionQuery query = CollectionQuery.of(request, YEAR_FILTERS, errors);
            return SimResponse.json(200, query.page(new ArrayList<>(journals.years.values()),
                    y -> RouteSupport.jsonFields(yearJson(y)), this::yearJson, baseUrl() + "/accounting-years"));
        }));
        simulator.api("GET", "/accounting-years/{year}", request -> store.read(() ->
                SimResponse.json(200, yearJson(year(request)))));
        simulator.api("GET", "/accounting-years/{year}/entries", request -> store.read(() -> {
            EconomicJournals.AccountingYear year = year(request);
            CollectionQuery query = CollectionQuery.of(request, BOOKED_ENTRY_FILTERS, errors);
            return SimResponse.json(200, query.page(journals.booked.get(year.year()), RouteSupport::jsonFields,
                    e -> e, baseUrl() + "/accounting-years/" + EconomicPaths.encodeId(year.year()) + "/entries"));
        }));
    }

    private SimResponse createVoucher(SimRequest request) {
        ObjectNode body = validBody(request, JournalModels.VOUCHER);
        return store.write(() -> {
            EconomicJournals.Journal journal = journal(request);
            ObjectNode tree = Json.object();
            JsonNode entries = body.path("entries");
            for (String other : OTHER_ENTRY_TYPES) {
                if (entries.has(other)) {
                    tree.set("entries", EconomicErrors.leaf(EconomicErrors.CONFLICT, "The simulator only takes"
                            + " customerPayments entries.", TextNode.valueOf(other)));
                }
            }
            JsonNode payments = entries.path("customerPayments");
            if (!tree.has("entries") && (!payments.isArray() || payments.isEmpty())) {
                tree.set("entries", EconomicErrors.leaf(EconomicErrors.REQUIRED, "A voucher needs at least one"
                        + " entry.", null));
            }
            String yearName = body.path("accountingYear").path("year").asText("");
            EconomicJournals.AccountingYear year = journals.years.get(yearName);
            if (year == null) {
                tree.set("accountingYear", EconomicErrors.leaf(EconomicErrors.NOT_FOUND, "Accounting year '"
                        + yearName + "' does not exist.", TextNode.valueOf(yearName)));
            }
            ArrayNode entryProblems = Json.array();
            for (int i = 0; i < payments.size(); i++) {
                ObjectNode problem = checkPayment(payments.get(i), year);
                if (!problem.isEmpty()) {
                    problem.put("arrayIndex", i);
                    entryProblems.add(problem);
                }
            }
            if (!entryProblems.isEmpty()) {
                tree.putObject("entries").set("customerPayments", entryProblems);
            }
            if (!tree.isEmpty()) {
                throw errors.invalid(tree);
            }
            int voucherNumber = body.hasNonNull("voucherNumber") ? body.get("voucherNumber").asInt()
                    : Math.max(journals.lastVoucher.getOrDefault(year.year(), 0), journal.minimumVoucherNumber() - 1) + 1;
            journals.lastVoucher.merge(year.year(), voucherNumber, Math::max);
            for (JsonNode payment : payments) {
                journals.pending.get(journal.journalNumber()).add(entry(journal, year, voucherNumber, payment));
            }
            ArrayNode created = Json.array();
            created.add(voucherJson(journal.journalNumber(), year.year(), voucherNumber,
                    journals.pending.get(journal.journalNumber())));
            return created(created, baseUrl() + "/journals/" + journal.journalNumber() + "/vouchers/"
                    + EconomicPaths.encodeId(year.year()) + "-" + voucherNumber);
        });
    }

    private ObjectNode checkPayment(JsonNode payment, EconomicJournals.AccountingYear year) {
        ObjectNode problem = Json.object();
        boolean hasCustomer = payment.has("customer");
        boolean hasContra = payment.has("contraAccount");
        if (!hasCustomer && !hasContra) {
            problem.set("customer", EconomicErrors.leaf(EconomicErrors.REQUIRED, "Either customer or contraAccount"
                    + " is required.", null));
        }
        Integer customer = hasCustomer ? checkReference(problem, payment, "customer", "customerNumber",
                store.customers, "Customer") : null;
        if (payment.hasNonNull("customerInvoice")) {
            int invoice = payment.get("customerInvoice").asInt();
            ObjectNode booked = store.bookedInvoices.get(invoice);
            if (booked == null || customer != null
                    && booked.path("customer").path("customerNumber").asInt() != customer) {
                problem.set("customerInvoice", EconomicErrors.leaf(EconomicErrors.NOT_FOUND, "Customer invoice "
                        + invoice + " is not a booked invoice of the customer.", IntNode.valueOf(invoice)));
            }
        }
        if (payment.has("currency") && !store.currencies.containsKey(payment.path("currency").path("code").asText())) {
            problem.set("currency", EconomicErrors.leaf(EconomicErrors.NOT_FOUND, "Currency '"
                    + payment.path("currency").path("code").asText() + "' does not exist.", payment.get("currency")));
        }
        if (year != null && payment.hasNonNull("date")) {
            try {
                LocalDate date = LocalDate.parse(payment.get("date").asText());
                if (!year.covers(date)) {
                    problem.set("date", EconomicErrors.leaf(EconomicErrors.OUT_OF_RANGE, "The date is not in"
                            + " accounting year " + year.year() + ".", payment.get("date")));
                }
            } catch (DateTimeParseException e) {
                // the field rule reported it
            }
        }
        return problem;
    }

    private ObjectNode entry(EconomicJournals.Journal journal, EconomicJournals.AccountingYear year, int voucherNumber,
                             JsonNode payment) {
        ObjectNode entry = Json.object();
        entry.put("journalEntryNumber", ++journals.lastJournalEntryNumber);
        entry.put("entryType", "customerPayment");
        for (String field : List.of("customer", "customerInvoice", "text", "amount", "contraAccount", "currency",
                "date", "exchangeRate")) {
            if (payment.has(field)) {
                entry.set(field, payment.get(field).deepCopy());
            }
        }
        if (!entry.has("currency")) {
            entry.putObject("currency").put("code", EconomicStore.BASE_CURRENCY);
        }
        if (!entry.has("contraAccount") && journal.customerPaymentContraAccount() != null) {
            entry.putObject("contraAccount").put("accountNumber", journal.customerPaymentContraAccount());
        }
        canonicalReference(entry, "journal", "journalNumber", journal.journalNumber(), "journals");
        ObjectNode voucher = entry.putObject("voucher");
        voucher.put("voucherNumber", voucherNumber);
        voucher.putObject("accountingYear").put("year", year.year())
                .put("self", baseUrl() + "/accounting-years/" + EconomicPaths.encodeId(year.year()));
        entry.put("self", baseUrl() + "/journals/" + journal.journalNumber() + "/entries/"
                + entry.get("journalEntryNumber").asInt());
        return entry;
    }

    /**
     * Books every entry of a journal: customer payments lower the open amount ({@code remainder}) of the invoice
     * they name and move to their accounting year's entries. Returns how many entries were booked.
     */
    int book(int journalNumber) {
        return store.write(() -> {
            List<ObjectNode> entries = journals.pending.get(journalNumber);
            if (entries == null) {
                throw new IllegalArgumentException("no journal " + journalNumber);
            }
            int count = 0;
            for (ObjectNode entry : entries) {
                ObjectNode invoice = entry.hasNonNull("customerInvoice")
                        ? store.bookedInvoices.get(entry.get("customerInvoice").asInt()) : null;
                BigDecimal amount = entry.path("amount").decimalValue();
                if (invoice != null) {
                    BigDecimal remainder = DocumentTotals.money(invoice.path("remainder").decimalValue()
                            .subtract(amount));
                    invoice.put("remainder", remainder);
                    invoice.put("remainderInBaseCurrency",
                            DocumentTotals.inBase(remainder, invoice.path("exchangeRate").decimalValue()));
                }
                String year = entry.path("voucher").path("accountingYear").path("year").asText();
                ObjectNode booked = Json.object();
                booked.put("entryNumber", ++journals.lastEntryNumber);
                booked.put("entryType", "customerPayment");
                booked.put("text", entry.path("text").asText(""));
                booked.put("amount", amount);
                booked.put("currency", entry.path("currency").path("code").asText());
                booked.set("date", entry.get("date"));
                booked.put("voucherNumber", entry.path("voucher").path("voucherNumber").asInt());
                if (entry.has("customer")) {
                    booked.set("customer", entry.get("customer").deepCopy());
                }
                if (entry.has("contraAccount")) {
                    booked.set("account", entry.get("contraAccount").deepCopy());
                }
                booked.put("self", baseUrl() + "/accounting-years/" + EconomicPaths.encodeId(year) + "/entries/"
                        + booked.get("entryNumber").asInt());
                journals.booked.get(year).add(booked);
                count++;
            }
            entries.clear();
            return count;
        });
    }

    private List<ObjectNode> vouchers(int journalNumber) {
        Map<String, List<ObjectNode>> byVoucher = new LinkedHashMap<>();
        for (ObjectNode entry : journals.pending.get(journalNumber)) {
            JsonNode voucher = entry.path("voucher");
            byVoucher.computeIfAbsent(voucher.path("accountingYear").path("year").asText() + "-"
                    + voucher.path("voucherNumber").asInt(), k -> new ArrayList<>()).add(entry);
        }
        List<ObjectNode> vouchers = new ArrayList<>();
        byVoucher.forEach((key, entries) -> {
            JsonNode voucher = entries.get(0).path("voucher");
            vouchers.add(voucherJson(journalNumber, voucher.path("accountingYear").path("year").asText(),
                    voucher.path("voucherNumber").asInt(), entries));
        });
        return vouchers;
    }

    private ObjectNode voucherJson(int journalNumber, String year, int voucherNumber, List<ObjectNode> pending) {
        ObjectNode voucher = Json.object();
        voucher.put("voucherNumber", voucherNumber);
        voucher.putObject("accountingYear").put("year", year)
                .put("self", baseUrl() + "/accounting-years/" + EconomicPaths.encodeId(year));
        canonicalReference(voucher, "journal", "journalNumber", journalNumber, "journals");
        ArrayNode payments = voucher.putObject("entries").putArray("customerPayments");
        for (ObjectNode entry : pending) {
            if (entry.path("voucher").path("voucherNumber").asInt() == voucherNumber
                    && entry.path("voucher").path("accountingYear").path("year").asText().equals(year)) {
                ObjectNode copy = entry.deepCopy();
                copy.remove("journalEntryNumber");
                payments.add(copy);
            }
        }
        voucher.put("self", baseUrl() + "/journals/" + journalNumber + "/vouchers/" + EconomicPaths.encodeId(year)
                + "-" + voucherNumber);
        return voucher;
    }

    private ObjectNode journalJson(EconomicJournals.Journal journal) {
        String self = baseUrl() + "/journals/" + journal.journalNumber();
        return numbered("journals", "journalNumber", journal.journalNumber(), json -> {
            json.put("name", journal.name());
            ObjectNode settings = json.putObject("settings");
            settings.putObject("voucherNumbers").put("minimumVoucherNumber", journal.minimumVoucherNumber())
                    .put("maximumVoucherNumber", journal.maximumVoucherNumber());
            if (journal.customerPaymentContraAccount() != null) {
                canonicalReference(settings.putObject("contraAccounts"), "customerPayments", "accountNumber",
                        journal.customerPaymentContraAccount(), "accounts");
            }
            json.put("entries", self + "/entries");
            json.put("vouchers", self + "/vouchers");
        });
    }

    private ObjectNode yearJson(EconomicJournals.AccountingYear year) {
        ObjectNode json = Json.object();
        json.put("year", year.year());
        json.put("fromDate", year.fromDate().toString());
        json.put("toDate", year.toDate().toString());
        json.put("closed", year.closed());
        String self = baseUrl() + "/accounting-years/" + EconomicPaths.encodeId(year.year());
        json.put("entries", self + "/entries");
        json.put("vouchers", self + "/vouchers");
        json.put("self", self);
        return json;
    }

    private EconomicJournals.Journal journal(SimRequest request) {
        EconomicJournals.Journal journal = journals.journals.get(pathNumber(request, "number", "Journal"));
        if (journal == null) {
            throw errors.missing("Journal " + request.pathParam("number"));
        }
        return journal;
    }

    private EconomicJournals.AccountingYear year(SimRequest request) {
        String name = EconomicPaths.decodeId(request.pathParam("year"));
        EconomicJournals.AccountingYear year = journals.years.get(name);
        if (year == null) {
            throw errors.missing("Accounting year " + name);
        }
        return year;
    }
}
