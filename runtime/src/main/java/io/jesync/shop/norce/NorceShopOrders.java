package io.jesync.shop.norce;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.order.OrderFlowSettings;
import io.jesync.config.ShopSettings;
import io.jesync.shop.IncomingOrder;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderBatch;
import io.jesync.shop.ShopOrderStatus;
import io.jesync.shop.ShopOrders;

/**
 * The order flows' view of a Norce shop: trigger-status orders since a point in time, each already turned into a
 * {@link ShopOrder} or into the reason it cannot be read, a fresh read of one order, and the acknowledgement.
 * Before mapping, each order's lookup ids are resolved by Code ({@link NorceLookups}) and what they meant is kept
 * in the order's {@value NorceOrderMapper#RESOLVED} member, so the stored snapshot maps the same way later.
 */
public final class NorceShopOrders implements ShopOrders {
    private final NorceOrderReader reader;
    private final NorceOrderAcknowledger acknowledger;
    private final NorceLookups lookups;

    NorceShopOrders(NorceConnection connection, NorceLookups lookups) {
        this.reader = new NorceOrderReader(connection);
        this.acknowledger = new NorceOrderAcknowledger(connection);
        this.lookups = lookups;
    }

    @Override
    public ShopOrderBatch ordersSince(ShopSettings shop, Instant since) throws Exception {
        return read(shop, (applicationId, after) -> reader.fetch(shop, applicationId,
                shop.flow(OrderFlowSettings.class).triggerStatusIds(applicationId), since, after));
    }

    @Override
    public ShopOrderBatch changedSince(ShopSettings shop, Instant since) throws Exception {
        return read(shop, (applicationId, after) -> reader.fetchAnyStatus(shop, applicationId, since, after));
    }

