package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;
import io.jesync.simulator.SimulatorException;
import io.jesync.simulator.SimulatorServer;

/**
 * An in-process e-conomic legacy REST API (restapi.e-conomic.com) for one agreement, seeded with the demo shop.
 * Behaviour follows e-conomic's public REST documentation and published schemas; every simulated rule, its
 * source and every guess is listed in {@code docs/simulators.md}. Test and operator controls live under
 * {@code /_sim/economic/}.
 */
public class EconomicSimulator extends SimulatorServer {
    public static final int DEFAULT_PORT = 8081;
    public static final String DEMO_TOKEN = "demo";
    public static final int DEFAULT_BUCKET_SIZE = 10_000;
    public static final Duration DEFAULT_BUCKET_WINDOW = Duration.ofSeconds(60);
    public static final int AGREEMENT_NUMBER = 471_100;

    /** One sales document as the views show it; {@code collection} is e.g. "invoices/drafts". */
    public record DocumentView(String collection, int number, Integer customerNumber, String referencesOther,
                               String currency, BigDecimal netAmount, BigDecimal grossAmount, BigDecimal remainder) {
    }

    /** A sent order after archiving, and the invoice draft it was upgraded to. */
    public record Upgrade(ObjectNode archivedOrder, ObjectNode draftInvoice) {
    }

    /** How much of one line of a booked invoice to credit; {@code quantity} is positive. */
    public record CreditLine(int lineNumber, BigDecimal quantity) {
    }

    private final String appSecretToken;
    private final String agreementGrantToken;
    private final EconomicStore store = new EconomicStore();
    private final EconomicErrors errors;
    private final CallBudget budget;
    private final IdempotencyCache idempotency;
    private final SalesDocumentRoutes salesDocuments;
    private final JournalRoutes journals;
    private final java.util.concurrent.ConcurrentHashMap<String, Long> staleServed =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile double staleRate;
    private volatile long staleSeed;

    public EconomicSimulator(int port, long faultSeed, SimClock clock, String appSecretToken,
                             String agreementGrantToken) {
        super("economic", port, faultSeed, clock);
        this.appSecretToken = appSecretToken;
        this.agreementGrantToken = agreementGrantToken;
        this.errors = new EconomicErrors(clock);
        this.budget = new CallBudget(clock, DEFAULT_BUCKET_SIZE, DEFAULT_BUCKET_WINDOW);
        this.idempotency = new IdempotencyCache(clock);
        new ReferenceDataRoutes(this).register();
        new CustomerProductRoutes(this).register();
        new ProductsApiRoutes(this).register();
        new CustomersApiRoutes(this).register();
        this.salesDocuments = new SalesDocumentRoutes(this);
        salesDocuments.register();
        this.journals = new JournalRoutes(this);
        journals.register();
        new EconomicControlRoutes(this).register();
        EconomicSeed.demo(this);
    }

    EconomicStore store() {
        return store;
    }

    EconomicErrors errors() {
        return errors;
    }

    /** Registers an API route; writes go through the Idempotency-Key cache. */
    final void api(String method, String template, Handler handler) {
        if (method.equals("GET")) {
            route(method, template, handler);
            return;
        }
        route(method, template, request -> {
            Optional<String> key = request.header("Idempotency-Key").filter(k -> !k.isBlank());
            if (key.isEmpty()) {
                return handler.apply(request);
            }
            return idempotency.execute(key.get(), () -> answer(handler, request));
        });
    }

    /** Runs a handler to its final answer, so the idempotency cache also sees rejections (and does not keep them). */
    private SimResponse answer(Handler handler, SimRequest request) {
        try {
            return handler.apply(request);
        } catch (SimulatorException e) {
            return e.response();
        } catch (SimRequest.MalformedBodyException e) {
            return badRequest(request, "The request body is not valid JSON: " + e.getMessage());
        }
    }

    /** Registers a control route under {@code /_sim/economic/}. */
    final void control(String method, String template, Handler handler) {
        controlRoute(method, "economic/" + template, handler);
    }

    int agreementNumber() {
        return AGREEMENT_NUMBER;
    }

