package io.jesync.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.economic.EconomicClient;
import io.jesync.json.Json;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopParty;
import io.jesync.order.CustomerBindings.Reservation;

/**
 * Finds the e-conomic customer of a shop order's buyer, creating it when none matches: by a stored binding
 * first (a returning customer costs no call), then by the shop's matching rule, then by creating it. A
 * reservation in the store makes sure no shop customer ever gets two e-conomic customers, even when two
 * workers meet the same new customer at once. {@link #prefetch} looks up all of a poll's unbound buyers in one read
 * per 25, so a new customer costs its create and a share of one look-up instead of a look-up of its own.
 */
public final class CustomerResolver {
    private static final Duration RESERVATION_LEASE = Duration.ofMinutes(2);
    private static final int MAX_KEY = 200;
    /** The store's shop id for reservations every shop shares. */
    static final String SHARED_SCOPE = "*";
    private static final Object[] RESOLVING = new Object[64];

    static {
        java.util.Arrays.setAll(RESOLVING, i -> new Object());
    }

    private final EconomicClient economic;
    private final CustomerBindings bindings;
    private final String instanceId;
    /**
     * What the last prefetch found, by property and lower-case value; each answer is used once, by the order it was
     * read for, within the run that read it (the next prefetch replaces them all), so it is seconds old when used.
     */
    private volatile Map<String, List<JsonNode>> prefetched = new ConcurrentHashMap<>();

    public CustomerResolver(EconomicClient economic, CustomerBindings bindings, String instanceId) {
        this.economic = economic;
        this.bindings = bindings;
        this.instanceId = instanceId;
    }

    /** What the resolution did, for the order's timeline. */
    public record Resolution(long customerNumber, String how) {
    }

    /** Another worker is creating this customer; the order is retried shortly. */
    public static final class CustomerBusyException extends RuntimeException {
        public CustomerBusyException(String customerKey) {
            super("customer " + customerKey + " is being created by another worker", null, false, false);
        }
    }

    /**
     * Reads the e-conomic customers matching the unbound buyers of a poll's orders in batches. Only an accelerator:
     * a failed read is logged and each order then looks its customer up itself.
     */
    public void prefetch(String shopId, Collection<ShopOrder> orders, OrderFlowSettings flow) {
        Map<String, List<JsonNode>> found = new ConcurrentHashMap<>();
        String property = property(flow);
        if (property != null) {
            Set<String> values = new LinkedHashSet<>();
            for (ShopOrder order : orders) {
                ShopParty buyer = order.buyer();
                if (buyer == null || (buyer.isGuest() && flow.defaultCustomerNumber().isPresent())) {
                    continue;
                }
                String value = matchValue(buyer, flow);
                if (value != null && bound(shopId, buyer, order.orderNo(), flow).isEmpty()) {
                    values.add(value);
                }
            }
            if (!values.isEmpty()) {
                try {
                    economic.findCustomersByAny(property, values)
                            .forEach((value, customers) -> found.put(property + ":" + value, customers));
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(CustomerResolver.class).warn("Batch look-up of {} customer(s) failed"
                            + " ({}); each order looks its customer up itself", values.size(), e.getMessage());
                }
            }
        }
        prefetched = found;
    }

    public Resolution resolve(String shopId, ShopOrder order, OrderFlowSettings flow) throws Exception {
        ShopParty buyer = order.buyer();
        if (flow.customerMatch() == OrderFlowSettings.CustomerMatch.DEFAULT_CUSTOMER) {
            return new Resolution(flow.defaultCustomerNumber().orElseThrow(), "default customer for every order");
        }
        if (buyer.isGuest() && flow.defaultCustomerNumber().isPresent()) {
            return new Resolution(flow.defaultCustomerNumber().get(), "default customer for guest orders");
        }
        String key = customerKey(buyer, order.orderNo());
        Optional<String> matched = matchKey(buyer, flow);
        Optional<Resolution> earlier = bound(shopId, buyer, order.orderNo(), flow);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        // Shops matching e-conomic customers by e-mail or organisation number share those customers, so the
        // reservation is keyed by what is matched, across shops: one buyer ordering in two shops at once is looked
        // up and created by one worker, the other waits and finds the customer bound.
        String scope = matched.isPresent() ? SHARED_SCOPE : shopId;
        String reserved = matched.orElse(key);
        // The store's reservation keeps other processes out; this keeps out this process's other workers, which
        // share its instance id: a second order of the same buyer in one poll waits here and then finds it bound.
        synchronized (RESOLVING[Math.floorMod((scope + reserved).hashCode(), RESOLVING.length)]) {
            return reserveAndResolve(scope, reserved, order, flow);
        }
    }

    /**
     * The buyer's customer as bound earlier: by the shop's own key, or by the matched value every matching shop
     * binds under. A returning buyer is answered here, so neither the poll's batch read nor the order asks e-conomic.
     */
    private Optional<Resolution> bound(String shopId, ShopParty buyer, String orderNo, OrderFlowSettings flow) {
        String key = customerKey(buyer, orderNo);
        Optional<Long> byKey = bindings.find(shopId, key);
        if (byKey.isPresent()) {
            return Optional.of(new Resolution(byKey.get(), "bound earlier (" + key + ")"));
        }
        return matchKey(buyer, flow).flatMap(matched -> bindings.find(SHARED_SCOPE, matched)
                .map(number -> new Resolution(number, "bound earlier (" + matched + ")")));
    }

