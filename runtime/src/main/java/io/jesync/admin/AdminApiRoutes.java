package io.jesync.admin;

import static io.jesync.admin.ApiAnswers.MAPPER;
import static io.jesync.admin.ApiAnswers.answer;
import static io.jesync.admin.ApiAnswers.error;
import static io.jesync.admin.ApiAnswers.jsonBody;
import static io.jesync.admin.ApiAnswers.number;
import static io.jesync.admin.ApiAnswers.query;
import static io.jesync.admin.ApiAnswers.wholeNumber;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.alert.AlertMonitor;
import io.jesync.json.Json;
import io.jesync.observe.FlowsView;
import io.jesync.payment.PaymentLedger;
import io.jesync.product.InitialSyncService;
import io.jesync.product.SyncDirection;
import io.jesync.reconcile.Reconciliation;
import io.jesync.stock.ArticleSyncStore;
import io.jesync.store.ParkedItems;

/**
 * The admin API on the admin port: JSON over HTTP for support staff, declared with Camel's REST DSL so the OpenAPI
 * document at {@code GET /api/openapi.json} is generated from these declarations and cannot drift from them.
 * Views of flows, orders, status actions and reversals; the operator's actions on orders (re-send, park, unpark,
 * skip), a flow run on demand, and tracing. Every answer is built from the store, whose payloads are masked when
 * written, or from masked captures; credentials, the cross-site check and login throttling sit in front of all of it
 * in {@link AdminGuard}.
 */
public class AdminApiRoutes extends RouteBuilder {
    /** Where the generated document is served (also set as {@code camel.rest.api-context-path}). */
    public static final String OPENAPI_PATH = "/api/openapi.json";

