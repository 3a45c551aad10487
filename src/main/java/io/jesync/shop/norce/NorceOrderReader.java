package io.jesync.shop.norce;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.config.ShopSettings;

/**
 * Reads orders from Norce Query 2.0 ({@code GET /commerce/query/2.0/Orders/Orders}), one page of at most 500 at a
 * time. The page is parsed as a whole, but its orders stay raw JSON: mapping them is
 * {@link NorceOrderMapper}'s job, so one order that cannot be mapped never costs the rest of the page.
 */
public final class NorceOrderReader {
    static final String ORDERS_PATH = "/commerce/query/2.0/Orders/Orders";
    static final String EXPAND = "Items,Buyer,ShipTo,Payer";
    static final int PAGE_SIZE = 500;

    private final NorceConnection connection;

    public NorceOrderReader(NorceConnection connection) {
        this.connection = connection;
    }

    /**
     * One page of orders of {@code applicationId} in one of {@code statusIds} updated at or after
     * {@code updatedSince} (null: any time), ordered by Updated then Id.
     *
     * @param nextLink null for the first page, else the previous page's {@link OrderPage#nextLink()}
     * @throws NorceUnavailableException 429/5xx/I/O or a page that is not JSON: retry later
     * @throws NorceRequestException     Norce refused the query; the message names the filter
     */
    public OrderPage fetch(ShopSettings shop, int applicationId, Set<Integer> statusIds, Instant updatedSince,
                           String nextLink) throws IOException, InterruptedException {
        if (statusIds.isEmpty()) {
            throw new IllegalArgumentException("at least one status id is needed to read orders");
        }
        String filter = "ApplicationId eq " + applicationId + " and StatusId in ("
                + statusIds.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")) + ")"
                + (updatedSince == null ? "" : " and Updated ge " + updatedSince.truncatedTo(ChronoUnit.SECONDS));
        URI first = query(shop, filter, "Updated,Id");
        URI uri = nextLink == null ? first : first.resolve(nextLink);
        return page(shop, applicationId, uri, "Norce order query [" + filter + "] of shop " + shop.id());
    }

    /**
     * One page of orders of {@code applicationId} in any status updated at or after {@code updatedSince}: what the
     * reversal flow reads to see cancellations and refunds of orders transferred earlier.
     */
    public OrderPage fetchAnyStatus(ShopSettings shop, int applicationId, Instant updatedSince, String nextLink)
            throws IOException, InterruptedException {
        String filter = "ApplicationId eq " + applicationId + " and Updated ge "
                + updatedSince.truncatedTo(ChronoUnit.SECONDS);
        URI first = query(shop, filter, "Updated,Id");
        URI uri = nextLink == null ? first : first.resolve(nextLink);
        return page(shop, applicationId, uri, "Norce order query [" + filter + "] of shop " + shop.id());
    }

    /**
     * The order as Norce has it now, e.g. to re-read it right before transferring it; empty when it has vanished
     * (deleted, or moved to another application).
     */
    public Optional<JsonNode> fetchOne(ShopSettings shop, int applicationId, long orderId)
            throws IOException, InterruptedException {
        String filter = "ApplicationId eq " + applicationId + " and Id eq " + orderId;
        OrderPage page = page(shop, applicationId, query(shop, filter, "Id"),
                "Norce order query [" + filter + "] of shop " + shop.id());
        return page.orders().stream().findFirst();
    }

    private static URI query(ShopSettings shop, String filter, String orderBy) {
        return URI.create(shop.baseUrl() + ORDERS_PATH
                + "?$filter=" + encode(filter)
                + "&$expand=" + encode(EXPAND)
                + "&$orderby=" + encode(orderBy)
                + "&$top=" + PAGE_SIZE);
    }

    private OrderPage page(ShopSettings shop, int applicationId, URI uri, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> response = connection.send(shop, what, token -> HttpRequest.newBuilder(uri)
                .timeout(NorceConnection.TIMEOUT)
                // The header only sets Norce's context; the filter above is what restricts the orders.
                .header("applicationId", Integer.toString(applicationId))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build());
        JsonNode body;
        try {
            body = connection.json(response.body());
        } catch (IOException e) {
            throw new NorceUnavailableException(what + " answered a page that is not JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); the whole page is refused and read again on the next poll", response.statusCode(), null, e);
        }
        JsonNode value = body == null ? null : body.get("value");
        if (value == null || !value.isArray()) {
            throw new NorceUnavailableException(what + " answered JSON without a \"value\" array; the whole page is"
                    + " refused and read again on the next poll", response.statusCode(), null, null);
        }
        List<JsonNode> orders = new ArrayList<>(value.size());
        Instant maxUpdated = null;
        for (JsonNode order : value) {
            orders.add(order);
            Instant updated = NorceOrderMapper.updatedOf(order);
            if (updated != null && (maxUpdated == null || updated.isAfter(maxUpdated))) {
                maxUpdated = updated;
            }
        }
        String next = body.path("@odata.nextLink").asText(null);
        return new OrderPage(orders, maxUpdated, next == null || next.isBlank() ? null : next);
    }

    /** OData wants %20 for spaces; '$' and ',' are legal in a query and kept readable. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }

    /**
     * One page: the orders as Norce sent them (each element of {@code value}, whatever its shape), the latest
     * Updated among them (null when none was readable) and the link to the next page (null on the last page).
     */
    public record OrderPage(List<JsonNode> orders, Instant maxUpdated, String nextLink) {
        public OrderPage {
            orders = List.copyOf(orders);
        }

        public boolean hasNext() {
            return nextLink != null;
        }
    }
}