    /** The shared demo agreement: both tokens "demo", or no tokens and {@code ?demo=true}. */
    boolean isDemo(SimRequest request) {
        Optional<String> app = request.header("X-AppSecretToken");
        Optional<String> grant = request.header("X-AgreementGrantToken");
        boolean demoTokens = app.filter(DEMO_TOKEN::equals).isPresent() && grant.filter(DEMO_TOKEN::equals).isPresent();
        boolean demoQuery = app.isEmpty() && grant.isEmpty()
                && "true".equalsIgnoreCase(request.queryParam("demo").orElse(""));
        return demoTokens || demoQuery;
    }

    @Override
    protected Optional<SimResponse> beforeHandle(SimRequest request, String endpoint) {
        boolean demo = isDemo(request);
        boolean granted = appSecretToken.equals(request.header("X-AppSecretToken").orElse(null))
                && agreementGrantToken.equals(request.header("X-AgreementGrantToken").orElse(null));
        if (!demo && !granted) {
            return Optional.of(errors.unauthorized());
        }
        boolean write = !request.method().equals("GET");
        if (demo && write) {
            return Optional.of(errors.forbidden("The demo agreement is read-only.",
                    "Only GET requests are allowed with the demo tokens; use your own agreement to write."));
        }
        if (!budget.tryTake(callCost(endpoint))) {
            return Optional.of(errors.tooManyRequests(request.path()));
        }
        budget.countCall();
        if (write && store.inventoryModule() && request.path().toLowerCase(java.util.Locale.ROOT).startsWith("/orders")) {
            return Optional.of(errors.forbidden("Orders are not available on agreements with the inventory module.",
                    "Data creation and modification on resources in /orders is not available on agreements that "
                            + "have the inventory module enabled."));
        }
        return Optional.empty();
    }

    @Override
    protected void afterHandle(SimRequest request, String endpoint, SimResponse response) {
        response.header("X-RequestId", UUID.randomUUID().toString());
        response.header("X-CallCost", Integer.toString(callCost(endpoint)));
        response.header("X-RateLimiting", budget.header());
    }

    /**
     * Token cost per call. Only "X-CallCost: 3" was ever observed; these per-verb costs are a guess:
     * reads 1, writes 3, deletes 2, booking 5.
     */
    static int callCost(String endpoint) {
        if (endpoint.equals("POST /invoices/booked") || endpoint.startsWith("PUT /invoices/booked/")) {
            return 5;
        }
        if (endpoint.startsWith("GET ")) {
            return 1;
        }
        if (endpoint.startsWith("DELETE ")) {
            return 2;
        }
        return 3;
    }

    @Override
    protected SimResponse notFound(SimRequest request) {
        return errors.routeNotFound();
    }

    @Override
    protected SimResponse badRequest(SimRequest request, String message) {
        return errors.badRequest("The request could not be read.", message);
    }

    @Override
    protected SimResponse serverError(SimRequest request, int status) {
        return errors.serverError(status);
    }

    @Override
    protected SimResponse tooManyRequests(SimRequest request) {
        return errors.tooManyRequests(request.path());
    }

    // Java views and controls; EconomicControlRoutes mirrors them under /_sim/economic/.

    public CallBudget budget() {
        return budget;
    }

    public long callsToday() {
        return budget.callsToday();
    }

    public boolean inventoryModule() {
        return store.inventoryModule();
    }

    public void setInventoryModule(boolean enabled) {
        store.inventoryModule(enabled);
    }

    /** Clears all data, the bucket, the daily counts, cached idempotent answers and the journal; re-seeds demo. */
    public void reset() {
        staleReads(0, 0);
        store.clear();
        budget.reset();
        idempotency.clear();
        clearJournal();
        EconomicSeed.demo(this);
    }

    /**
     * Adds a product group, as the merchant does in e-conomic's settings (the REST API only reads product groups);
     * {@code domesticVatRate} 0 makes a VAT-free group, e.g. for a rounding product.
     */
    public void addProductGroup(int number, String name, BigDecimal domesticVatRate) {
        store.write(() -> {
            store.productGroups.add(new EconomicStore.ProductGroup(number, name, domesticVatRate));
            return null;
        });
    }

    /** Adds {@code count} generated articles (DemoCatalog.generate) as products; for benchmarks. */
    public void seedGeneratedArticles(int count, long seed) {
        EconomicSeed.generatedArticles(this, count, seed);
    }

    public List<DocumentView> draftInvoices() {
        return views("invoices/drafts", store.draftInvoices);
    }

    public List<DocumentView> bookedInvoices() {
        return views("invoices/booked", store.bookedInvoices);
    }

