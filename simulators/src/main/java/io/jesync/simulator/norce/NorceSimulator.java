package io.jesync.simulator.norce;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.Json;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;
import io.jesync.simulator.SimulatorException;
import io.jesync.simulator.SimulatorServer;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderDraft;
import io.jesync.simulator.norce.NorceModel.WriteBack;

/**
 * In-process stand-in for a Norce Commerce tenant: the identity server's client-credentials grant, Query 2.0
 * (OData) over orders and SKUs, and Connect 4.0 order write-backs and async imports with their jobs. State views
 * and levers live under {@code /_sim/norce/}; see docs/simulators.md.
 */
public final class NorceSimulator extends SimulatorServer {
    public static final int DEFAULT_PORT = 8082;
    public static final String TOKEN_PATH = "/identity/1.0/connect/token";
    static final String CONNECT = "/commerce/connect/4.0";

    private final NorceStore store;
    private final NorceOAuth oauth;
    private final NorceJobs jobs;
    private final List<Integer> applicationIds;
    private volatile NorceTenant tenant = NorceTenant.demo();

    public NorceSimulator(int port, long faultSeed, SimClock clock, String clientId, String clientSecret,
                          Set<Integer> applicationIds) {
        super("norce", port, faultSeed, clock);
        this.applicationIds = applicationIds.stream().sorted().toList();
        this.store = new NorceStore(clock);
        this.oauth = new NorceOAuth(clock, clientId, clientSecret);
        this.jobs = new NorceJobs(store);
        store.reset(this.applicationIds);
        registerApiRoutes();
        registerNorceControlRoutes();
    }

    /** How many import jobs of one operation ({@code ImportCustomers}, {@code ImportOnhands}, ...) were started. */
    public long importJobs(String operation) {
        long count = 0;
        for (JsonNode job : jobs.jobsView()) {
            count += job.path("Operation").asText().equals(operation) ? 1 : 0;
        }
        return count;
    }

    /** The demo tenant: both DemoCatalog channels as applications. */
    public static NorceSimulator demo(int port, long faultSeed, SimClock clock, String clientId, String clientSecret) {
        return new NorceSimulator(port, faultSeed, clock, clientId, clientSecret,
                Set.copyOf(DemoCatalog.CHANNELS.stream().map(DemoCatalog.Channel::applicationId).toList()));
    }

    private void registerApiRoutes() {
        route("POST", TOKEN_PATH, this::token);
        NorceQueryApi query = new NorceQueryApi(store, this::baseUrl, () -> tenant);
        route("GET", NorceQueryApi.BASE + "/Orders/Orders", query::orders);
        route("GET", NorceQueryApi.BASE + "/Customers/Companies", query::companies);
        route("GET", NorceQueryApi.BASE + "/Core/Currencies",
                req -> query.lookups(req, "Core", "Currencies", NorceTenant::currencies));
        route("GET", NorceQueryApi.BASE + "/Core/Countries",
                req -> query.lookups(req, "Core", "Countries", NorceTenant::countries));
        route("GET", NorceQueryApi.BASE + "/Core/PaymentMethods",
                req -> query.lookups(req, "Core", "PaymentMethods", NorceTenant::paymentMethods));
        new NorceMetadata(store).register(this::route, this::controlRoute);
        NorceProductQuery catalogue = new NorceProductQuery(store, this::baseUrl, () -> tenant);
        route("GET", NorceQueryApi.BASE + "/Products/ProductSkus", catalogue::productSkus);
        route("GET", NorceQueryApi.BASE + "/Products/ProductSkuPriceLists", catalogue::productSkuPriceLists);
        route("GET", NorceQueryApi.BASE + "/Application/ClientPriceLists", catalogue::clientPriceLists);
        NorceConnectOrders orders = new NorceConnectOrders(store);
        route("POST", CONNECT + "/Order/SendOrderStatus", orders::sendOrderStatus);
        route("POST", CONNECT + "/Order/CreateDeliveryNote", orders::createDeliveryNote);
        route("POST", CONNECT + "/Order/CreateInvoice", orders::createInvoice);
        route("POST", CONNECT + "/Order/CancelOrder", orders::cancelOrder);
        for (NorceJobs.ImportKind kind : NorceJobs.ImportKind.values()) {
            route("POST", CONNECT + "/" + kind.service + "/" + kind.operation, req -> jobs.submit(kind, req));
        }
        for (String prefix : List.of("Job/", "api/Job/")) {
            route("GET", CONNECT + "/" + prefix + "Get", req -> jobs.get(prefix, req));
            route("GET", CONNECT + "/" + prefix + "GetLog", req -> jobs.getLog(prefix, req));
        }
    }

