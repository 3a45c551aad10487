package io.jesync.payment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.economic.DocumentCollection;
import io.jesync.economic.DocumentResult;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicEncoding;
import io.jesync.economic.EconomicException;
import io.jesync.economic.EconomicOutcomeUnknownException;
import io.jesync.economic.EconomicResponse;
import io.jesync.economic.EconomicUnavailableException;
import io.jesync.economic.EconomicValidationException;
import io.jesync.json.Json;
import io.jesync.order.BackoffSchedule;

/**
 * Enters one shop payment in e-conomic, exactly once: the voucher is stored with the row (the intent) before it is
 * sent with an {@code Idempotency-Key}; after no answer, a crash or any failure once the intent exists, the entry
 * is first looked up by its text, in the journal and among the booked entries of its accounting year, and adopted
 * when found. Only then is it sent again.
 */
public final class PaymentRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentRegistration.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final ObjectMapper MAPPER = Json.MAPPER;
    /** How long the accounting years read are trusted: a year closed meanwhile is refused by e-conomic, see below. */
    static final Duration YEARS_KEPT = Duration.ofHours(1);
    private static final int TEXTS_PER_READ = 25;
    /** The most values e-conomic takes in one {@code $in:} list. */
    static final int NUMBERS_PER_READ = 200;

    private final PaymentLedger ledger;
    private final PaymentSources sources;
    private final EconomicClient economic;
    private final Clock clock;
    private final String owner;
    private final BackoffSchedule retry;
    private final RandomGenerator random;
    private volatile Years years;

    public PaymentRegistration(PaymentLedger ledger, PaymentSources sources, EconomicClient economic, Clock clock,
                               String owner, BackoffSchedule retry, RandomGenerator random) {
        this.ledger = ledger;
        this.sources = sources;
        this.economic = economic;
        this.clock = clock;
        this.owner = owner;
        this.retry = retry;
        this.random = random;
    }

    /**
     * The booked invoices that {@code due} payments are about to be checked against, read together: one
     * {@code bookedInvoiceNumber$in:[…]} listing per {@value #NUMBERS_PER_READ} invoices instead of a read each. The
     * listing carries what the check needs (total, open remainder, currency, customer), read from e-conomic in this
     * run, so the check before a voucher is as current as before; only payments that will be checked are included.
     */
    public Invoices invoicesFor(PaymentSettings settings, Collection<ShopPayment> due) {
        List<Long> numbers = due.stream().filter(p -> p.payload() == null)
                .filter(p -> settings.contraAccount(p.paymentMethod()).isPresent())
                .map(p -> invoiceNumber(p).orElse(null)).filter(Objects::nonNull).distinct().toList();
        Map<Long, JsonNode> found = new HashMap<>();
        for (int from = 0; from < numbers.size(); from += NUMBERS_PER_READ) {
            String list = numbers.subList(from, Math.min(numbers.size(), from + NUMBERS_PER_READ)).stream()
                    .map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
            economic.listAll(DocumentCollection.INVOICES_BOOKED.path(), "bookedInvoiceNumber$in:" + list)
                    .forEach(invoice -> found.put(invoice.path("bookedInvoiceNumber").asLong(), invoice));
        }
        return new Invoices(Set.copyOf(numbers), found);
    }

    /** Booked invoices as one run read them; one the run did not read with the others is read on its own. */
    public final class Invoices {
        private final Set<Long> read;
        private final Map<Long, JsonNode> found;

        private Invoices(Set<Long> read, Map<Long, JsonNode> found) {
            this.read = read;
            this.found = found;
        }

        Optional<JsonNode> get(long number) {
            if (read.contains(number)) {
                return Optional.ofNullable(found.get(number));
            }
            return economic.getDocument(DocumentCollection.INVOICES_BOOKED, (int) number).map(DocumentResult::body);
        }
    }

    private Optional<Long> invoiceNumber(ShopPayment payment) {
        return payment.invoiceNumber() != null ? Optional.of(payment.invoiceNumber())
                : sources.bookedInvoice(payment.shopId(), payment.orderNo());
    }

    /** Claims and works one due payment; empty when another worker holds it or it changed meanwhile. */
    public Optional<PaymentState> process(ShopSettings shop, PaymentSettings settings, ShopPayment due,
                                          Invoices invoices) {
        Optional<ShopPayment> claimed = ledger.claim(due, owner, LEASE);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Work work = new Work(claimed.get());
        try {
            if (work.payment.payload() != null) {
                return work.resolve();
            }
            return work.decide(shop, settings, invoices);
        } catch (EconomicOutcomeUnknownException e) {
            ShopPayment payment = work.payment;
            return finish(payment, payment.with(PaymentState.IN_DOUBT, "No answer from e-conomic: " + e.summary()));
        } catch (EconomicValidationException e) {
            // Perhaps the accounting year was closed since it was read: the retry reads the years again.
            years = null;
            ShopPayment payment = work.payment;
            return finish(payment, payment.with(PaymentState.PARKED, "Order " + payment.orderNo()
                    + ": e-conomic refused the payment entry: " + e.summary()));
        } catch (RuntimeException e) {
            return retryLater(work.payment, e);
        }
    }

    /** One claimed payment; {@code payment} is always the row as last stored, whose version the next change checks. */
    private final class Work {
        private ShopPayment payment;

        Work(ShopPayment payment) {
            this.payment = payment;
        }

        /** Whether the entry reached e-conomic: found → adopted; not found → sent (again). */
        Optional<PaymentState> resolve() {
            Optional<JsonNode> inJournal = findInJournal(payment);
            if (inJournal.isPresent()) {
                long voucher = inJournal.get().path("voucher").path("voucherNumber").asLong();
                LOG.info("Payment of order {}/{} found in journal {} (voucher {}): adopted", payment.shopId(),
                        payment.orderNo(), payment.journalNumber(), voucher);
                return finish(payment, payment.withVoucher(payment.payload(), payment.journalNumber(), voucher,
                        payment.accountingYear()).with(PaymentState.ENTERED, "adopted: entry found in journal "
                        + payment.journalNumber()));
            }
            if (!booked(List.of(payment)).isEmpty()) {
                return finish(payment, payment.with(PaymentState.SETTLED, "adopted: entry found booked in "
                        + payment.accountingYear()));
            }
            return send();
        }

        Optional<PaymentState> decide(ShopSettings shop, PaymentSettings settings, Invoices invoices) {
            OptionalInt contra = settings.contraAccount(payment.paymentMethod());
            if (contra.isEmpty()) {
                return finish(payment, payment.with(PaymentState.NOT_REGISTERED, "payment method "
                        + (payment.paymentMethod() == null ? "(none)" : payment.paymentMethod())
                        + " has no contra account: left to the bank match"));
            }
            Long invoiceNumber = invoiceNumber(payment).orElse(null);
            if (invoiceNumber == null) {
                if (!clock.instant().isBefore(payment.capturedAt().plus(settings.unmatchedAfter()))) {
                    return finish(payment, payment.with(PaymentState.PARKED, "Order " + payment.orderNo() + ": paid "
                            + payment.currency() + " " + payment.amount().toPlainString() + " on "
                            + date(shop, payment) + ", but no invoice of the order was booked in e-conomic within "
                            + settings.unmatchedAfter().toDays() + " days; book it, then retry the payment"));
                }
                return finish(payment, payment.with(PaymentState.WAITING, "waiting for the order's invoice to be booked")
                        .withAttempt(payment.row().attempts(), clock.instant().plus(settings.pollInterval())));
            }
            Optional<JsonNode> invoice = invoices.get(invoiceNumber);
            if (invoice.isEmpty()) {
                return finish(payment, payment.withInvoice(invoiceNumber)
                        .with(PaymentState.PARKED, "Order " + payment.orderNo() + ": booked invoice " + invoiceNumber
                                + " is not in e-conomic"));
            }
            JsonNode document = invoice.get();
            String currency = document.path("currency").asText("");
            BigDecimal gross = document.path("grossAmount").decimalValue();
            ShopPayment matched = payment.withInvoice(invoiceNumber);
            if (!currency.equalsIgnoreCase(payment.currency())) {
                return finish(payment, matched.with(PaymentState.PARKED, "Order " + payment.orderNo() + ": paid in "
                        + payment.currency() + ", but invoice " + invoiceNumber + " is in " + currency));
            }
            if (payment.kind() == ShopPayment.Kind.PAYMENT
                    && payment.amount().subtract(gross).abs().compareTo(settings.amountTolerance()) > 0) {
                return finish(payment, matched.with(PaymentState.PARKED, "Order " + payment.orderNo() + ": the shop"
                        + " captured " + currency + " " + payment.amount().toPlainString() + ", invoice "
                        + invoiceNumber + " is " + currency + " " + gross.toPlainString()
                        + "; register the payment by hand, or correct and retry"));
            }
            // The ledger keeps the runtime from entering a payment twice; this keeps it from entering one that
            // someone else (the bank match, the accountant by hand) has registered in e-conomic meanwhile.
            BigDecimal open = document.path("remainder").isNumber() ? document.path("remainder").decimalValue() : null;
            if (open == null || open.subtract(gross).abs().compareTo(settings.amountTolerance()) > 0) {
                return finish(payment, matched.with(PaymentState.PARKED, "Order " + payment.orderNo() + ": invoice "
                        + invoiceNumber + " is " + currency + " " + gross.toPlainString() + ", but e-conomic has "
                        + (open == null ? "no open amount" : currency + " " + open.toPlainString()) + " of it open:"
                        + " a payment is registered there already; check it, then retry or register by hand"));
            }
            LocalDate date = date(shop, payment);
            Optional<String> year = accountingYear(date);
            if (year.isEmpty()) {
                return finish(payment, matched.with(PaymentState.PARKED, "Order " + payment.orderNo() + ": no accounting"
                        + " year in e-conomic covers " + date + "; create it, then retry the payment"));
            }
            ObjectNode body = VoucherMapper.toJson(new VoucherMapper.Voucher(settings.journalNumber(), year.get(),
                    document.path("customer").path("customerNumber").asInt(), invoiceNumber,
                    // Within the tolerance the difference is the invoice's rounding: the entry settles the invoice.
                    payment.kind() == ShopPayment.Kind.PAYMENT ? gross : payment.amount(),
                    currency.toUpperCase(java.util.Locale.ROOT), date, contra.getAsInt(), payment.entryText()));
            ShopPayment intent = matched.withVoucher(body.toString(), settings.journalNumber(), null, year.get())
                    .with(PaymentState.SENDING, null).withAttempt(payment.row().attempts() + 1, null);
            // The intent is committed before the call: whatever happens next, the entry is looked up before a re-send.
            Optional<ShopPayment> stored = ledger.update(payment, intent, false);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            payment = stored.get();
            return send();
        }

        Optional<PaymentState> send() {
            ObjectNode body;
            try {
                body = (ObjectNode) MAPPER.readTree(payment.payload());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored voucher of payment " + payment.id() + " is not JSON", e);
            }
            EconomicResponse response = economic.postVoucher(payment.journalNumber(), body, idempotencyKey(payment));
            JsonNode created = response.body().isArray() ? response.body().path(0) : response.body();
            long voucher = created.path("voucherNumber").asLong();
            LOG.info("Payment of order {}/{} entered in e-conomic journal {}, voucher {}", payment.shopId(),
                    payment.orderNo(), payment.journalNumber(), voucher);
            return finish(payment, payment.withVoucher(payment.payload(), payment.journalNumber(), voucher,
                    payment.accountingYear()).with(PaymentState.ENTERED, null));
        }
    }

    /** The entry of this payment still waiting in its journal, by its exact text. */
    Optional<JsonNode> findInJournal(ShopPayment payment) {
        return exact(economic.listAll("/journals/" + payment.journalNumber() + "/entries",
                "text$eq:" + EconomicEncoding.filterValue(payment.entryText())), payment);
    }

    /**
     * Those of {@code payments} whose entry is booked in its accounting year, found by exact text: one read per
     * accounting year and {@value #TEXTS_PER_READ} texts, however many payments left the journal at once.
     */
    Set<ShopPayment> booked(Collection<ShopPayment> payments) {
        Map<String, Map<String, ShopPayment>> byYear = new HashMap<>();
        payments.stream().filter(p -> p.accountingYear() != null).forEach(p -> byYear
                .computeIfAbsent(p.accountingYear(), y -> new LinkedHashMap<>()).put(p.entryText(), p));
        Set<ShopPayment> found = new HashSet<>();
        byYear.forEach((year, byText) -> {
            List<String> texts = List.copyOf(byText.keySet());
            for (int from = 0; from < texts.size(); from += TEXTS_PER_READ) {
                String filter = texts.subList(from, Math.min(texts.size(), from + TEXTS_PER_READ)).stream()
                        .map(t -> "text$eq:" + EconomicEncoding.filterValue(t)).collect(Collectors.joining("$or:"));
                // Filters ignore case; only the exact text is a payment's.
                economic.listAll("/accounting-years/" + EconomicEncoding.pathId(year) + "/entries", filter).stream()
                        .map(e -> byText.get(e.path("text").asText(null))).filter(Objects::nonNull).forEach(found::add);
            }
        });
        return found;
    }

    /** Filters ignore case; only the exact text is this payment's. */
    private static Optional<JsonNode> exact(List<JsonNode> entries, ShopPayment payment) {
        return entries.stream().filter(e -> payment.entryText().equals(e.path("text").asText(null))).findFirst();
    }

    /**
     * The open accounting year of {@code date}. The years change about once a year, so they are read at most once
     * per {@link #YEARS_KEPT} and again at once when none covers the date (a new year the accountant just opened).
     */
    private Optional<String> accountingYear(LocalDate date) {
        Years known = years;
        if (known != null && clock.instant().isBefore(known.readAt().plus(YEARS_KEPT))) {
            Optional<String> year = known.covering(date);
            if (year.isPresent()) {
                return year;
            }
        }
        Years read = new Years(economic.listAll("/accounting-years", null), clock.instant());
        years = read;
        return read.covering(date);
    }

    /** The accounting years as read at {@code readAt}. */
    private record Years(List<JsonNode> years, Instant readAt) {
        Optional<String> covering(LocalDate date) {
            for (JsonNode year : years) {
                LocalDate from = LocalDate.parse(year.path("fromDate").asText());
                LocalDate to = LocalDate.parse(year.path("toDate").asText());
                if (!date.isBefore(from) && !date.isAfter(to) && !year.path("closed").asBoolean(false)) {
                    return Optional.of(year.path("year").asText());
                }
            }
            return Optional.empty();
        }
    }

    private Optional<PaymentState> retryLater(ShopPayment payment, RuntimeException e) {
        String why = e instanceof EconomicException x ? x.summary() : e.getMessage();
        int attempts = payment.row().attempts() + (payment.state() == PaymentState.SENDING ? 0 : 1);
        if (retry.exhausted(attempts)) {
            return finish(payment, payment.with(PaymentState.PARKED, "Order " + payment.orderNo()
                    + ": gave up after " + attempts + " attempts: " + why).withAttempt(attempts, null));
        }
        Duration atLeast = e instanceof EconomicUnavailableException u ? u.retryAfter().orElse(Duration.ZERO)
                : Duration.ZERO;
        LOG.warn("Payment of order {}/{} will be retried: {}", payment.shopId(), payment.orderNo(), why);
        return finish(payment, payment.with(PaymentState.FAILED, why)
                .withAttempt(attempts, clock.instant().plus(retry.delay(attempts, atLeast, random))));
    }

    private Optional<PaymentState> finish(ShopPayment current, ShopPayment next) {
        if (next.state() == PaymentState.PARKED) {
            LOG.warn("Payment parked: {}", next.row().reason());
        }
        return ledger.update(current, next, true).map(ShopPayment::state);
    }

    private static LocalDate date(ShopSettings shop, ShopPayment payment) {
        return LocalDate.ofInstant(payment.capturedAt(), ZoneId.of(shop.orders().mapping().timeZone()));
    }

    /** The row's key with the voucher's hash: a changed voucher (after a fix) is never answered from the cache. */
    static String idempotencyKey(ShopPayment payment) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(payment.payload().getBytes(StandardCharsets.UTF_8));
            return payment.idempotencyKey() + ":" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
