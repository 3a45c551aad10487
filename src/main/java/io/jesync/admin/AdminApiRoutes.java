package io.jesync.admin;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.alert.AlertMonitor;
import io.jesync.config.RuntimeSettings;
import io.jesync.payment.PaymentLedger;
import io.jesync.product.InitialSyncService;
import io.jesync.product.SyncDirection;
import io.jesync.reconcile.Reconciliation;
import io.jesync.store.ArticleSyncStore;
import io.jesync.store.ParkedItems;

/**
 * The admin API on the admin port: JSON over HTTP for support staff, described by {@code GET /api/openapi.json}.
 * Views of flows, orders, status actions and reversals; the operator's actions on orders (re-send, park, unpark,
 * skip), a flow run on demand, and route tracing. Every answer is built from the store, whose payloads are masked
 * when written, or from masked captures; credentials are checked in front of all of it by {@link AdminGuard}.
 */
public class AdminApiRoutes extends RouteBuilder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Hand-written, kept equal to the registered routes by AdminApiContractTest. */
    static final String OPENAPI = "/admin/openapi.json";

    @Override
    public void configure() {
        onException(IllegalArgumentException.class).handled(true)
                .process(e -> answer(e, 400, error(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)
                        .getMessage())));

        from("platform-http:/api/openapi.json?httpMethodRestrict=GET").routeId("admin-openapi")
                .process(e -> {
                    try (java.io.InputStream in = AdminApiRoutes.class.getResourceAsStream(OPENAPI)) {
                        answer(e, 200, (ObjectNode) MAPPER.readTree(in));
                    }
                });

        from("platform-http:/api/flows?httpMethodRestrict=GET").routeId("admin-flows")
                .process(e -> answer(e, 200, bean(e, "flowsView", FlowsView.class).view(query(e, "shop"))));

        from("platform-http:/api/flows/{routeId}/run?httpMethodRestrict=POST").routeId("admin-run-flow")
                .process(e -> {
                    String routeId = e.getMessage().getHeader("routeId", String.class);
                    if (bean(e, "flowsView", FlowsView.class).runNow(routeId)) {
                        answer(e, 202, MAPPER.createObjectNode().put("queued", true).put("message", "Flow " + routeId
                                + " runs now (after the run in progress, if any)."));
                    } else {
                        answer(e, 404, error("No scheduled flow " + routeId + "; GET /api/flows lists them"));
                    }
                });

        from("platform-http:/api/orders?httpMethodRestrict=GET").routeId("admin-list-orders")
                .process(e -> answer(e, 200, service(e).search(query(e, "shop"), query(e, "channel"),
                        query(e, "state"), query(e, "from"), query(e, "to"), query(e, "q"),
                        e.getMessage().getHeader("limit", Integer.class),
                        e.getMessage().getHeader("offset", Integer.class))));

        from("platform-http:/api/orders/{shop}/{orderNo}?httpMethodRestrict=GET").routeId("admin-order")
                .process(e -> {
                    String shop = e.getMessage().getHeader("shop", String.class);
                    String orderNo = e.getMessage().getHeader("orderNo", String.class);
                    service(e).order(shop, orderNo).ifPresentOrElse(order -> answer(e, 200, order),
                            () -> answer(e, 404, error("No order " + orderNo + " in shop " + shop)));
                });

        from("platform-http:/api/orders/{shop}/{orderNo}/resend?httpMethodRestrict=POST").routeId("admin-resend-order")
                .process(e -> {
                    String shop = e.getMessage().getHeader("shop", String.class);
                    String orderNo = e.getMessage().getHeader("orderNo", String.class);
                    answerRetry(e, service(e).resend(shop, orderNo), "Order " + orderNo + " will be sent again; it is"
                            + " looked up in e-conomic first, so it cannot be created twice.",
                            "No order " + orderNo + " in shop " + shop,
                            "Order " + orderNo + " is neither parked nor failed; only those can be re-sent.");
                });

        from("platform-http:/api/orders/{shop}/{orderNo}/park?httpMethodRestrict=POST").routeId("admin-park-order")
                .process(e -> action(e, service(e).park(header(e, "shop"), header(e, "orderNo"),
                        jsonBody(e).path("reason").asText(null))));

        from("platform-http:/api/orders/{shop}/{orderNo}/unpark?httpMethodRestrict=POST").routeId("admin-unpark-order")
                .process(e -> action(e, service(e).unpark(header(e, "shop"), header(e, "orderNo"))));

        from("platform-http:/api/orders/{shop}/{orderNo}/skip?httpMethodRestrict=POST").routeId("admin-skip-order")
                .process(e -> action(e, service(e).skip(header(e, "shop"), header(e, "orderNo"),
                        jsonBody(e).path("reason").asText(null))));

        from("platform-http:/api/orders/{shop}/{orderNo}/import?httpMethodRestrict=POST").routeId("admin-import-order")
                .process(e -> {
                    JsonNode body = jsonBody(e);
                    if (!body.path("platformOrderId").canConvertToLong() || body.path("channel").asText("").isBlank()) {
                        throw new IllegalArgumentException("send {\"platformOrderId\": <the shop's order id>,"
                                + " \"channel\": \"<application id>\"} (a reconciliation finding has both)");
                    }
                    action(e, service(e).importOrder(header(e, "shop"), header(e, "orderNo"),
                            body.path("channel").asText(), body.path("platformOrderId").asLong()));
                });

        // GET lists the latest runs; POST {"shop": "se", "day": "2025-03-01", "kind": "orders"} runs one now.
        from("platform-http:/api/reconciliation?httpMethodRestrict=GET,POST").routeId("admin-reconciliation")
                .process(e -> {
                    Reconciliation reconciliation = bean(e, "reconciliation", Reconciliation.class);
                    if (!"POST".equals(e.getMessage().getHeader(Exchange.HTTP_METHOD, String.class))) {
                        answer(e, 200, reconciliation.latest(query(e, "shop"),
                                e.getMessage().getHeader("limit", Integer.class)));
                        return;
                    }
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
                    answer(e, 201, Reconciliation.view(reconciliation.run(shop, body.path("kind").asText(null), day,
                            "api")));
                });

        from("platform-http:/api/reconciliation/{id}?httpMethodRestrict=GET").routeId("admin-reconciliation-run")
                .process(e -> {
                    long id = number(e, "id");
                    bean(e, "reconciliation", Reconciliation.class).find(id).ifPresentOrElse(
                            run -> answer(e, 200, run), () -> answer(e, 404, error("No reconciliation " + id)));
                });

        // A stock or price reconciliation finding's fix: the article's values go to the shop again on the next tick.
        from("platform-http:/api/stock-prices/{shop}/{article}/repush?httpMethodRestrict=POST")
                .routeId("admin-stock-prices-repush")
                .process(e -> {
                    String shop = header(e, "shop");
                    String article = header(e, "article");
                    ArticleSyncStore store = bean(e, "articleSyncStore", ArticleSyncStore.class);
                    boolean on = bean(e, "runtimeSettings", RuntimeSettings.class).shops().stream()
                            .anyMatch(s -> s.id().equals(shop) && s.stockPrices().enabled());
                    if (store == null || !on) {
                        answer(e, 404, error("Shop " + shop + " has no stock or prices from e-conomic"));
                        return;
                    }
                    int queued = store.requeue(shop, article);
                    answer(e, 202, MAPPER.createObjectNode().put("queued", queued).put("message", "Article "
                            + article + " is read from e-conomic on the next stock and price tick and its " + queued
                            + " value(s) sent to shop " + shop + "."));
                });

        from("platform-http:/api/alerts?httpMethodRestrict=GET").routeId("admin-alerts")
                .process(e -> {
                    AlertMonitor alerts = bean(e, "alertMonitor", AlertMonitor.class);
                    Integer limit = e.getMessage().getHeader("limit", Integer.class);
                    answer(e, 200, alerts == null ? AlertMonitor.disabledView().get()
                            : alerts.view(limit == null ? 50 : Math.max(1, Math.min(limit, 500))));
                });

        from("platform-http:/api/tracing?httpMethodRestrict=GET").routeId("admin-tracing")
                .process(e -> {
                    RouteTracing tracing = bean(e, "routeTracing", RouteTracing.class);
                    ObjectNode body = MAPPER.createObjectNode().put("captureSize", tracing.capacity());
                    body.set("routes", tracing.routes(e.getContext()));
                    answer(e, 200, body);
                });

        // GET reads a route's capture; POST {"enabled": true|false} switches its tracing (off also clears it).
        from("platform-http:/api/tracing/{routeId}?httpMethodRestrict=GET,POST").routeId("admin-route-tracing")
                .process(e -> {
                    RouteTracing tracing = bean(e, "routeTracing", RouteTracing.class);
                    String routeId = header(e, "routeId");
                    if (e.getContext().getRoute(routeId) == null) {
                        answer(e, 404, error("No route " + routeId + "; GET /api/tracing lists them"));
                        return;
                    }
                    if ("POST".equals(e.getMessage().getHeader(Exchange.HTTP_METHOD, String.class))) {
                        JsonNode enabled = jsonBody(e).path("enabled");
                        if (!enabled.isBoolean()) {
                            throw new IllegalArgumentException("send {\"enabled\": true} or {\"enabled\": false}");
                        }
                        tracing.enable(routeId, enabled.asBoolean());
                        if (!enabled.asBoolean()) {
                            tracing.clear(routeId);
                        }
                    }
                    ObjectNode body = MAPPER.createObjectNode().put("routeId", routeId)
                            .put("enabled", tracing.isEnabled(routeId)).put("captureSize", tracing.capacity());
                    tracing.captured(routeId).forEach(body.putArray("messages")::add);
                    answer(e, 200, body);
                });

        from("platform-http:/api/parked-items?httpMethodRestrict=GET").routeId("admin-list-parked-items")
                .process(e -> {
                    Integer limit = e.getMessage().getHeader("limit", Integer.class);
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
                });

        from("platform-http:/api/payments/{shop}/{id}/retry?httpMethodRestrict=POST").routeId("admin-retry-payment")
                .process(e -> {
                    long id = number(e, "id");
                    PaymentLedger payments = e.getContext().getRegistry().lookupByNameAndType("paymentLedger",
                            PaymentLedger.class);
                    boolean requeued = payments != null && payments.requeue(header(e, "shop"), id).isPresent();
                    answer(e, requeued ? 202 : 409, MAPPER.createObjectNode().put("message", requeued
                            ? "Payment " + id + " will be entered again; it is looked up in e-conomic first, so it"
                            + " cannot be entered twice."
                            : "Payment " + id + " of shop " + header(e, "shop") + " is not parked or failed."));
                });

        from("platform-http:/api/articles/{shop}/{article}?httpMethodRestrict=GET").routeId("admin-article")
                .process(e -> answer(e, 200, bean(e, "articleAdminService", ArticleAdminService.class)
                        .article(header(e, "shop"), header(e, "article"))));

        from("platform-http:/api/status-actions?httpMethodRestrict=GET").routeId("admin-list-status-actions")
                .process(e -> answer(e, 200, service(e).statusActions(e.getMessage().getHeader("shop", String.class),
                        e.getMessage().getHeader("state", String.class),
                        e.getMessage().getHeader("limit", Integer.class))));

        from("platform-http:/api/orders/{shop}/{orderNo}/status-actions/{id}/retry?httpMethodRestrict=POST")
                .routeId("admin-retry-status-action")
                .process(e -> action(e, service(e).retryStatusAction(header(e, "shop"), header(e, "orderNo"),
                        number(e, "id"))));

        from("platform-http:/api/orders/{shop}/{orderNo}/status-actions/{id}/skip?httpMethodRestrict=POST")
                .routeId("admin-skip-status-action")
                .process(e -> action(e, service(e).skipStatusAction(header(e, "shop"), header(e, "orderNo"),
                        number(e, "id"), jsonBody(e).path("reason").asText(null))));

        from("platform-http:/api/reversals?httpMethodRestrict=GET").routeId("admin-list-reversals")
                .process(e -> answer(e, 200, service(e).reversals(e.getMessage().getHeader("shop", String.class),
                        e.getMessage().getHeader("state", String.class),
                        e.getMessage().getHeader("limit", Integer.class))));

        from("platform-http:/api/orders/{shop}/{orderNo}/reversals/{seq}/retry?httpMethodRestrict=POST")
                .routeId("admin-retry-reversal")
                .process(e -> {
                    String shop = e.getMessage().getHeader("shop", String.class);
                    String orderNo = e.getMessage().getHeader("orderNo", String.class);
                    int seq = (int) number(e, "seq");
                    answerRetry(e, service(e).retryReversal(shop, orderNo, seq), "Reversal " + seq + " of order "
                            + orderNo + " will be carried out again; what may already be in e-conomic is looked up"
                            + " first.", "No reversal " + seq + " on order " + orderNo + " of shop " + shop,
                            "Reversal " + seq + " is neither parked nor failed; only those can be retried.");
                });

        from("platform-http:/api/orders/{shop}/{orderNo}/reversals/{seq}/skip?httpMethodRestrict=POST")
                .routeId("admin-skip-reversal")
                .process(e -> action(e, service(e).skipReversal(header(e, "shop"), header(e, "orderNo"),
                        (int) number(e, "seq"), jsonBody(e).path("reason").asText(null))));

        initialSyncRoutes();
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

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    private static String query(Exchange exchange, String name) {
        String value = header(exchange, name);
        return value == null || value.isBlank() ? null : value;
    }

    private static JsonNode jsonBody(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the request body is not JSON");
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

    private static long number(Exchange exchange, String header) {
        String value = exchange.getMessage().getHeader(header, String.class);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number (" + header + ")");
        }
    }

    private static void answerRetry(Exchange exchange, OrderAdminService.ResendOutcome outcome, String queued,
                                    String unknown, String notRetryable) {
        switch (outcome) {
            case QUEUED -> answer(exchange, 202, MAPPER.createObjectNode().put("queued", true).put("message", queued));
            case UNKNOWN_ORDER -> answer(exchange, 404, error(unknown));
            case NOT_PARKED_OR_FAILED -> answer(exchange, 409, error(notRetryable));
        }
    }

    private void initialSyncRoutes() {
        from("platform-http:/api/initial-sync?httpMethodRestrict=POST").routeId("admin-start-initial-sync")
                .process(e -> {
                    JsonNode body = jsonBody(e);
                    RuntimeSettings settings = e.getContext().getRegistry()
                            .lookupByNameAndType("runtimeSettings", RuntimeSettings.class);
                    String shop = body.path("shop").asText(settings.shops().get(0).id());
                    SyncDirection direction = SyncDirection.ofKey(
                            body.path("direction").asText(null));
                    initialSyncs(e).start(shop, direction, body.path("dryRun").asBoolean(true)).ifPresentOrElse(
                            id -> answer(e, 202, MAPPER.createObjectNode().put("id", id)
                                    .put("status", "/api/initial-sync/" + id)),
                            () -> answer(e, 409, error("An initial sync is already running; wait for it to end.")));
                });
        // The console's download: the report file of a run, named after the run.
        from("platform-http:/api/initial-sync/{id}/report?httpMethodRestrict=GET").routeId("admin-initial-sync-report")
                .process(e -> {
                    long id = number(e, "id");
                    initialSyncs(e).report(id).ifPresentOrElse(report -> {
                        e.getMessage().getHeaders().clear();
                        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                        e.getMessage().setHeader("Content-Disposition", "attachment; filename=\"initial-sync-" + id
                                + ".json\"");
                        e.getMessage().setBody(report);
                    }, () -> answer(e, 404, error("Initial sync " + id + " has no report (yet)")));
                });
        from("platform-http:/api/initial-sync/{id}?httpMethodRestrict=GET").routeId("admin-initial-sync")
                .process(e -> {
                    long id = Long.parseLong(e.getMessage().getHeader("id", String.class));
                    initialSyncs(e).status(id).ifPresentOrElse(status -> answer(e, 200, status),
                            () -> answer(e, 404, error("No initial sync " + id)));
                });
    }

    private static InitialSyncService initialSyncs(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType("initialSyncService",
                InitialSyncService.class);
    }

    private static OrderAdminService service(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType("orderAdminService", OrderAdminService.class);
    }

    private static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static void answer(Exchange exchange, int status, ObjectNode body) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            exchange.getMessage().setBody(MAPPER.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