    private SimResponse token(SimRequest request) {
        NorceOAuth.Grant grant = oauth.token(request.bodyText());
        if (grant.errorStatus() == 429) {
            return SimResponse.json(429, Json.object().put("error", "rate_limited"))
                    .header("Retry-After", Integer.toString(60 / NorceOAuth.REFILL_PER_MINUTE));
        }
        if (grant.error() != null) {
            return SimResponse.json(grant.errorStatus(), Json.object().put("error", grant.error()));
        }
        ObjectNode body = Json.object();
        body.put("access_token", grant.accessToken());
        body.put("expires_in", grant.expiresIn());
        body.put("token_type", "Bearer");
        body.put("scope", grant.scope());
        return SimResponse.json(200, body);
    }

    /** Every API call but the token request needs a live bearer token. */
    @Override
    protected Optional<SimResponse> beforeHandle(SimRequest request, String endpoint) {
        if (endpoint.endsWith(TOKEN_PATH) || oauth.isValid(request.header("Authorization"))) {
            return Optional.empty();
        }
        return Optional.of(SimResponse.json(401, Json.object().put("message", "Unauthorized"))
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    @Override
    protected SimResponse notFound(SimRequest request) {
        return SimResponse.json(404, Json.object().put("message", "No resource at " + request.path()));
    }

    @Override
    protected SimResponse badRequest(SimRequest request, String message) {
        ObjectNode body = Json.object();
        body.put("StatusCode", "Failed");
        body.put("Description", message);
        return SimResponse.json(400, body);
    }

    // ---- Java API for tests, the demo generator and the control routes ----

    public NorceStore store() {
        return store;
    }

    /** The tenant's lookup ids from now on: another tenant, or the same codes with other ids. */
    public void tenant(NorceTenant newTenant) {
        this.tenant = newTenant;
    }

    public NorceTenant tenant() {
        return tenant;
    }

    /** OrderNo overridden as an ERP's confirmation response can do; QuotationId (ClientOrderRef) stays. */
    public Optional<Order> renumberOrder(long orderId, String orderNo) {
        return store.renumberOrder(orderId, orderNo);
    }

    public Order placeOrder(OrderDraft draft) {
        return store.placeOrder(draft);
    }

    public Optional<Order> modifyOrder(long orderId, OrderDraft draft) {
        return store.modifyOrder(orderId, draft);
    }

    public Optional<Order> setOrderStatus(long orderId, int statusId) {
        return store.setOrderStatus(orderId, statusId);
    }

    /** Refunds or returns part of a line: its quantity drops to {@code quantity}; Updated moves. */
    public Optional<Order> reduceLine(long orderId, int lineNumber, BigDecimal quantity) {
        return store.changeLine(orderId, lineNumber, quantity, false);
    }

    /** Cancels one line: its own status becomes Cancelled (6), the order's status stays; Updated moves. */
    public Optional<Order> cancelLine(long orderId, int lineNumber) {
        return store.changeLine(orderId, lineNumber, null, true);
    }

    public boolean vanishOrder(long orderId) {
        return store.vanishOrder(orderId);
    }

    public List<Order> orders() {
        return store.orders();
    }

    public List<WriteBack> writeBacks() {
        return store.writeBacks();
    }

    public void loadArticles(List<DemoCatalog.Article> articles) {
        store.loadArticles(articles);
    }

    /** Token lifetime for tokens issued from now on (default 3600 s). */
    public void tokenLifetime(Duration lifetime) {
        oauth.lifetime(lifetime);
    }

    /**
     * Adds or replaces one SKU as the shop admin would, including shapes the catalogue generator never makes (no VAT
     * rate, odd article numbers); {@code Updated} becomes now.
     */
    public NorceModel.Sku putSku(String partNo, String name, java.math.BigDecimal vatRate, String eanCode,
                                 int statusId, java.math.BigDecimal standardPrice) {
        synchronized (store) {
            NorceModel.Sku old = store.sku(partNo).orElse(null);
            long id = old != null ? old.id() : store.allocateSkuId();
            java.time.Instant now = store.now();
            NorceModel.Sku sku = new NorceModel.Sku(id, old != null ? old.productId() : id, partNo,
                    old != null ? old.manufacturerCode() : "DEMO", partNo, partNo, name, statusId, 1, eanCode, vatRate,
                    standardPrice, old != null ? old.created() : now, old != null ? now : null);
            store.putSku(sku);
            // The admin's standard price is the SKU's price on the primary price list, where Query shows it.
            store.priceLists().stream().filter(l -> l.isPrimary() && l.isActive())
                    .min(java.util.Comparator.comparingInt(NorceModel.PriceList::id))
                    .ifPresent(l -> store.putPrice(new NorceModel.SkuPrice(partNo, l.code(), 1, standardPrice, null,
                            null, null, standardPrice != null, now)));
            return sku;
        }
    }

    /** Import rows for this PartNo fail with {@code message} in Job/GetLog (a per-row error) until cleared. */
    public void rejectInImports(String partNo, String message) {
        jobs.rejectPartNo(partNo, message);
    }

    /**
     * Serves the Job service under {@code api/Job/} (Storm's documented path) instead of {@code Job/}, for the
     * adapter's fallback; the other path answers 404.
     */
    public void jobServiceUnderApi(boolean underApi) {
        jobs.jobPathPrefix(underApi ? "api/Job/" : "Job/");
    }

    /** Names Job/Get's insert count {@code Insert}, as the docs' sample does, instead of the contract's {@code Inserts}. */
    public void jobInsertCountAsInsert(boolean insert) {
        jobs.insertsName(insert ? "Insert" : "Inserts");
    }

    /** The next import job ends Failed (status 3) instead of applying its rows. */
    public void failNextJob() {
        jobs.failNextJob();
    }

    public boolean failJob(int jobId) {
        return jobs.failJob(jobId);
    }

    /**
     * Subscribes {@code url} to the tenant's {@code JobCompletedEvent}s, as a merchant does in Norce's admin: from then
     * on each import job ends on its own and its event is posted there.
     */
    public void sendJobEventsTo(java.net.URI url) {
        jobs.sendJobEventsTo(url);
    }

    /** The job events delivered to the subscription (answered 2xx). */
    public List<JsonNode> jobEventsSent() {
        return List.copyOf(jobs.jobEventsSent());
    }

    public Optional<JsonNode> job(int jobId) {
        return jobs.jobView(jobId).map(JsonNode.class::cast);
    }

    /** Back to the seeded demo tenant; journal, faults and the token bucket are cleared too. */
    public void reset() {
        store.reset(applicationIds);
        jobs.reset();
        oauth.resetRateLimit();
        faults().clear();
        clearJournal();
    }

    private void registerNorceControlRoutes() {
        controlRoute("GET", "norce/orders", req -> {
            ArrayNode all = Json.array();
            store.orders().forEach(o -> all.add(NorceJson.orderWithWriteBacks(o, tenant)));
            return SimResponse.json(200, all);
        });
        controlRoute("POST", "norce/orders", req -> {
            Order placed = store.placeOrder(NorceJson.draft(requireJson(req), null));
            return SimResponse.json(201, NorceJson.orderWithWriteBacks(placed, tenant));
        });
        controlRoute("GET", "norce/orders/{id}", req -> orderResponse(store.order(orderId(req))));
        controlRoute("PATCH", "norce/orders/{id}", req -> {
            long id = orderId(req);
            Optional<Order> current = store.order(id);
            return orderResponse(current.flatMap(o -> store.modifyOrder(id, NorceJson.draft(requireJson(req),
                    o.toDraft()))));
        });
        controlRoute("PUT", "norce/orders/{id}/status", req -> orderResponse(store.setOrderStatus(orderId(req),
                req.queryParam("statusId").map(Integer::parseInt).orElseThrow(() -> control(400, "statusId required")))));
        controlRoute("PUT", "norce/orders/{id}/lines/{line}", req -> {
            int line = Integer.parseInt(req.pathParam("line"));
            if (req.queryParam("cancel").map(Boolean::parseBoolean).orElse(false)) {
                return orderResponse(store.changeLine(orderId(req), line, null, true));
            }
            BigDecimal quantity = req.queryParam("qty").map(BigDecimal::new)
                    .orElseThrow(() -> control(400, "qty or cancel=true required"));
            return orderResponse(store.changeLine(orderId(req), line, quantity, false));
        });
        controlRoute("DELETE", "norce/orders/{id}", req -> store.vanishOrder(orderId(req))
                ? SimResponse.empty(204) : SimResponse.json(404, Json.object().put("message", "no such order")));
        controlRoute("GET", "norce/writebacks", req -> {
            ArrayNode all = Json.array();
            store.writeBacks().forEach(w -> all.add(NorceJson.writeBack(w)));
            return SimResponse.json(200, all);
        });
        controlRoute("GET", "norce/products/{partNo}", req -> {
            String partNo = req.pathParam("partNo");
            var sku = store.sku(partNo).orElseThrow(() -> control(404, "no such SKU"));
            ObjectNode view = NorceJson.sku(sku);
            ArrayNode onhand = view.putArray("Onhand");
            store.onhands(partNo).forEach(o -> onhand.add(NorceJson.onhand(o)));
            ArrayNode prices = view.putArray("Prices");
            store.priceLists().forEach(l -> store.price(l.code(), partNo).ifPresent(p -> prices.add(NorceJson.skuPrice(p))));
            return SimResponse.json(200, view);
        });
        controlRoute("GET", "norce/products", req -> {
            int skip = req.queryParam("skip").map(Integer::parseInt).orElse(0);
            int top = req.queryParam("top").map(Integer::parseInt).orElse(100);
            ArrayNode rows = Json.array();
            store.selectSkus(s -> true, null, skip, top).rows().forEach(s -> rows.add(NorceJson.sku(s)));
            return SimResponse.json(200, Json.object().put("total", store.skuCount()).set("value", rows));
        });
        controlRoute("GET", "norce/onhand/{partNo}", req -> {
            ArrayNode rows = Json.array();
            store.onhands(req.pathParam("partNo")).forEach(o -> rows.add(NorceJson.onhand(o)));
            return SimResponse.json(200, rows);
        });
        controlRoute("GET", "norce/pricelists", req -> {
            ArrayNode rows = Json.array();
            store.priceLists().forEach(p -> rows.add(NorceJson.priceList(p)));
            return SimResponse.json(200, rows);
        });
        controlRoute("GET", "norce/pricelists/{code}/{partNo}", req -> store.price(req.pathParam("code"),
                req.pathParam("partNo")).map(p -> SimResponse.json(200, NorceJson.skuPrice(p)))
                .orElseThrow(() -> control(404, "no such price")));
        controlRoute("GET", "norce/customers/pricelists", req -> {
            ObjectNode all = Json.object();
            store.customerPriceLists().forEach((code, lists) -> lists.forEach(all.putArray(code)::add));
            return SimResponse.json(200, all);
        });
        controlRoute("GET", "norce/jobs", req -> SimResponse.json(200, jobs.jobsView()));
        controlRoute("POST", "norce/jobs/{id}/complete", req -> jobs.complete(jobId(req))
                .map(v -> SimResponse.json(200, v)).orElseThrow(() -> control(404, "no such job")));
        controlRoute("POST", "norce/jobs/{id}/fail", req -> jobs.failJob(jobId(req))
                ? SimResponse.empty(204) : SimResponse.json(409, Json.object().put("message", "no such running job")));
        controlRoute("POST", "norce/jobs/fail-next", req -> {
            jobs.failNextJob();
            return SimResponse.empty(204);
        });
        controlRoute("PUT", "norce/token-lifetime", req -> {
            tokenLifetime(Duration.ofSeconds(req.queryParam("seconds").map(Long::parseLong)
                    .orElseThrow(() -> control(400, "seconds required"))));
            return SimResponse.empty(204);
        });
        controlRoute("POST", "norce/reset", req -> {
            reset();
            return SimResponse.empty(204);
        });
    }

    private SimResponse orderResponse(Optional<Order> order) {
        return order.map(o -> SimResponse.json(200, NorceJson.orderWithWriteBacks(o, tenant)))
                .orElseThrow(() -> control(404, "no such order"));
    }

    private static long orderId(SimRequest request) {
        return parse(request.pathParam("id"));
    }

    private static int jobId(SimRequest request) {
        return (int) parse(request.pathParam("id"));
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw control(400, "not a number: " + id);
        }
    }

    private static JsonNode requireJson(SimRequest request) {
        JsonNode body = request.json();
        if (body == null || !body.isObject()) {
            throw control(400, "a JSON object body is required");
        }
        return body;
    }

    private static SimulatorException control(int status, String message) {
        return new SimulatorException(SimResponse.json(status, Json.object().put("message", message)));
    }
}
