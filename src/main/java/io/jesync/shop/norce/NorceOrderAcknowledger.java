package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ShopSettings;
import io.jesync.shop.ShopOrder;

/**
 * Tells Norce that the ERP took an order: Connect 4.0 {@code Order/SendOrderStatus} with the web order number, the
 * ERP's order number and a status (reference §2.5: sending "Confirmed" stores the ERP order number). Setting the
 * same status twice changes nothing, so a retry after a lost answer is harmless.
 */
public final class NorceOrderAcknowledger {
    static final String SEND_ORDER_STATUS_PATH = "/commerce/connect/4.0/Order/SendOrderStatus";

    private final NorceConnection connection;

    public NorceOrderAcknowledger(NorceConnection connection) {
        this.connection = connection;
    }

    /**
     * @param status an OrderStatus name Connect accepts, e.g. "Confirmed" or "ErpConfirmed"
     * @throws NorceUnavailableException 429/5xx/I/O: retry later
     * @throws NorceRequestException     Norce refused (e.g. unknown order); the message names the order number
     */
    public void acknowledge(ShopSettings shop, ShopOrder order, String erpOrderNo, String status)
            throws IOException, InterruptedException {
        ObjectNode body = connection.mapper().createObjectNode();
        // ClientOrderRef is an int in Connect's contract; a non-numeric order number is sent as text rather than lost.
        if (order.orderNo().chars().allMatch(Character::isDigit) && order.orderNo().length() < 19) {
            body.put("ClientOrderRef", Long.parseLong(order.orderNo()));
        } else {
            body.put("ClientOrderRef", order.orderNo());
        }
        body.put("ErpOrderNo", erpOrderNo);
        body.put("OrderStatus", status);
        String what = "Norce SendOrderStatus " + status + " (ERP order " + erpOrderNo + ") for order "
                + order.orderNo() + " of shop " + shop.id();
        URI uri = URI.create(shop.baseUrl() + SEND_ORDER_STATUS_PATH);
        String json = body.toString();
        HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(NorceConnection.TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
        requireOk(response, what);
    }

    /** Connect's OrderResponse can say "Failed" inside a 200; that is a refusal too. */
    private void requireOk(HttpResponse<String> response, String what) throws NorceRequestException {
        if (response.body() == null || response.body().isBlank()) {
            return;
        }
        JsonNode answer;
        try {
            answer = connection.json(response.body());
        } catch (IOException notJson) {
            return;
        }
        if ("Failed".equalsIgnoreCase(answer.path("StatusCode").asText())) {
            throw new NorceRequestException(what + " was refused: " + answer.path("Description").asText(""),
                    response.statusCode());
        }
    }
}
