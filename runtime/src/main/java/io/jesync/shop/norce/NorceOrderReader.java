package io.jesync.shop.norce;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.config.ShopSettings;
import io.jesync.json.Json;
import io.jesync.shop.CappedBody;

/**
 * Reads orders from Norce Query 2.0 ({@code GET /commerce/query/2.0/Orders/Orders}), one page of at most 500 at a
 * time, by keyset ({@code $orderby=Id}, the next page asks for {@code Id gt} the last one) rather than
 * {@code $skip}, which skips or repeats rows when the set changes while it is read. The page is parsed as a whole,
 * but its orders stay raw JSON: mapping them is {@link NorceOrderMapper}'s job, so one order that cannot be mapped
 * never costs the rest of the page.
 */
public final class NorceOrderReader {
    static final String ORDERS = "Orders/Orders";
    /** The navigations a Query 2.0 order has; there is no Payments or Addresses. */
    static final String EXPAND = "Items,Buyer,Payer,ShipTo,Infos";
    static final int PAGE_SIZE = 500;

    private final NorceConnection connection;

    public NorceOrderReader(NorceConnection connection) {
        this.connection = connection;
    }

    /**
     * The filter on change time. {@code Updated} is null on an order nobody changed since it was placed, so such an
     * order is found by {@code Created}; a filter on {@code Updated} alone never sees a new order.
     */
    static String changedSince(Instant since) {
        String t = since.truncatedTo(ChronoUnit.SECONDS).toString();
        return "(Updated ge " + t + " or (Updated eq null and Created ge " + t + "))";
    }

    /** {@code (StatusId eq 2 or StatusId eq 4)}: the {@code in} operator is not known to work on Norce's Query. */
    static String statusIn(Set<Integer> statusIds) {
        return statusIds.stream().sorted().map(id -> "StatusId eq " + id)
                .collect(Collectors.joining(" or ", "(", ")"));
    }

    /**
     * One page of orders of {@code applicationId} in one of {@code statusIds} changed or placed at or after
     * {@code since} (null: any time).
     *
     * @param afterId null for the first page, else the previous page's {@link OrderPage#lastId()}
     * @throws NorceUnavailableException 429/5xx/I/O or a page that is not JSON: retry later
     * @throws NorceRequestException     Norce refused the query; the message names the filter
     */
    public OrderPage fetch(ShopSettings shop, int applicationId, Set<Integer> statusIds, Instant since, Long afterId)
            throws IOException, InterruptedException {
        if (statusIds.isEmpty()) {
            throw new IllegalArgumentException("at least one status id is needed to read orders");
        }
        String filter = "ApplicationId eq " + applicationId + " and " + statusIn(statusIds)
                + (since == null ? "" : " and " + changedSince(since));
        return page(shop, applicationId, filter, afterId);
    }

    /**
     * One page of orders of {@code applicationId} in any status changed or placed at or after {@code since}: what
     * the reversal flow reads to see cancellations and refunds of orders transferred earlier.
     */
    public OrderPage fetchAnyStatus(ShopSettings shop, int applicationId, Instant since, Long afterId)
            throws IOException, InterruptedException {
        return page(shop, applicationId, "ApplicationId eq " + applicationId + " and " + changedSince(since), afterId);
    }

    /**
     * The order as Norce has it now, e.g. to re-read it right before transferring it; empty when it has vanished
     * (deleted, or moved to another application).
     */
    public Optional<JsonNode> fetchOne(ShopSettings shop, int applicationId, long orderId)
            throws IOException, InterruptedException {
        String filter = "ApplicationId eq " + applicationId + " and Id eq " + orderId;
        return page(shop, applicationId, filter, null).orders().stream().findFirst();
    }

    private OrderPage page(ShopSettings shop, int applicationId, String filter, Long afterId)
            throws IOException, InterruptedException {
        String keyed = afterId == null ? filter : filter + " and Id gt " + afterId;
        String what = "Norce order query [" + keyed + "] of shop " + shop.id();
        JsonNode body;
        try {
            body = connection.query(shop, applicationId, ORDERS + "?$filter=" + NorceLookups.encode(keyed)
                    + "&$expand=" + NorceLookups.encode(EXPAND) + "&$orderby=Id&$top=" + PAGE_SIZE, what);
        } catch (NorceUnavailableException e) {
            if (!CappedBody.tooLarge(e) && !Json.beyondLimits(e)) {
                throw e;
            }
            return oneByOne(shop, applicationId, keyed, what);
        }
        JsonNode value = values(body, what);
        List<JsonNode> orders = new ArrayList<>(value.size());
        value.forEach(orders::add);
        // A full page, or a server that says more follow (it may page below 500), means there is another page.
        return toPage(orders, value.size() >= PAGE_SIZE || body.hasNonNull("@odata.nextLink"));
    }

