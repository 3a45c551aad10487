package io.jesync.economic;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.backoff.Backoff;
import io.jesync.backoff.Circuit;
import io.jesync.config.EconomicSettings;
import io.jesync.config.EnumKeys;
import io.jesync.json.Json;
import io.jesync.observe.ApiCallMeter;

/**
 * Every e-conomic call the order flow makes, over the legacy REST API. Thread-safe. Bodies go in and come out as
 * Jackson trees, so callers serialise their own records. Failures surface as the {@link EconomicException} subtypes;
 * a write whose outcome is unknown is never hidden behind a retry that could write twice.
 */
public final class EconomicClient {
    static final int PAGE_SIZE = 1000;
    /** The most values one {@code $in:} list may hold; e-conomic refuses 201 with a 400. */
    public static final int MAX_IN_VALUES = 200;
    /** Values per {@code $or:} chain: short enough that the query stays well under common URL limits. */
    static final int OR_CLAUSES = 25;
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final EconomicTransport transport;
    private final RateLimitGovernor governor;
    private final Circuit circuit;
    private final ProductView products = new ProductView();

    public EconomicClient(EconomicSettings settings, HttpClient http, CallMeter meter, Clock clock,
                          RateLimitGovernor governor, RetryPolicy policy, RandomGenerator random, Sleeper sleeper) {
        this(settings, http, meter, clock, governor, policy, random, sleeper, outageCircuit(settings, policy, clock,
                random));
    }

    /** @param circuit shared by every call of this client: one outage, one back-off, whichever flow is calling */
    public EconomicClient(EconomicSettings settings, HttpClient http, CallMeter meter, Clock clock,
                          RateLimitGovernor governor, RetryPolicy policy, RandomGenerator random, Sleeper sleeper,
                          Circuit circuit) {
        this.transport = new EconomicTransport(settings, http, meter, clock, governor, policy, random, sleeper,
                circuit);
        this.governor = governor;
        this.circuit = circuit;
    }

    /**
     * Opens after one call's attempts and one more failed in a row; then one call per interval, from
     * {@code economic.outage.probe-base-seconds} doubling to {@code economic.outage.probe-cap-seconds}. No jitter:
     * only the one probe competes, and the cap is then an exact bound on the calls an outage costs.
     */
    public static Circuit outageCircuit(EconomicSettings settings, RetryPolicy policy, Clock clock,
                                        RandomGenerator random) {
        return new Circuit("e-conomic", policy.maxAttempts() + 1, new Backoff(settings.outageProbeBase(),
                settings.outageProbeCap(), Backoff.Jitter.NONE), clock, random);
    }

    /** Production wiring: standard retry policy, 80 % pacing, real sleeping. */
    public static EconomicClient standard(EconomicSettings settings, HttpClient http, CallMeter meter, Clock clock) {
        return new EconomicClient(settings, http, meter, clock,
                RateLimitGovernor.standard(clock, settings.dailyCallBudget()), RetryPolicy.standard(),
                RandomGenerator.getDefault(), Sleeper.REAL);
    }

    /** The products this client has seen, kept current by every product read and write that passes through it. */
    public ProductView products() {
        return products;
    }

    public RateLimitGovernor governor() {
        return governor;
    }

    /** Whether e-conomic is held back as out, and when it is tried again. */
    public Circuit circuit() {
        return circuit;
    }

    // ---- documents

    public DocumentResult createDocument(DocumentKind kind, ObjectNode body, String idempotencyKey) {
        EconomicResponse response = transport.execute(EconomicRequest.write("POST", kind.drafts().path(), body,
                requireKey(idempotencyKey)));
        return DocumentResult.of(kind.drafts(), response);
    }

    public Optional<DocumentResult> getDocument(DocumentKind kind, int number) {
        return getDocument(kind.drafts(), number);
    }

    public Optional<DocumentResult> getDocument(DocumentCollection collection, int number) {
        return getOptional(collection.path() + "/" + number)
                .map(response -> DocumentResult.of(collection, response));
    }