    @Override
    public Optional<ShopOrder> transferred(String shopId, String rawJson) {
        try {
            return Optional.of(NorceOrderMapper.toShopOrder(shopId, rawJson));
        } catch (NorceOrderParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public Set<Integer> cancelledLines(IncomingOrder order) {
        try {
            return NorceOrderMapper.linesInStatus(NorceOrderMapper.JSON.readTree(order.rawJson()),
                    NorceOrderStatus.CANCELLED.id());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private interface PageSource {
        NorceOrderReader.OrderPage fetch(int applicationId, Long afterId) throws Exception;
    }

    private ShopOrderBatch read(ShopSettings shop, PageSource pages) throws Exception {
        List<IncomingOrder> orders = new ArrayList<>();
        Instant newest = null;
        for (int applicationId : shop.applicationIds()) {
            Long after = null;
            do {
                NorceOrderReader.OrderPage page = pages.fetch(applicationId, after);
                orders.addAll(map(shop, applicationId, page.orders()));
                if (page.maxUpdated() != null && (newest == null || page.maxUpdated().isAfter(newest))) {
                    newest = page.maxUpdated();
                }
                after = page.lastId();
            } while (after != null);
        }
        return new ShopOrderBatch(orders, Optional.ofNullable(newest));
    }

    @Override
    public Optional<IncomingOrder> refetch(ShopSettings shop, int channelId, long platformOrderId) throws Exception {
        Optional<JsonNode> raw = reader.fetchOne(shop, channelId, platformOrderId);
        if (raw.isPresent()) {
            resolveSkuTypes(shop, channelId, List.of(raw.get()));
        }
        return raw.isEmpty() ? Optional.empty() : Optional.of(incoming(shop, channelId, raw.get()));
    }

    @Override
    public void acknowledge(ShopSettings shop, ShopOrder order, String erpOrderNo, ShopOrderStatus status)
            throws Exception {
        acknowledger.acknowledge(shop, order, erpOrderNo, status.name());
    }

    /** Resolves and maps one page of raw orders read in {@code applicationId}. */
    List<IncomingOrder> map(ShopSettings shop, int applicationId, List<JsonNode> page)
            throws IOException, InterruptedException {
        resolveSkuTypes(shop, applicationId, page);
        List<IncomingOrder> orders = new ArrayList<>(page.size());
        for (JsonNode raw : page) {
            orders.add(incoming(shop, applicationId, raw));
        }
        return orders;
    }

    /** One SKU query per page for every PartNo of its lines, not one per order. */
    private void resolveSkuTypes(ShopSettings shop, int applicationId, List<JsonNode> page)
            throws IOException, InterruptedException {
        Set<String> partNos = new java.util.TreeSet<>();
        for (JsonNode raw : page) {
            for (JsonNode item : raw.path("Items")) {
                if (item.path("PartNo").isTextual()) {
                    partNos.add(item.path("PartNo").asText());
                }
            }
        }
        var types = lookups.skuTypes(shop, applicationId, partNos);
        for (JsonNode raw : page) {
            if (raw.isObject()) {
                ObjectNode skuTypes = resolved((ObjectNode) raw).putObject("SkuTypes");
                for (JsonNode item : raw.path("Items")) {
                    String partNo = item.path("PartNo").asText(null);
                    if (partNo != null && types.containsKey(partNo)) {
                        skuTypes.put(partNo, types.get(partNo));
                    }
                }
            }
        }
    }

    private static ObjectNode resolved(ObjectNode raw) {
        JsonNode existing = raw.get(NorceOrderMapper.RESOLVED);
        return existing instanceof ObjectNode node ? node : raw.putObject(NorceOrderMapper.RESOLVED);
    }

    /** Resolves the order's lookup ids and maps it; an id the tenant does not know parks the order, naming it. */
    IncomingOrder incoming(ShopSettings shop, int applicationId, JsonNode raw) throws IOException,
            InterruptedException {
        if (raw.isObject()) {
            resolveIds(shop, applicationId, (ObjectNode) raw);
        }
        try {
            return IncomingOrder.readable(NorceOrderMapper.toShopOrder(shop.id(), raw), raw.toString());
        } catch (NorceOrderParseException e) {
            String orderNo = e.orderNo() != null ? e.orderNo()
                    : e.platformOrderId() != null ? "id-" + e.platformOrderId()
                    : "unreadable-" + Integer.toHexString(raw.toString().hashCode());
            return IncomingOrder.unreadable(orderNo, applicationId, e.platformOrderId(), raw.toString(), e.field(),
                    e.problem());
        }
    }

    private void resolveIds(ShopSettings shop, int applicationId, ObjectNode raw)
            throws IOException, InterruptedException {
        ObjectNode resolved = resolved(raw);
        resolved.put("ApplicationId", applicationId);
        if (raw.path("CurrencyId").canConvertToLong()) {
            lookups.code(shop, applicationId, NorceLookups.Table.CURRENCIES, raw.path("CurrencyId").asLong())
                    .ifPresent(code -> resolved.put("Currency", code));
        }
        if (raw.path("PaymentMethodId").canConvertToLong()) {
            lookups.code(shop, applicationId, NorceLookups.Table.PAYMENT_METHODS,
                    raw.path("PaymentMethodId").asLong()).ifPresent(code -> resolved.put("PaymentMethod", code));
        }
        ObjectNode countries = resolved.putObject("Countries");
        for (String party : new String[] {"Buyer", "Payer", "ShipTo"}) {
            JsonNode countryId = raw.path(party).path("CountryId");
            if (countryId.canConvertToLong()) {
                lookups.code(shop, applicationId, NorceLookups.Table.COUNTRIES, countryId.asLong())
                        .ifPresent(code -> countries.put(countryId.asText(), code));
            }
        }
        if (raw.path("BuyerCompanyId").canConvertToLong()) {
            Optional<NorceLookups.Company> company = lookups.company(shop, applicationId,
                    raw.path("BuyerCompanyId").asLong());
            company.ifPresent(c -> resolved.putObject("BuyerCompany").put("Id", c.id()).put("Code", c.code())
                    .put("Name", c.name()).put("OrganizationNo", c.organizationNo()).put("VatNo", c.vatNo()));
        }
    }
}