    /**
     * A page above the size cap, or beyond the JSON limits (nested deeper than {@link Json#MAX_NESTING_DEPTH}, a
     * number or text longer than Jackson reads), is read again order by order, so one hostile order (a 10 MB field,
     * 10,000 levels of brackets) costs only itself: the page's ids first (small), then each order alone. An order
     * that alone breaks a limit stands in as its id and a reason, which the mapper turns into a parked order.
     */
    private OrderPage oneByOne(ShopSettings shop, int applicationId, String keyed, String what)
            throws IOException, InterruptedException {
        JsonNode ids = connection.query(shop, applicationId, ORDERS + "?$filter=" + NorceLookups.encode(keyed)
                + "&$select=Id&$orderby=Id&$top=" + PAGE_SIZE, what + " (ids only, the page was above the size cap or beyond the JSON limits)");
        JsonNode idValues = values(ids, what);
        List<JsonNode> orders = new ArrayList<>(idValues.size());
        for (JsonNode row : idValues) {
            long id = row.path("Id").asLong();
            String one = keyed + " and Id eq " + id;
            try {
                JsonNode body = connection.query(shop, applicationId, ORDERS + "?$filter=" + NorceLookups.encode(one)
                        + "&$expand=" + NorceLookups.encode(EXPAND) + "&$top=1", "Norce order " + id + " of shop "
                        + shop.id());
                values(body, what).forEach(orders::add);
            } catch (NorceUnavailableException e) {
                if (CappedBody.tooLarge(e)) {
                    orders.add(NorceOrderMapper.oversized(id, applicationId, CappedBody.DEFAULT_MAX_BYTES));
                } else if (Json.beyondLimits(e)) {
                    orders.add(NorceOrderMapper.beyondLimits(id, applicationId, limit(e)));
                } else {
                    throw e;
                }
            }
        }
        return toPage(orders, idValues.size() >= PAGE_SIZE || ids.hasNonNull("@odata.nextLink"));
    }

    /** Jackson's words for the limit an answer broke, without its pointer to the setting's getter. */
    private static String limit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException constraint) {
                String message = constraint.getOriginalMessage();
                int from = message.indexOf(", from `");
                return from < 0 ? message : message.substring(0, from) + ")";
            }
        }
        return "a JSON limit";
    }

    private static JsonNode values(JsonNode body, String what) throws NorceUnavailableException {
        JsonNode value = body == null ? null : body.get("value");
        if (value == null || !value.isArray()) {
            throw new NorceUnavailableException(what + " answered JSON without a \"value\" array; the whole page is"
                    + " refused and read again on the next poll", 200, null, null);
        }
        return value;
    }

    private static OrderPage toPage(List<JsonNode> orders, boolean full) {
        Instant maxUpdated = null;
        Long lastId = null;
        for (JsonNode order : orders) {
            Instant changed = NorceOrderMapper.changedAt(order);
            if (changed != null && (maxUpdated == null || changed.isAfter(maxUpdated))) {
                maxUpdated = changed;
            }
            if (order.path("Id").canConvertToLong()) {
                lastId = lastId == null ? order.path("Id").asLong() : Math.max(lastId, order.path("Id").asLong());
            }
        }
        return new OrderPage(orders, maxUpdated, lastId != null && full ? lastId : null);
    }

    /**
     * One page: the orders as Norce sent them (each element of {@code value}, whatever its shape), the latest
     * change time among them (Updated, else Created; null when none was readable) and the Id the next page
     * starts after (null on the last page).
     */
    public record OrderPage(List<JsonNode> orders, Instant maxUpdated, Long lastId) {
        public OrderPage {
            orders = List.copyOf(orders);
        }

        public boolean hasNext() {
            return lastId != null;
        }
    }
}