    /** Draft, sent and archived orders, in that order. */
    public List<DocumentView> orders() {
        List<DocumentView> all = new ArrayList<>(views("orders/drafts", store.draftOrders));
        all.addAll(views("orders/sent", store.sentOrders));
        all.addAll(views("orders/archived", store.archivedOrders));
        return all;
    }

    /** Every sales document, grouped by collection. */
    public Map<String, List<DocumentView>> documents() {
        Map<String, List<DocumentView>> all = new LinkedHashMap<>();
        all.put("invoices/drafts", draftInvoices());
        all.put("invoices/booked", bookedInvoices());
        all.put("orders/drafts", views("orders/drafts", store.draftOrders));
        all.put("orders/sent", views("orders/sent", store.sentOrders));
        all.put("orders/archived", views("orders/archived", store.archivedOrders));
        return all;
    }

    /** A copy of one stored document, lines included. */
    public Optional<ObjectNode> document(String collection, int number) {
        NavigableMap<Integer, ObjectNode> documents = collection(collection);
        return store.read(() -> Optional.ofNullable(documents.get(number)).map(ObjectNode::deepCopy));
    }

    public List<ObjectNode> customers() {
        return store.read(() -> store.customers.values().stream().map(ObjectNode::deepCopy).toList());
    }

    public List<EconomicProduct> products() {
        return store.read(() -> List.copyOf(store.products.values()));
    }

    public Optional<EconomicProduct> product(String productNumber) {
        return store.read(() -> Optional.ofNullable(store.products.get(productNumber)));
    }

    public int productCount() {
        return store.read(store.products::size);
    }

    /** Sets stock as a stock movement in e-conomic would; the product's lastUpdated moves with it. */
    public EconomicProduct setStock(String productNumber, BigDecimal inStock) {
        return store.write(() -> {
            EconomicProduct product = requireProduct(productNumber);
            return setStock(product, inStock, product.orderedByCustomers());
        });
    }

    public EconomicProduct setStock(String productNumber, BigDecimal inStock, BigDecimal orderedByCustomers) {
        return store.write(() -> setStock(requireProduct(productNumber), inStock, orderedByCustomers));
    }

    private EconomicProduct setStock(EconomicProduct product, BigDecimal inStock, BigDecimal orderedByCustomers) {
        EconomicProduct updated = product.withStock(inStock, orderedByCustomers, clock.instant());
        store.putProduct(updated);
        return updated;
    }

    /** Changes the net sales price in base currency, as the e-conomic user would; lastUpdated moves. */
    public EconomicProduct setSalesPrice(String productNumber, BigDecimal salesPrice) {
        return store.write(() -> {
            EconomicProduct updated = requireProduct(productNumber).withSalesPrice(salesPrice, clock.instant());
            store.putProduct(updated);
            return updated;
        });
    }

    /** Sets (or with {@code null} removes) a product's sales price in a currency other than the base. */
    public void setCurrencyPrice(String productNumber, String currency, BigDecimal price) {
        store.write(() -> {
            requireProduct(productNumber);
            if (price == null) {
                java.util.NavigableMap<String, BigDecimal> prices = store.currencyPrices.get(productNumber);
                if (prices != null) {
                    prices.remove(currency);
                }
            } else {
                store.currencyPrices.computeIfAbsent(productNumber, k -> new java.util.TreeMap<>()).put(currency, price);
            }
            return null;
        });
    }

    public Optional<BigDecimal> currencyPrice(String productNumber, String currency) {
        return store.read(() -> Optional.ofNullable(store.currencyPrices.get(productNumber))
                .map(prices -> prices.get(currency)));
    }

    /** Puts a customer in a price group (null: in none), as the e-conomic user does on the customer card. */
    public void setCustomerPriceGroup(int customerNumber, Integer priceGroup) {
        store.write(() -> {
            if (!store.customers.containsKey(customerNumber)) {
                throw new IllegalArgumentException("no customer " + customerNumber);
            }
            if (priceGroup == null) {
                return store.customerPriceGroups.remove(customerNumber);
            }
            if (!store.priceGroups.containsKey(priceGroup)) {
                throw new IllegalArgumentException("no price group " + priceGroup);
            }
            return store.customerPriceGroups.put(customerNumber, priceGroup);
        });
    }

    public void addPriceGroup(int number, String name) {
        store.write(() -> store.priceGroups.put(number, name));
    }

