package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The server-computed amounts of a sales document: per line {@code totalNetAmount}, {@code vatRate},
 * {@code vatAmount}; per document net, VAT, gross and rounding amounts and their base-currency values.
 *
 * <p>Simplifications, documented as guesses: VAT is the product group's domestic rate in the Domestic zone
 * (1) and 0 % in every other zone; there is no cash rounding, so {@code roundingAmount} is 0.
 */
final class DocumentTotals {
    static final int DOMESTIC_ZONE = 1;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private DocumentTotals() {
    }

    /** Fills in line and document totals; lines must already reference existing products. */
    static void apply(ObjectNode document, EconomicStore store) {
        int zone = document.path("recipient").path("vatZone").path("vatZoneNumber").asInt();
        BigDecimal exchangeRate = document.path("exchangeRate").decimalValue();
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        BigDecimal costInBase = BigDecimal.ZERO;
        for (JsonNode item : document.withArray("lines")) {
            ObjectNode line = (ObjectNode) item;
            BigDecimal quantity = line.path("quantity").decimalValue();
            BigDecimal unitPrice = line.path("unitNetPrice").decimalValue();
            BigDecimal discount = line.path("discountPercentage").decimalValue();
            BigDecimal lineNet = money(quantity.multiply(unitPrice)
                    .multiply(HUNDRED.subtract(discount)).divide(HUNDRED));
            BigDecimal rate = BigDecimal.ZERO;
            EconomicProduct product = store.products.get(line.path("product").path("productNumber").asText());
            if (product != null && zone == DOMESTIC_ZONE) {
                EconomicStore.ProductGroup group = store.productGroup(product.productGroupNumber());
                rate = group == null ? BigDecimal.ZERO : group.domesticVatRate();
            }
            BigDecimal lineVat = money(lineNet.multiply(rate).divide(HUNDRED));
            line.put("totalNetAmount", lineNet);
            line.put("vatRate", rate.setScale(2, RoundingMode.HALF_UP));
            line.put("vatAmount", lineVat);
            net = net.add(lineNet);
            vat = vat.add(lineVat);
            costInBase = costInBase.add(quantity.multiply(line.path("unitCostPrice").decimalValue()));
        }
        BigDecimal rounding = BigDecimal.ZERO.setScale(2);
        BigDecimal gross = net.add(vat).add(rounding);
        document.put("netAmount", money(net));
        document.put("vatAmount", money(vat));
        document.put("roundingAmount", rounding);
        document.put("grossAmount", money(gross));
        BigDecimal netInBase = inBase(net, exchangeRate);
        document.put("netAmountInBaseCurrency", netInBase);
        document.put("grossAmountInBaseCurrency", inBase(gross, exchangeRate));
        document.put("vatAmountInBaseCurrency", inBase(vat, exchangeRate));
        document.put("roundingAmountInBaseCurrency", inBase(rounding, exchangeRate));
        BigDecimal cost = money(costInBase);
        BigDecimal margin = netInBase.subtract(cost);
        document.put("costPriceInBaseCurrency", cost);
        document.put("marginInBaseCurrency", margin);
        document.put("marginPercentage", netInBase.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                : money(margin.multiply(HUNDRED).divide(netInBase, 6, RoundingMode.HALF_UP)));
    }

    /** {@code exchangeRate} is the base-currency price of 100 units. */
    static BigDecimal inBase(BigDecimal amount, BigDecimal exchangeRate) {
        return money(amount.multiply(exchangeRate).divide(HUNDRED));
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