    @Override
    public void configure() {
        handleErrors(this);
        describeApi(this);
        RestDefinition api = rest("/api").tag("admin");
        api.securityDefinitions().basicAuth("basic", "admin.username and admin.password")
                .bearerToken("bearer", "admin.token", null).end();

        verb(api.get("/flows"), "admin-flows", "Every flow's health",
                "Per shop each flow's schedule, last run and outcome, its items by state and watermarks; the"
                        + " e-conomic call budget.", e -> answer(e, 200, bean(e, "flowsView", FlowsView.class)
                        .view(query(e, "shop"))),
                queryParam("shop", "Only this shop"), ok(200, "The flows"));

        verb(api.post("/flows/{routeId}/run"), "admin-run-flow", "Run a flow now",
                "The scheduled flow runs once now, after the run in progress if any.", e -> {
                    String routeId = ApiAnswers.header(e, "routeId");
                    if (bean(e, "flowsView", FlowsView.class).runNow(routeId)) {
                        answer(e, 202, MAPPER.createObjectNode().put("queued", true).put("message", "Flow " + routeId
                                + " runs now (after the run in progress, if any)."));
                    } else {
                        answer(e, 404, error("No scheduled flow " + routeId + "; GET /api/flows lists them"));
                    }
                }, pathParam("routeId", "A flow's route id from GET /api/flows"), ok(202, "Queued"),
                ok(404, "No such scheduled flow"));

        verb(api.get("/instances"), "admin-instances", "List the instances",
                "The runtime's instances on this store: id, host, version, started and last heartbeat; live or gone.",
                e -> answer(e, 200, bean(e, "instanceDirectory", io.jesync.cluster.InstanceDirectory.class).view()),
                ok(200, "The instances"));

        verb(api.get("/orders"), "admin-list-orders", "Find orders",
                "Orders matching the filters, newest first.", e -> answer(e, 200, service(e).search(query(e, "shop"),
                        query(e, "channel"), query(e, "state"), query(e, "from"), query(e, "to"), query(e, "q"),
                        wholeNumber(e, "limit"), wholeNumber(e, "offset"))),
                queryParam("shop", "Only this shop"), queryParam("channel", "Only this channel (application id)"),
                queryParam("state", "Only orders in this state, e.g. PARKED"),
                queryParam("from", "Placed on or after this day (2025-03-01, UTC) or instant"),
                queryParam("to", "Placed before this day or instant"),
                queryParam("q", "Text: order number, customer name or e-mail, e-conomic document number"),
                wholeParam("limit", "At most this many (default 200)"), wholeParam("offset", "Skip this many"),
                ok(200, "The orders"), ok(400, "A filter is not of its kind"));

        verb(api.get("/orders/{shop}/{orderNo}"), "admin-order", "One order's story",
                "The order's ledger entry, timeline, status actions and reversals.", e -> {
                    String shop = shop(e);
                    String orderNo = ApiAnswers.header(e, "orderNo");
                    service(e).order(shop, orderNo).ifPresentOrElse(order -> answer(e, 200, order),
                            () -> answer(e, 404, error("No order " + orderNo + " in shop " + shop)));
                }, shopParam(), orderParam(), ok(200, "The order"), ok(404, "No such shop or order"));

        verb(api.post("/orders/{shop}/{orderNo}/resend"), "admin-resend-order", "Re-send a parked or failed order",
                "Looked up in e-conomic first, so it cannot be created twice.", e -> {
                    String shop = shop(e);
                    String orderNo = ApiAnswers.header(e, "orderNo");
                    answerRetry(e, service(e).resend(shop, orderNo), "Order " + orderNo + " will be sent again; it is"
                            + " looked up in e-conomic first, so it cannot be created twice.",
                            "No order " + orderNo + " in shop " + shop,
                            "Order " + orderNo + " is neither parked nor failed; only those can be re-sent.");
                }, shopParam(), orderParam(), ok(202, "Queued"), ok(404, "No such shop or order"),
                ok(409, "Neither parked nor failed"));

        verb(api.post("/orders/{shop}/{orderNo}/replay"), "admin-replay-order", "Replay an order",
                "Runs the standard mapping and the plugins on the order as the shop has it now and answers the"
                        + " e-conomic document that would be sent, with its differences from what was sent. Writes"
                        + " nothing.",
                e -> {
                    io.jesync.order.OrderReplay replay = bean(e, "orderReplay", io.jesync.order.OrderReplay.class);
                    try {
                        answer(e, 200, replay.replay(shop(e), ApiAnswers.header(e, "orderNo")).toJson());
                    } catch (IllegalArgumentException notFound) {
                        answer(e, 404, error(notFound.getMessage()));
                    }
                }, shopParam(), orderParam(), ok(200, "The document and its differences"),
                ok(404, "No such shop or order"));

        verb(api.post("/orders/{shop}/{orderNo}/park").type(ApiBodies.Reason.class), "admin-park-order",
                "Park an order", "The flow leaves it alone until it is re-sent or unparked.",
                e -> action(e, service(e).park(shop(e), ApiAnswers.header(e, "orderNo"), jsonBody(e).path("reason")
                        .asText(null))), shopParam(), orderParam(), ok(200, "Parked"), ok(400, "Bad body"),
                ok(404, "No such shop or order"), ok(409, "Not in a state that can be parked"));

        verb(api.post("/orders/{shop}/{orderNo}/unpark"), "admin-unpark-order", "Unpark an order",
                "The flow takes it up again.",
                e -> action(e, service(e).unpark(shop(e), ApiAnswers.header(e, "orderNo"))),
                shopParam(), orderParam(), ok(202, "Queued again"), ok(404, "No such shop or order"),
                ok(409, "Not parked"));

        verb(api.post("/orders/{shop}/{orderNo}/skip").type(ApiBodies.Reason.class), "admin-skip-order",
                "Skip an order", "It will never be sent; refused while e-conomic holds a document for it.",
                e -> action(e, service(e).skip(shop(e), ApiAnswers.header(e, "orderNo"), jsonBody(e).path("reason")
                        .asText(null))), shopParam(), orderParam(), ok(200, "Skipped"), ok(400, "Bad body"),
                ok(404, "No such shop or order"), ok(409, "Cannot be skipped"));

        verb(api.post("/orders/{shop}/{orderNo}/import").type(ApiBodies.ImportRequest.class), "admin-import-order",
                "Import an order the flow never read", "As a reconciliation finding suggests.", e -> {
                    JsonNode body = jsonBody(e);
                    if (!body.path("platformOrderId").canConvertToLong() || body.path("channel").asText("").isBlank()) {
                        throw new IllegalArgumentException("send {\"platformOrderId\": <the shop's order id>,"
                                + " \"channel\": \"<application id>\"} (a reconciliation finding has both)");
                    }
                    action(e, service(e).importOrder(shop(e), ApiAnswers.header(e, "orderNo"),
                            body.path("channel").asText(), body.path("platformOrderId").asLong()));
                }, shopParam(), orderParam(), ok(202, "Queued"), ok(400, "Bad body"), ok(404, "No such shop"),
                ok(409, "Already known"));

        verb(api.get("/reconciliation"), "admin-list-reconciliations", "Reconciliation runs",
                "The latest runs, newest first.", e -> answer(e, 200, bean(e, "reconciliation", Reconciliation.class)
                        .latest(query(e, "shop"), wholeNumber(e, "limit"))),
                queryParam("shop", "Only this shop"), wholeParam("limit", "At most this many"), ok(200, "The runs"),
                ok(400, "A parameter is not of its kind"));

        verb(api.post("/reconciliation").type(ApiBodies.ReconcileRequest.class), "admin-reconciliation",
                "Reconcile now", "Compares one day of the shop with e-conomic and answers the findings, each with"
                        + " its fix.", e -> {
                    JsonNode body = jsonBody(e);
                    String shop = body.path("shop").asText(null);
                    if (shop == null) {
                        throw new IllegalArgumentException("send {\"shop\": \"<shop id>\", \"day\":"
                                + " \"2025-03-01\"} (day defaults to yesterday)");
                    }
                    java.time.LocalDate day;
                    try {
                        day = body.hasNonNull("day") ? java.time.LocalDate.parse(body.path("day").asText()) : null;
                    } catch (java.time.format.DateTimeParseException bad) {
                        throw new IllegalArgumentException("day '" + body.path("day").asText() + "' is not a day"
                                + " such as 2025-03-01");
                    }
                    answer(e, 201, Reconciliation.view(bean(e, "reconciliation", Reconciliation.class).run(shop,
                            body.path("kind").asText(null), day, "api")));
                }, ok(201, "The run with its findings"), ok(400, "Bad body"));

        verb(api.get("/reconciliation/{id}"), "admin-reconciliation-run", "One reconciliation", "With its findings.",
                e -> {
                    long id = number(e, "id");
                    bean(e, "reconciliation", Reconciliation.class).find(id).ifPresentOrElse(
                            run -> answer(e, 200, run), () -> answer(e, 404, error("No reconciliation " + id)));
                }, pathParam("id", "The run's id"), ok(200, "The run"), ok(400, "id is not a number"),
                ok(404, "No such run"));

        // A stock or price reconciliation finding's fix: the article's values go to the shop again on the next tick.
        verb(api.post("/stock-prices/{shop}/{article}/repush"), "admin-stock-prices-repush",
                "Queue an article's stock and prices for the shop again", "Read from e-conomic on the next tick.",
                e -> {
                    String shop = shop(e);
                    String article = ApiAnswers.header(e, "article");
                    ArticleSyncStore store = bean(e, "articleSyncStore", ArticleSyncStore.class);
                    boolean on = settings(e).shops().stream()
                            .anyMatch(s -> s.id().equals(shop) && s.stockPrices().enabled());
                    if (store == null || !on) {
                        answer(e, 404, error("Shop " + shop + " has no stock or prices from e-conomic"));
                        return;
                    }
                    int queued = store.requeue(shop, article);
                    answer(e, 202, MAPPER.createObjectNode().put("queued", queued).put("message", "Article "
                            + article + " is read from e-conomic on the next stock and price tick and its " + queued
                            + " value(s) sent to shop " + shop + "."));
                }, shopParam(), pathParam("article", "The article number"), ok(202, "Queued"),
                ok(404, "No such shop, or it takes no stock or prices from e-conomic"));

        verb(api.get("/alerts"), "admin-alerts", "Alerts: what is wrong now and the notices sent", null, e -> {
            AlertMonitor alerts = bean(e, "alertMonitor", AlertMonitor.class);
            Integer limit = wholeNumber(e, "limit");
            answer(e, 200, alerts == null ? AlertMonitor.disabledView().get()
                    : alerts.view(limit == null ? 50 : Math.max(1, Math.min(limit, 500))));
        }, wholeParam("limit", "At most this many notices (default 50)"), ok(200, "The alerts"),
                ok(400, "limit is not a whole number"));

        verb(api.get("/parked-items"), "admin-list-parked-items",
                "Products, stock and price rows waiting for a person", null, e -> {
                    Integer limit = wholeNumber(e, "limit");
                    List<ParkedItems.Item> items = bean(e, "parkedItems", ParkedItems.class).open(query(e, "kind"),
                            query(e, "shop"), limit == null ? 200 : Math.max(1, Math.min(limit, 1000)));
                    ObjectNode body = MAPPER.createObjectNode().put("count", items.size());
                    ArrayNode list = body.putArray("items");
                    for (ParkedItems.Item item : items) {
                        ObjectNode node = list.addObject().put("kind", item.kind()).put("shop", item.shopId())
                                .put("key", item.key()).put("reason", item.reason())
                                .put("parkedAt", item.parkedAt().toString());
                        putJsonOrText(node, "payload", item.payload());
                    }
                    answer(e, 200, body);
                }, queryParam("kind", "product, STOCK or PRICE"), queryParam("shop", "Only this shop"),
                wholeParam("limit", "At most this many (default 200)"), ok(200, "The parked rows"),
                ok(400, "limit is not a whole number"));

        verb(api.post("/payments/{shop}/{id}/retry"), "admin-retry-payment", "Enter a parked or failed payment again",
                "Looked up in e-conomic first, so it cannot be entered twice.", e -> {
                    String shop = shop(e);
                    long id = number(e, "id");
                    PaymentLedger payments = bean(e, "paymentLedger", PaymentLedger.class);
                    boolean requeued = payments != null && payments.requeue(shop, id).isPresent();
                    answer(e, requeued ? 202 : 409, MAPPER.createObjectNode().put("message", requeued
                            ? "Payment " + id + " will be entered again; it is looked up in e-conomic first, so it"
                            + " cannot be entered twice."
                            : "Payment " + id + " of shop " + shop + " is not parked or failed."));
                }, shopParam(), pathParam("id", "The payment's id"), ok(202, "Queued"), ok(400, "id is not a number"),
                ok(404, "No such shop"), ok(409, "Not parked or failed"));

        verb(api.get("/articles/{shop}/{article}"), "admin-article", "One article's story",
                "Product writes, e-conomic's reading, each value wanted and sent, what is parked.", e -> {
                    String shop = shop(e);
                    String article = ApiAnswers.header(e, "article");
                    ObjectNode story = bean(e, "articleAdminService", ArticleAdminService.class).article(shop,
                            article);
                    if (ArticleAdminService.isEmpty(story)) {
                        throw new ApiAnswers.NotFound("Nothing is known of article " + article + " in shop " + shop);
                    }
                    answer(e, 200, story);
                }, shopParam(), pathParam("article", "The article number"), ok(200, "The article"),
                ok(404, "No such shop, or nothing known of the article"));

        listByState(api.get("/status-actions"), "admin-list-status-actions", "Status actions by state", "The actions",
                OrderAdminService::statusActions);

        verb(api.post("/orders/{shop}/{orderNo}/status-actions/{id}/retry"), "admin-retry-status-action",
                "Retry a parked status action", null, e -> action(e, service(e).retryStatusAction(shop(e),
                        ApiAnswers.header(e, "orderNo"), number(e, "id"))), shopParam(), orderParam(),
                pathParam("id", "The action's id"), ok(202, "Queued"), ok(400, "id is not a number"),
                ok(404, "No such shop, order or action"), ok(409, "Not parked"));

        verb(api.post("/orders/{shop}/{orderNo}/status-actions/{id}/skip").type(ApiBodies.Reason.class),
                "admin-skip-status-action", "Skip a parked or failed status action", null,
                e -> action(e, service(e).skipStatusAction(shop(e), ApiAnswers.header(e, "orderNo"), number(e, "id"),
                        jsonBody(e).path("reason").asText(null))), shopParam(), orderParam(),
                pathParam("id", "The action's id"), ok(200, "Skipped"), ok(400, "Bad body or id"),
                ok(404, "No such shop, order or action"), ok(409, "Not parked or failed"));

        listByState(api.get("/reversals"), "admin-list-reversals", "Reversals by state", "The reversals",
                OrderAdminService::reversals);

        verb(api.post("/orders/{shop}/{orderNo}/reversals/{seq}/retry"), "admin-retry-reversal",
                "Retry a parked or failed reversal", "What may already be in e-conomic is looked up first.", e -> {
                    String shop = shop(e);
                    String orderNo = ApiAnswers.header(e, "orderNo");
                    int seq = (int) number(e, "seq");
                    answerRetry(e, service(e).retryReversal(shop, orderNo, seq), "Reversal " + seq + " of order "
                            + orderNo + " will be carried out again; what may already be in e-conomic is looked up"
                            + " first.", "No reversal " + seq + " on order " + orderNo + " of shop " + shop,
                            "Reversal " + seq + " is neither parked nor failed; only those can be retried.");
                }, shopParam(), orderParam(), pathParam("seq", "The reversal's number on the order"), ok(202, "Queued"),
                ok(400, "seq is not a number"), ok(404, "No such shop, order or reversal"),
                ok(409, "Neither parked nor failed"));

        verb(api.post("/orders/{shop}/{orderNo}/reversals/{seq}/skip").type(ApiBodies.Reason.class),
                "admin-skip-reversal", "Skip a parked or failed reversal", null,
                e -> action(e, service(e).skipReversal(shop(e), ApiAnswers.header(e, "orderNo"), (int) number(e, "seq"),
                        jsonBody(e).path("reason").asText(null))), shopParam(), orderParam(),
                pathParam("seq", "The reversal's number on the order"), ok(200, "Skipped"), ok(400, "Bad body or seq"),
                ok(404, "No such shop, order or reversal"), ok(409, "Not parked or failed"));

        verb(api.post("/initial-sync").type(ApiBodies.InitialSyncRequest.class), "admin-start-initial-sync",
                "Start an initial product sync", "Runs in the background; the answer says where to watch it.", e -> {
                    JsonNode body = jsonBody(e);
                    String shop = body.path("shop").asText(settings(e).shops().get(0).id());
                    SyncDirection direction = SyncDirection.ofKey(body.path("direction").asText(null));
                    initialSyncs(e).start(shop, direction, body.path("dryRun").asBoolean(true)).ifPresentOrElse(
                            id -> answer(e, 202, MAPPER.createObjectNode().put("id", id)
                                    .put("status", "/api/initial-sync/" + id)),
                            () -> answer(e, 409, error("An initial sync is already running; wait for it to end.")));
                }, ok(202, "Started"), ok(400, "Bad body"), ok(409, "One is already running"));

        verb(api.get("/initial-sync/{id}"), "admin-initial-sync", "One initial sync: progress and report", null, e -> {
            long id = number(e, "id");
            initialSyncs(e).status(id).ifPresentOrElse(status -> answer(e, 200, status),
                    () -> answer(e, 404, error("No initial sync " + id)));
        }, pathParam("id", "The sync's id"), ok(200, "Progress and report"), ok(400, "id is not a number"),
                ok(404, "No such sync"));

        verb(api.get("/initial-sync/{id}/report"), "admin-initial-sync-report", "Download an initial sync's report",
                "The report file of a finished run, as an attachment named after the run.", e -> {
                    long id = number(e, "id");
                    initialSyncs(e).report(id).ifPresentOrElse(report -> {
                        e.getMessage().getHeaders().clear();
                        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                        e.getMessage().setHeader("Content-Disposition", "attachment; filename=\"initial-sync-" + id
                                + ".json\"");
                        e.getMessage().setBody(report);
                    }, () -> answer(e, 404, error("Initial sync " + id + " has no report (yet)")));
                }, pathParam("id", "The sync's id"), ok(200, "The report"), ok(400, "id is not a number"),
                ok(404, "No such sync, or no report yet"));

        tracingRoutes(api);
    }