    private Resolution reserveAndResolve(String scope, String reserved, ShopOrder order, OrderFlowSettings flow)
            throws Exception {
        Reservation reservation = bindings.reserve(scope, reserved, instanceId, RESERVATION_LEASE);
        if (reservation instanceof Reservation.Bound b) {
            return new Resolution(b.customerNumber(), "bound earlier (" + reserved + ")");
        }
        if (reservation instanceof Reservation.HeldElsewhere) {
            throw new CustomerBusyException(reserved);
        }
        try {
            Resolution resolution = matchOrCreate(scope, order, flow, reserved);
            bindings.bind(scope, reserved, instanceId, resolution.customerNumber());
            return resolution;
        } catch (Exception | Error e) {
            bindings.release(scope, reserved, instanceId);
            throw e;
        }
    }

    /** The value the shop matches e-conomic customers by, when it has one: the key shared by every shop. */
    static Optional<String> matchKey(ShopParty buyer, OrderFlowSettings flow) {
        String key = switch (flow.customerMatch()) {
            case EMAIL -> blank(buyer.email()) ? null : "email:" + buyer.email().strip().toLowerCase(Locale.ROOT);
            case ORGANISATION_NUMBER -> blank(buyer.organisationNumber()) ? null
                    : "org:" + buyer.organisationNumber().strip().toLowerCase(Locale.ROOT);
            case BINDING, DEFAULT_CUSTOMER -> null;
        };
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(key.length() <= MAX_KEY ? key : key.substring(0, key.indexOf(':') + 1) + "sha256:"
                + sha256(key));
    }

    private Resolution matchOrCreate(String shopId, ShopOrder order, OrderFlowSettings flow, String key)
            throws Exception {
        ShopParty buyer = order.buyer();
        String value = matchValue(buyer, flow);
        List<JsonNode> early = value == null ? null : prefetched.remove(property(flow) + ":" + value);
        List<JsonNode> candidates = early != null ? early : switch (flow.customerMatch()) {
            case EMAIL -> blank(buyer.email()) ? List.of() : economic.findCustomersByEmail(buyer.email().strip());
            case ORGANISATION_NUMBER -> blank(buyer.organisationNumber()) ? List.of()
                    : economic.findCustomersByCorporateId(buyer.organisationNumber().strip());
            case BINDING, DEFAULT_CUSTOMER -> List.of();
        };
        Optional<Long> match = candidates.stream()
                .filter(c -> !c.path("barred").asBoolean(false))
                .map(c -> c.path("customerNumber").asLong())
                .filter(n -> n > 0)
                .min(Long::compare);
        if (match.isPresent()) {
            return new Resolution(match.get(), "matched by " + flow.customerMatch().key() + " (" + key + ")");
        }
        ObjectNode body = Json.MAPPER.valueToTree(OrderMapper.toCustomer(order, flow.customers()));
        JsonNode created = economic.createCustomer(body, "customer:" + shopId + ":" + sha256(key).substring(0, 24))
                .body();
        return new Resolution(created.path("customerNumber").asLong(), "created (" + key + ")");
    }

    /** The e-conomic customer property the shop matches by, or null when it does not match by one. */
    private static String property(OrderFlowSettings flow) {
        return switch (flow.customerMatch()) {
            case EMAIL -> "email";
            case ORGANISATION_NUMBER -> "corporateIdentificationNumber";
            case BINDING, DEFAULT_CUSTOMER -> null;
        };
    }

    /** The buyer's value for {@link #property}, lower case as the prefetch keys it; null when there is none. */
    private static String matchValue(ShopParty buyer, OrderFlowSettings flow) {
        String value = switch (flow.customerMatch()) {
            case EMAIL -> buyer.email();
            case ORGANISATION_NUMBER -> buyer.organisationNumber();
            case BINDING, DEFAULT_CUSTOMER -> null;
        };
        return blank(value) ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The shop's own customer code when there is one; guests are told apart by organisation number or e-mail,
     * so a returning guest is still one customer.
     */
    static String customerKey(ShopParty buyer, String orderNo) {
        String key;
        if (!blank(buyer.customerCode())) {
            key = "code:" + buyer.customerCode().strip();
        } else if (!blank(buyer.organisationNumber())) {
            key = "org:" + buyer.organisationNumber().strip().toLowerCase(Locale.ROOT);
        } else if (!blank(buyer.email())) {
            key = "email:" + buyer.email().strip().toLowerCase(Locale.ROOT);
        } else {
            key = "order:" + orderNo;
        }
        // The store keeps at most 200 characters; a hash keeps long keys distinct instead of cutting them.
        return key.length() <= MAX_KEY ? key : key.substring(0, key.indexOf(':') + 1) + "sha256:" + sha256(key);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