    /**
     * Sets a product's special price in a price group: a base-currency price or a discount percentage (exactly one);
     * both null removes it. Returns the special price's number.
     */
    public int setSpecialPrice(int priceGroup, String productNumber, BigDecimal salesPriceBaseCurrency,
                               BigDecimal discountPercentage) {
        if (salesPriceBaseCurrency != null && discountPercentage != null) {
            throw new IllegalArgumentException("salesPriceBaseCurrency and discountPercentage are mutually exclusive");
        }
        return store.write(() -> {
            if (!store.priceGroups.containsKey(priceGroup)) {
                throw new IllegalArgumentException("no price group " + priceGroup);
            }
            requireProduct(productNumber);
            Optional<EconomicStore.SpecialPrice> existing = store.specialPrices.values().stream()
                    .filter(p -> p.priceGroup() == priceGroup && p.productNumber().equals(productNumber)).findFirst();
            if (salesPriceBaseCurrency == null && discountPercentage == null) {
                existing.ifPresent(p -> store.specialPrices.remove(p.number()));
                return existing.map(EconomicStore.SpecialPrice::number).orElse(0);
            }
            int number = existing.map(EconomicStore.SpecialPrice::number).orElseGet(() ->
                    EconomicStore.nextNumber(store.specialPrices));
            store.specialPrices.put(number, new EconomicStore.SpecialPrice(number, priceGroup, productNumber,
                    salesPriceBaseCurrency, discountPercentage));
            return number;
        });
    }

    public List<EconomicStore.SpecialPrice> specialPrices(int priceGroup) {
        return store.read(() -> store.specialPrices.values().stream().filter(p -> p.priceGroup() == priceGroup)
                .toList());
    }

    /**
     * Out-of-order answers: with this probability a product read (single or in a list) shows the product as it was
     * before its last change, as a lagging replica would. The draw depends only on the seed, the product and how
     * often it was served, so runs repeat. 0 switches it off.
     */
    public void staleReads(double rate, long seed) {
        staleRate = rate;
        staleSeed = seed;
        staleServed.clear();
    }

    EconomicProduct served(EconomicProduct current) {
        if (staleRate <= 0) {
            return current;
        }
        EconomicProduct previous = store.previousProducts.get(current.productNumber());
        if (previous == null) {
            return current;
        }
        long n = staleServed.merge(current.productNumber(), 1L, Long::sum);
        double draw = new java.util.SplittableRandom(staleSeed * 31 + current.productNumber().hashCode() * 1_000_003L + n)
                .nextDouble();
        return draw < staleRate ? previous : current;
    }

    private EconomicProduct requireProduct(String productNumber) {
        EconomicProduct product = store.products.get(productNumber);
        if (product == null) {
            throw new IllegalArgumentException("no product " + productNumber);
        }
        return product;
    }

    /**
     * Registers a payment on a booked invoice (payments are booked through journals, which are not simulated).
     * The remainder drops by {@code amount} in the invoice currency; a credit note is refunded with a negative
     * amount. Paying more than is open is refused, because the surplus would belong to no invoice.
     */
    public ObjectNode registerPayment(int bookedInvoiceNumber, BigDecimal amount) {
        return store.write(() -> {
            ObjectNode invoice = requireBooked(bookedInvoiceNumber);
            BigDecimal open = invoice.path("remainder").decimalValue();
            if (amount.signum() == 0 || amount.signum() != open.signum() || amount.abs().compareTo(open.abs()) > 0) {
                throw new IllegalArgumentException("a payment on invoice " + bookedInvoiceNumber + " must be between 0 and "
                        + open + ", not " + amount);
            }
            BigDecimal remainder = DocumentTotals.money(open.subtract(amount));
            invoice.put("remainder", remainder);
            invoice.put("remainderInBaseCurrency",
                    DocumentTotals.inBase(remainder, invoice.path("exchangeRate").decimalValue()));
            return invoice.deepCopy();
        });
    }

    /**
     * Books journal {@code journalNumber} as the accountant does in e-conomic (the REST API documents no booking of
     * journals): its customer payments lower their invoices' remainders. Returns how many entries were booked.
     */
    public int bookJournal(int journalNumber) {
        return journals.book(journalNumber);
    }