    private void tracingRoutes(RestDefinition api) {
        verb(api.get("/tracing"), "admin-tracing", "Tracing state of every flow", null, e -> {
            RouteTracing tracing = bean(e, "routeTracing", RouteTracing.class);
            ObjectNode body = MAPPER.createObjectNode().put("captureSize", tracing.capacity());
            body.set("routes", tracing.routes(e.getContext()));
            answer(e, 200, body);
        }, ok(200, "Every route and whether it is traced"));

        verb(api.get("/tracing/{routeId}"), "admin-route-tracing", "A route's capture",
                "The captured steps, oldest first, masked.", e -> tracingAnswer(e, ApiAnswers.header(e, "routeId")),
                pathParam("routeId", "A route id from GET /api/tracing"), ok(200, "The capture"),
                ok(404, "No such route"));

        verb(api.post("/tracing/{routeId}").type(ApiBodies.TracingSwitch.class), "admin-switch-tracing",
                "Switch a route's tracing", "Off also clears what was captured.", e -> {
                    String routeId = ApiAnswers.header(e, "routeId");
                    RouteTracing tracing = bean(e, "routeTracing", RouteTracing.class);
                    if (e.getContext().getRoute(routeId) != null) {
                        JsonNode enabled = jsonBody(e).path("enabled");
                        if (!enabled.isBoolean()) {
                            throw new IllegalArgumentException("send {\"enabled\": true} or {\"enabled\": false}");
                        }
                        tracing.enable(routeId, enabled.asBoolean());
                        if (!enabled.asBoolean()) {
                            tracing.clear(routeId);
                        }
                    }
                    tracingAnswer(e, routeId);
                }, pathParam("routeId", "A route id from GET /api/tracing"), ok(200, "The route's tracing now"),
                ok(400, "Bad body"), ok(404, "No such route"));
    }

