package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.jesync.simulator.Json;

/**
 * A product as the simulator stores it. Kept as a compact record rather than a JSON tree because benchmark
 * agreements hold 100,000 of them; the JSON is rendered per page.
 *
 * @param lastUpdated moves on every change, stock changes included
 */
public record EconomicProduct(
        String productNumber,
        String name,
        int productGroupNumber,
        Integer unitNumber,
        BigDecimal salesPrice,
        BigDecimal costPrice,
        BigDecimal recommendedPrice,
        String description,
        String barCode,
        boolean barred,
        BigDecimal inStock,
        BigDecimal orderedByCustomers,
        BigDecimal packageVolume,
        BigDecimal recommendedCostPrice,
        Instant lastUpdated,
        Instant inventoryLastUpdated) {

    /** {@code available = inStock - orderedByCustomers}. */
    public BigDecimal available() {
        return inStock.subtract(orderedByCustomers);
    }

    EconomicProduct withStock(BigDecimal newInStock, BigDecimal newOrderedByCustomers, Instant now) {
        return new EconomicProduct(productNumber, name, productGroupNumber, unitNumber, salesPrice, costPrice,
                recommendedPrice, description, barCode, barred, newInStock, newOrderedByCustomers, packageVolume,
                recommendedCostPrice, now, now);
    }

    EconomicProduct withSalesPrice(BigDecimal newSalesPrice, Instant now) {
        return new EconomicProduct(productNumber, name, productGroupNumber, unitNumber, newSalesPrice, costPrice,
                recommendedPrice, description, barCode, barred, inStock, orderedByCustomers, packageVolume,
                recommendedCostPrice, now, inventoryLastUpdated);
    }

    /** The filterable and sortable properties (as a live agreement lists them: inventory.* is not filterable). */
    JsonNode field(String name) {
        return switch (name) {
            case "productNumber" -> TextNode.valueOf(productNumber);
            case "name" -> TextNode.valueOf(name());
            case "description" -> description == null ? null : TextNode.valueOf(description);
            case "barCode" -> barCode == null ? null : TextNode.valueOf(barCode);
            case "barred" -> BooleanNode.valueOf(barred);
            case "salesPrice" -> salesPrice == null ? null : DecimalNode.valueOf(salesPrice);
            case "costPrice" -> costPrice == null ? null : DecimalNode.valueOf(costPrice);
            case "recommendedPrice" -> recommendedPrice == null ? null : DecimalNode.valueOf(recommendedPrice);
            case "lastUpdated" -> TextNode.valueOf(EconomicStore.timestamp(lastUpdated));
            case "productGroup.productGroupNumber" -> IntNode.valueOf(productGroupNumber);
            case "unit.unitNumber" -> unitNumber == null ? null : IntNode.valueOf(unitNumber);
            default -> null;
        };
    }

    ObjectNode toJson(EconomicStore store, String baseUrl) {
        ObjectNode json = Json.object();
        json.put("productNumber", productNumber);
        json.put("name", name);
        json.put("description", description);
        json.put("costPrice", costPrice);
        json.put("recommendedPrice", recommendedPrice);
        json.put("salesPrice", salesPrice);
        json.put("barCode", barCode);
        if (barred) {
            json.put("barred", true);
        }
        json.put("lastUpdated", EconomicStore.timestamp(lastUpdated));
        ObjectNode inventory = json.putObject("inventory");
        inventory.put("available", available());
        inventory.put("inStock", inStock);
        inventory.put("orderedByCustomers", orderedByCustomers);
        inventory.put("orderedFromSuppliers", BigDecimal.ZERO);
        inventory.put("packageVolume", packageVolume);
        inventory.put("grossWeight", BigDecimal.ZERO);
        inventory.put("netWeight", BigDecimal.ZERO);
        inventory.put("inventoryLastUpdated", EconomicStore.timestamp(inventoryLastUpdated));
        inventory.put("recommendedCostPrice", recommendedCostPrice);
        ObjectNode group = json.putObject("productGroup");
        group.put("productGroupNumber", productGroupNumber);
        EconomicStore.ProductGroup known = store.productGroup(productGroupNumber);
        if (known != null) {
            group.put("name", known.name());
        }
        if (store.inventoryModule()) {
            group.put("inventoryEnabled", true);
        }
        group.put("self", baseUrl + "/product-groups/" + productGroupNumber);
        if (unitNumber != null) {
            ObjectNode unit = json.putObject("unit");
            unit.put("unitNumber", unitNumber);
            EconomicStore.Unit knownUnit = store.unit(unitNumber);
            if (knownUnit != null) {
                unit.put("name", knownUnit.name());
            }
            unit.put("self", baseUrl + "/units/" + unitNumber);
        }
        json.put("self", baseUrl + "/products/" + EconomicPaths.encodeId(productNumber));
        return json;
    }
}
