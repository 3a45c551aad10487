package io.jesync.admin;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The admin API on the admin port: JSON over HTTP for support staff. Read-only views plus the safe re-send;
 * every answer is built from the store, whose payloads are masked when written.
 */
public class AdminApiRoutes extends RouteBuilder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void configure() {
        onException(IllegalArgumentException.class).handled(true)
                .process(e -> answer(e, 400, error(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)
                        .getMessage())));

        from("platform-http:/api/orders?httpMethodRestrict=GET").routeId("admin-list-orders")
                .process(e -> answer(e, 200, service(e).list(e.getMessage().getHeader("shop", String.class),
                        e.getMessage().getHeader("state", String.class),
                        e.getMessage().getHeader("limit", Integer.class))));

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

        from("platform-http:/api/status-actions?httpMethodRestrict=GET").routeId("admin-list-status-actions")
                .process(e -> answer(e, 200, service(e).statusActions(e.getMessage().getHeader("shop", String.class),
                        e.getMessage().getHeader("state", String.class),
                        e.getMessage().getHeader("limit", Integer.class))));

        from("platform-http:/api/orders/{shop}/{orderNo}/status-actions/{id}/retry?httpMethodRestrict=POST")
                .routeId("admin-retry-status-action")
                .process(e -> {
                    String shop = e.getMessage().getHeader("shop", String.class);
                    String orderNo = e.getMessage().getHeader("orderNo", String.class);
                    long id = number(e, "id");
                    answerRetry(e, service(e).retryStatusAction(shop, orderNo, id), "Status action " + id + " of order "
                            + orderNo + " will run again; the shop side is idempotent, so it cannot happen twice.",
                            "No status action " + id + " on order " + orderNo + " of shop " + shop,
                            "Status action " + id + " is not parked; only parked actions can be run again.");
                });

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

        initialSyncRoutes();
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
                    com.fasterxml.jackson.databind.JsonNode body = MAPPER.readTree(
                            e.getMessage().getBody(String.class) == null ? "{}" : e.getMessage().getBody(String.class));
                    io.jesync.config.RuntimeSettings settings = e.getContext().getRegistry()
                            .lookupByNameAndType("runtimeSettings", io.jesync.config.RuntimeSettings.class);
                    String shop = body.path("shop").asText(settings.shops().get(0).id());
                    io.jesync.product.SyncDirection direction = io.jesync.product.SyncDirection.ofKey(
                            body.path("direction").asText(null));
                    initialSyncs(e).start(shop, direction, body.path("dryRun").asBoolean(true)).ifPresentOrElse(
                            id -> answer(e, 202, MAPPER.createObjectNode().put("id", id)
                                    .put("status", "/api/initial-sync/" + id)),
                            () -> answer(e, 409, error("An initial sync is already running; wait for it to end.")));
                });
        from("platform-http:/api/initial-sync/{id}?httpMethodRestrict=GET").routeId("admin-initial-sync")
                .process(e -> {
                    long id = Long.parseLong(e.getMessage().getHeader("id", String.class));
                    initialSyncs(e).status(id).ifPresentOrElse(status -> answer(e, 200, status),
                            () -> answer(e, 404, error("No initial sync " + id)));
                });
    }

    private static io.jesync.product.InitialSyncService initialSyncs(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType("initialSyncService",
                io.jesync.product.InitialSyncService.class);
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