    private static void tracingAnswer(Exchange e, String routeId) {
        RouteTracing tracing = bean(e, "routeTracing", RouteTracing.class);
        if (e.getContext().getRoute(routeId) == null) {
            answer(e, 404, error("No route " + routeId + "; GET /api/tracing lists them"));
            return;
        }
        ObjectNode body = MAPPER.createObjectNode().put("routeId", routeId)
                .put("enabled", tracing.isEnabled(routeId)).put("captureSize", tracing.capacity());
        tracing.captured(routeId).forEach(body.putArray("messages")::add);
        answer(e, 200, body);
    }

    /** Bad input answers 400 naming what to send, an unknown thing 404, anything else 500 without internals. */
    static void handleErrors(RouteBuilder builder) {
        builder.onException(IllegalArgumentException.class, ApiAnswers.NotFound.class).handled(true)
                .process(ApiAnswers::failed);
        builder.onException(Exception.class).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "Admin API ${routeId} failed: ${exception.stacktrace}")
                .process(e -> answer(e, 500, error("The runtime could not answer this request; its log says why"
                        + " (route " + e.getFromRouteId() + ").")));
    }

    /** The document's title and security schemes; every builder of {@code /api} routes shares them. */
    static void describeApi(RouteBuilder builder) {
        builder.restConfiguration().apiProperty("api.title", "jesync admin API").apiProperty("api.version", "1")
                .apiProperty("api.description", "Support API of the Jetshop/Norce to e-conomic integration runtime."
                        + " Served on the admin port; every path needs credentials except /observe/health and the"
                        + " stock webhook, and every state-changing request must come from the runtime's own origin"
                        + " with X-Requested-With (or use Bearer). Answers are JSON; payloads are masked.");
    }

    /** One operation: its route id, summary, parameters and answers, handled by {@code handler}. */
    private void verb(RestDefinition verb, String routeId, String summary, String description, Processor handler,
                      Object... parts) {
        document(verb, routeId, summary, description, parts);
        verb.to("direct:" + routeId);
        from("direct:" + routeId).process(handler);
    }

    /** How the service lists one kind of work item in one state, for one shop or all. */
    @FunctionalInterface
    private interface ByState {
        ObjectNode list(OrderAdminService service, String shop, String state, Integer limit);
    }

    private void listByState(RestDefinition verb, String routeId, String summary, String listed, ByState byState) {
        verb(verb, routeId, summary, null,
                e -> answer(e, 200, byState.list(service(e), query(e, "shop"), query(e, "state"), wholeNumber(e, "limit"))),
                queryParam("shop", "Only this shop"), queryParam("state", "Only this state"),
                wholeParam("limit", "At most this many"), ok(200, listed), ok(400, "A parameter is not of its kind"));
    }

    /** The part of an operation the OpenAPI document shows; the security schemes are declared once per builder. */
    static RestDefinition document(RestDefinition verb, String routeId, String summary, String description,
                                   Object... parts) {
        verb.id(routeId).routeId(routeId).description(description == null ? summary : summary + ". " + description);
        for (Object part : parts) {
            if (part instanceof ParamDefinition param) {
                verb.param(param);
            } else if (part instanceof Answer answer) {
                // responseMessage(int, String) drops its message in Camel 4.18; the long form keeps it.
                verb.responseMessage().code(answer.code()).message(answer.message()).endResponseMessage();
            }
        }
        if (!routeId.equals(PUBLIC_ROUTE)) {
            verb.responseMessage().code(401).message("Credentials missing or wrong (with a Basic challenge)")
                    .endResponseMessage();
            verb.security("basic").security("bearer");
        }
        return verb;
    }

    /** The only {@code /api} operation that takes no admin credentials (it checks its own token). */
    static final String PUBLIC_ROUTE = "economic-stock-webhook";

    record Answer(int code, String message) {
    }

    static Answer ok(int code, String message) {
        return new Answer(code, message);
    }

    static ParamDefinition queryParam(String name, String description) {
        return new ParamDefinition().name(name).type(RestParamType.query).description(description).required(false)
                .dataType("string");
    }

    static ParamDefinition wholeParam(String name, String description) {
        return queryParam(name, description).dataType("integer");
    }

    static ParamDefinition pathParam(String name, String description) {
        return new ParamDefinition().name(name).type(RestParamType.path).description(description).required(true)
                .dataType("string");
    }

    private static ParamDefinition shopParam() {
        return pathParam("shop", "A configured shop id (shops=...)");
    }

    private static ParamDefinition orderParam() {
        return pathParam("orderNo", "The shop's order number");
    }

    /** The {@code shop} path parameter, refused with 404 unless it names a configured shop. */
    static String shop(Exchange exchange) {
        String shop = ApiAnswers.header(exchange, "shop");
        RuntimeSettings settings = settings(exchange);
        if (settings.shops().stream().noneMatch(s -> s.id().equals(shop))) {
            throw new ApiAnswers.NotFound("No shop " + shop + "; the shops are "
                    + String.join(", ", settings.shops().stream().map(s -> s.id()).toList()));
        }
        return shop;
    }

    private static RuntimeSettings settings(Exchange exchange) {
        return bean(exchange, "runtimeSettings", RuntimeSettings.class);
    }

    private static InitialSyncService initialSyncs(Exchange exchange) {
        return bean(exchange, "initialSyncService", InitialSyncService.class);
    }

    private static OrderAdminService service(Exchange exchange) {
        return bean(exchange, "orderAdminService", OrderAdminService.class);
    }

    /** Payloads are stored as JSON by some flows and as text by others; either is shown as it is. */
    private static void putJsonOrText(ObjectNode target, String field, String payload) {
        if (payload == null) {
            return;
        }
        try {
            target.set(field, MAPPER.readTree(payload));
        } catch (java.io.IOException notJson) {
            target.put(field, payload);
        }
    }

    private static void action(Exchange exchange, OrderAdminService.ActionAnswer outcome) {
        answer(exchange, outcome.status(), outcome.status() < 300
                ? MAPPER.createObjectNode().put("done", true).put("message", outcome.message())
                : error(outcome.message()));
    }

    private static <T> T bean(Exchange exchange, String name, Class<T> type) {
        return exchange.getContext().getRegistry().lookupByNameAndType(name, type);
    }

    private static void answerRetry(Exchange exchange, OrderAdminService.ResendOutcome outcome, String queued,
                                    String unknown, String notRetryable) {
        switch (outcome) {
            case QUEUED -> answer(exchange, 202, MAPPER.createObjectNode().put("queued", true).put("message", queued));
            case UNKNOWN_ORDER -> answer(exchange, 404, error(unknown));
            case NOT_PARKED_OR_FAILED -> answer(exchange, 409, error(notRetryable));
        }
    }
}