    /**
     * Every document in any collection whose {@code references.other} is exactly {@code referencesOther}: the look-up
     * after an unknown outcome. e-conomic's {@code $eq:} ignores case, so matches are narrowed to the exact value here;
     * adopting another order's document would be worse than finding none.
     */
    public List<FoundDocument> findDocumentsByReference(String referencesOther) {
        return findDocumentsByReference(referencesOther, List.of(DocumentCollection.values()));
    }

    /** As {@link #findDocumentsByReference(String)}, in the collections the document can be in only. */
    public List<FoundDocument> findDocumentsByReference(String referencesOther, List<DocumentCollection> collections) {
        String filter = "references.other$eq:" + EconomicEncoding.filterValue(referencesOther);
        List<FoundDocument> found = new ArrayList<>();
        for (DocumentCollection collection : collections) {
            for (JsonNode item : listAll(collection.path(), filter)) {
                if (referencesOther.equals(item.path("references").path("other").asText(null))) {
                    found.add(new FoundDocument(collection, item.path(collection.numberProperty()).asInt(), item));
                }
            }
        }
        return found;
    }

    /** Books a draft invoice; irreversible, so only ever with a key. Returns the booked invoice. */
    public DocumentResult bookDraft(int draftNumber, Optional<String> sendBy, String idempotencyKey) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("draftInvoice").put("draftInvoiceNumber", draftNumber);
        sendBy.ifPresent(channel -> body.put("sendBy", channel));
        EconomicResponse response = transport.execute(EconomicRequest.write("POST",
                DocumentCollection.INVOICES_BOOKED.path(), body, requireKey(idempotencyKey)));
        return DocumentResult.of(DocumentCollection.INVOICES_BOOKED, response);
    }

    /** Marks an order draft as sent by posting its full document to {@code /orders/sent}. */
    public DocumentResult markOrderSent(ObjectNode orderDocument, String idempotencyKey) {
        EconomicResponse response = transport.execute(EconomicRequest.write("POST",
                DocumentCollection.ORDERS_SENT.path(), orderDocument, requireKey(idempotencyKey)));
        return DocumentResult.of(DocumentCollection.ORDERS_SENT, response);
    }

    /** Deleted numbers are reused by e-conomic, so a repeated delete without a key could remove another document. */
    public void deleteDraft(DocumentKind kind, int number, String idempotencyKey) {
        transport.execute(EconomicRequest.write("DELETE", kind.drafts().path() + "/" + number, null,
                requireKey(idempotencyKey)));
    }

    /**
     * Deletes a draft invoice, an order draft or a sent order; booked invoices and archived orders have
     * no DELETE. Numbers are reused after a delete, so a caller unsure whether an earlier delete went through checks the
     * document's reference before calling this again.
     */
    public void deleteDocument(DocumentCollection collection, int number, String idempotencyKey) {
        if (collection == DocumentCollection.INVOICES_BOOKED || collection == DocumentCollection.ORDERS_ARCHIVED) {
            throw new IllegalArgumentException(collection.path() + " has no DELETE; booked invoices are credited");
        }
        transport.execute(EconomicRequest.write("DELETE", collection.path() + "/" + number, null,
                requireKey(idempotencyKey)));
    }

    // ---- journals

    /**
     * Enters a voucher in a journal ({@code POST /journals/{n}/vouchers}); the entries wait there until the accountant
     * books the journal. e-conomic answers with the created voucher(s).
     */
    public EconomicResponse postVoucher(int journalNumber, ObjectNode body, String idempotencyKey) {
        return transport.execute(EconomicRequest.write("POST", "/journals/" + journalNumber + "/vouchers", body,
                requireKey(idempotencyKey)));
    }

    // ---- customers

    public List<JsonNode> findCustomersByEmail(String email) {
        return findCustomers("email", email);
    }

    public List<JsonNode> findCustomersByCorporateId(String corporateIdentificationNumber) {
        return findCustomers("corporateIdentificationNumber", corporateIdentificationNumber);
    }

    /**
     * The customers whose {@code property} (e-mail, organisation number) equals one of {@code values}, grouped by the
     * value as asked: one read per {@value #OR_CLAUSES} values, chained with {@code $or:}. Not {@code $in:}, which
     * e-conomic documents for numeric properties only; a customer the answer misses would be created twice, so only
     * the documented form will do. e-conomic's {@code $eq:} ignores case, so the keys are lower case; a value with no
     * customer maps to an empty list.
     */
    public Map<String, List<JsonNode>> findCustomersByAny(String property, Collection<String> values) {
        Map<String, List<JsonNode>> found = new LinkedHashMap<>();
        List<String> distinct = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).distinct().toList();
        distinct.forEach(v -> found.put(v, new ArrayList<>()));
        for (int from = 0; from < distinct.size(); from += OR_CLAUSES) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + OR_CLAUSES));
            String filter = chunk.stream().map(v -> property + "$eq:" + EconomicEncoding.filterValue(v))
                    .collect(Collectors.joining("$or:"));
            for (JsonNode item : listAll("/customers", filter)) {
                List<JsonNode> bucket = found.get(item.path(property).asText("").strip().toLowerCase(Locale.ROOT));
                if (bucket != null) {
                    bucket.add(item);
                }
            }
        }
        return found;
    }

    public List<JsonNode> findCustomersByVatNumber(String vatNumber) {
        return findCustomers("vatNumber", vatNumber);
    }

    public Optional<JsonNode> getCustomer(int customerNumber) {
        return getOptional("/customers/" + customerNumber).map(EconomicResponse::body);
    }

    public EconomicResponse createCustomer(ObjectNode body, String idempotencyKey) {
        return transport.execute(EconomicRequest.write("POST", "/customers", body, requireKey(idempotencyKey)));
    }

    // ---- products

    public Optional<JsonNode> findProduct(String productNumber) {
        Optional<JsonNode> found = getOptional("/products/" + EconomicEncoding.pathId(productNumber))
                .map(EconomicResponse::body);
        found.ifPresentOrElse(products::saw, () -> products.forget(productNumber));
        return found;
    }

    /**
     * The products among {@code productNumbers} that exist, keyed by number: one {@code productNumber$in:[..]} read per
     * {@value #MAX_IN_VALUES} numbers instead of a GET each. A number missing from the answer is not
     * proof of absence: e-conomic documents {@code $in:} for numeric properties, and product numbers are strings, so a
     * caller confirms a miss with {@link #findProduct} before acting on it.
     */
    public Map<String, JsonNode> findProducts(Collection<String> productNumbers) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        List<String> numbers = new ArrayList<>();
        for (String number : new LinkedHashSet<>(productNumbers)) {
            if (number == null || number.isEmpty()) {
                continue;
            }
            if (number.indexOf('[') >= 0 || number.indexOf(']') >= 0) {
                // e-conomic does not honour $[ and $], so such a number cannot stand in a list: read it alone.
                findProduct(number).ifPresent(product -> found.put(number, product));
            } else {
                numbers.add(number);
            }
        }
        for (int from = 0; from < numbers.size(); from += MAX_IN_VALUES) {
            List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + MAX_IN_VALUES));
            String filter = "productNumber$in:[" + chunk.stream().map(EconomicEncoding::filterValue)
                    .collect(Collectors.joining(",")) + "]";
            Set<String> asked = new HashSet<>(chunk);
            for (JsonNode item : listAll("/products", filter)) {
                String number = item.path("productNumber").asText(null);
                // e-conomic compares strings ignoring case; only the exact number answers for it.
                if (asked.contains(number)) {
                    found.put(number, item);
                }
            }
        }
        return found;
    }

    public EconomicResponse createProduct(ObjectNode body, String idempotencyKey) {
        EconomicResponse response = transport.execute(EconomicRequest.write("POST", "/products", body,
                requireKey(idempotencyKey)));
        products.saw(response.body());
        return response;
    }

    /** PUT replaces the whole product: callers send the product as read, merged with their own fields. */
    public EconomicResponse updateProduct(String productNumber, ObjectNode body, String idempotencyKey) {
        EconomicResponse response = transport.execute(EconomicRequest.write("PUT", "/products/"
                + EconomicEncoding.pathId(productNumber), body, requireKey(idempotencyKey)));
        products.saw(response.body());
        return response;
    }

    /**
     * One read of any collection page or entity; {@code pathAndQuery} is relative to the base URL and already encoded
     * (see {@link EconomicEncoding}). For flows that page themselves, such as the stock poll's keyset paging.
     */
    public JsonNode read(String pathAndQuery) {
        JsonNode body = transport.execute(EconomicRequest.get(pathAndQuery)).body();
        if (pathAndQuery.startsWith("/products?")) {
            products.sawPage(body);
        } else if (pathAndQuery.startsWith("/products/") && pathAndQuery.indexOf('/', "/products/".length()) < 0
                && pathAndQuery.indexOf('?') < 0) {
            products.saw(body);
        }
        return body;
    }

    // ---- agreement

    public EconomicAgreement self() {
        JsonNode self = transport.execute(EconomicRequest.get("/self")).body();
        boolean inventory = false;
        for (JsonNode module : self.path("modules")) {
            String name = module.path("name").asText("").toLowerCase(Locale.ROOT);
            // The module's number is not documented; its name is "Lager" on Danish agreements.
            inventory |= name.contains("lager") || name.contains("inventory");
        }
        return new EconomicAgreement(self.path("agreementNumber").asLong(), self.path("company").path("name").asText(""),
                self.path("settings").path("baseCurrency").asText(""), inventory);
    }

    /**
     * Every item of one of the agreement's setup collections ({@link SetupCollection}): small lists the preflight
     * reads whole to check the numbers the settings name.
     */
    public List<JsonNode> setup(SetupCollection collection) {
        return listAll(collection.path(), null);
    }

    /**
     * The setup collections of the legacy REST API, each with the property that numbers it; the path is the
     * constant's kebab-case name ({@code PAYMENT_TERMS} is {@code /payment-terms}).
     */
    public enum SetupCollection {
        VAT_ZONES("vatZoneNumber"), LAYOUTS("layoutNumber"), PAYMENT_TERMS("paymentTermsNumber"),
        CUSTOMER_GROUPS("customerGroupNumber"), PRODUCT_GROUPS("productGroupNumber"), UNITS("unitNumber"),
        CURRENCIES("code");

        private final String key;

        SetupCollection(String key) {
            this.key = key;
        }

        public String path() {
            return "/" + EnumKeys.key(this);
        }

        /** The property that identifies an item: its number, or a currency's code. */
        public String key() {
            return key;
        }
    }

    // ---- paging

    /**
     * Every item of a collection, 1000 per page. Pages are counted with {@code skippages} rather than by following
     * {@code nextPage}, because that link is an absolute URL and the tokens must only ever go to the configured host.
     */
    public List<JsonNode> listAll(String collectionPath, String filter) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            String query = "?skippages=" + page + "&pagesize=" + PAGE_SIZE
                    + (filter == null ? "" : "&filter=" + EconomicEncoding.queryValue(filter));
            JsonNode body = transport.execute(EconomicRequest.get(collectionPath + query)).body();
            body.path("collection").forEach(items::add);
            if (collectionPath.equals("/products")) {
                products.sawPage(body);
            }
            if (!body.path("pagination").hasNonNull("nextPage") || body.path("collection").isEmpty()) {
                return items;
            }
        }
    }

    private List<JsonNode> findCustomers(String property, String value) {
        return listAll("/customers", property + "$eq:" + EconomicEncoding.filterValue(value));
    }

    private Optional<EconomicResponse> getOptional(String path) {
        try {
            return Optional.of(transport.execute(EconomicRequest.get(path)));
        } catch (EconomicValidationException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String requireKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("every e-conomic write needs an Idempotency-Key");
        }
        return idempotencyKey;
    }
}