    /** Marks an order draft as sent, exactly as POSTing its stored document to {@code /orders/sent} does. */
    public ObjectNode markOrderSent(int orderNumber) {
        return store.write(() -> {
            ObjectNode draft = store.draftOrders.get(orderNumber);
            if (draft == null) {
                throw new IllegalArgumentException("no draft order " + orderNumber);
            }
            return salesDocuments.markOrderSent(draft.deepCopy()).deepCopy();
        });
    }

    /**
     * Upgrades a sent order to an invoice draft, which moves the order to archived. The draft is what
     * POSTing the order's fields to {@code /invoices/drafts} gives: same customer, references, notes and lines.
     */
    public Upgrade archiveSentOrder(int orderNumber) {
        return store.write(() -> {
            ObjectNode order = store.sentOrders.get(orderNumber);
            if (order == null) {
                throw new IllegalArgumentException("no sent order " + orderNumber);
            }
            ObjectNode draft = createDraftInvoice(order.deepCopy());
            store.sentOrders.remove(orderNumber);
            order.putObject("pdf").put("download", baseUrl() + "/orders/archived/" + orderNumber + "/pdf");
            order.put("self", baseUrl() + "/orders/archived/" + orderNumber);
            store.archivedOrders.put(orderNumber, order);
            return new Upgrade(order.deepCopy(), draft.deepCopy());
        });
    }

    /**
     * Adds a line to a draft's {@code notes.textLine2}, as the accountant typing in e-conomic does, e.g. the parcel's
     * tracking number before the order is sent or the invoice booked. Only drafts: sent and booked documents are
     * immutable.
     */
    public ObjectNode addNote(String collection, int number, String text) {
        if (!collection.equals("invoices/drafts") && !collection.equals("orders/drafts")) {
            throw new IllegalArgumentException("only drafts can be annotated, not " + collection);
        }
        return store.write(() -> {
            ObjectNode draft = collection(collection).get(number);
            if (draft == null) {
                throw new IllegalArgumentException("no document " + collection + "/" + number);
            }
            ObjectNode notes = draft.withObject("/notes");
            String before = notes.path("textLine2").asText("");
            notes.put("textLine2", before.isEmpty() ? text : before + "\n" + text);
            return draft.deepCopy();
        });
    }

    /**
     * The accountant changes a draft line's quantity in e-conomic's window, as drafts allow until they are booked or
     * sent; the totals are computed again as on creation.
     */
    public ObjectNode changeDraftLineQuantity(String collection, int number, int lineIndex, BigDecimal quantity) {
        if (!collection.equals("invoices/drafts") && !collection.equals("orders/drafts")) {
            throw new IllegalArgumentException("only drafts can be changed, not " + collection);
        }
        return store.write(() -> {
            ObjectNode draft = collection(collection).get(number);
            if (draft == null || draft.path("lines").size() <= lineIndex) {
                throw new IllegalArgumentException("no line " + lineIndex + " in " + collection + "/" + number);
            }
            ((ObjectNode) draft.path("lines").get(lineIndex)).put("quantity", quantity);
            DocumentTotals.apply(draft, store);
            return draft.deepCopy();
        });
    }

    /** Books a draft invoice under the next free number, as {@code POST /invoices/booked} without a number does. */
    public ObjectNode bookDraft(int draftNumber) {
        return store.write(() -> {
            if (!store.draftInvoices.containsKey(draftNumber)) {
                throw new IllegalArgumentException("no draft invoice " + draftNumber);
            }
            return salesDocuments.book(draftNumber, EconomicStore.nextNumber(store.bookedInvoices)).deepCopy();
        });
    }

    /**
     * Credits a booked invoice the way e-conomic's "credit invoice" does: an invoice draft with the credited lines
     * at negative quantities, booked at once. Without {@code lines} every line is credited in full.
     * References and the other fields are copied from the credited invoice; the reference is silent on that, the
     * copy is what the UI is seen to do. The credited invoice's remainder is left alone, since matching the two
     * is a ledger step e-conomic leaves to the user.
     */
    public ObjectNode creditInvoice(int bookedInvoiceNumber, Optional<List<CreditLine>> lines) {
        return store.write(() -> {
            ObjectNode invoice = requireBooked(bookedInvoiceNumber);
            if (invoice.path("grossAmount").decimalValue().signum() < 0) {
                throw new IllegalArgumentException("invoice " + bookedInvoiceNumber + " is itself a credit note");
            }
            ObjectNode credit = invoice.deepCopy();
            String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
            credit.put("date", today);
            // Only payment terms of type dueDate read it, and a credit note is due at once.
            credit.put("dueDate", today);
            credit.withObject("/notes").put("heading", "Credit note for invoice " + bookedInvoiceNumber);
            credit.set("lines", creditedLines(invoice, lines));
            ObjectNode draft = createDraftInvoice(credit);
            return salesDocuments.book(draft.path("draftInvoiceNumber").asInt(),
                    EconomicStore.nextNumber(store.bookedInvoices)).deepCopy();
        });
    }

    private static ArrayNode creditedLines(ObjectNode invoice, Optional<List<CreditLine>> partial) {
        Map<Integer, JsonNode> byNumber = new LinkedHashMap<>();
        invoice.path("lines").forEach(line -> byNumber.put(line.path("lineNumber").asInt(), line));
        List<CreditLine> wanted = partial.orElseGet(() -> byNumber.values().stream()
                .map(line -> new CreditLine(line.path("lineNumber").asInt(), line.path("quantity").decimalValue()))
                .toList());
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("a credit note needs at least one line");
        }
        ArrayNode credited = Json.array();
        for (CreditLine wish : wanted) {
            JsonNode line = byNumber.get(wish.lineNumber());
            if (line == null) {
                throw new IllegalArgumentException("invoice " + invoice.path("bookedInvoiceNumber").asInt()
                        + " has no line " + wish.lineNumber());
            }
            BigDecimal invoiced = line.path("quantity").decimalValue();
            if (wish.quantity().signum() <= 0 || wish.quantity().compareTo(invoiced) > 0) {
                throw new IllegalArgumentException("line " + wish.lineNumber() + " can be credited by more than 0 and at"
                        + " most " + invoiced + ", not " + wish.quantity());
            }
            ObjectNode copy = line.deepCopy();
            copy.put("quantity", wish.quantity().negate());
            credited.add(copy);
        }
        return credited;
    }

    /** A stored document's fields through the same validation and build as {@code POST /invoices/drafts}. */
    private ObjectNode createDraftInvoice(ObjectNode body) {
        RouteSupport.validate(EconomicModels.SALES_DOCUMENT, body, errors);
        return salesDocuments.createDraftInvoice(body);
    }

    /** Deletes a draft invoice, draft order or sent order as the API's DELETE does; booked invoices have none. */
    public void deleteDraft(String collection, int number) {
        store.write(() -> {
            if (salesDocuments.remove(collection, number) == null) {
                throw new IllegalArgumentException("no document " + collection + "/" + number);
            }
            return null;
        });
    }

    /** Every document, all collections, whose {@code references.other} is exactly {@code referencesOther}. */
    public List<DocumentView> documentsByReference(String referencesOther) {
        return documents().values().stream().flatMap(List::stream)
                .filter(view -> referencesOther.equals(view.referencesOther()))
                .toList();
    }

    private ObjectNode requireBooked(int bookedInvoiceNumber) {
        ObjectNode invoice = store.bookedInvoices.get(bookedInvoiceNumber);
        if (invoice == null) {
            throw new IllegalArgumentException("no booked invoice " + bookedInvoiceNumber);
        }
        return invoice;
    }

    NavigableMap<Integer, ObjectNode> collection(String name) {
        return switch (name) {
            case "invoices/drafts" -> store.draftInvoices;
            case "invoices/booked" -> store.bookedInvoices;
            case "orders/drafts" -> store.draftOrders;
            case "orders/sent" -> store.sentOrders;
            case "orders/archived" -> store.archivedOrders;
            default -> throw new IllegalArgumentException("unknown document collection " + name);
        };
    }

    private List<DocumentView> views(String collection, NavigableMap<Integer, ObjectNode> documents) {
        return store.read(() -> documents.entrySet().stream().map(e -> view(collection, e.getKey(), e.getValue()))
                .toList());
    }

    private static DocumentView view(String collection, int number, JsonNode document) {
        JsonNode customer = document.path("customer").get("customerNumber");
        JsonNode other = document.path("references").get("other");
        JsonNode remainder = document.get("remainder");
        return new DocumentView(collection, number, customer == null ? null : customer.asInt(),
                other == null ? null : other.asText(), document.path("currency").asText(),
                document.path("netAmount").decimalValue(), document.path("grossAmount").decimalValue(),
                remainder == null ? null : remainder.decimalValue());
    }
}
