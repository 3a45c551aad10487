package io.jesync.preflight;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.findings.PreflightFindings;
import io.jesync.findings.PreflightProblem;
import io.jesync.findings.SyncFlow;
import io.jesync.order.OrderFlowSettings;
import io.jesync.stock.StockPriceSettings;
import io.jesync.economic.EconomicAgreement;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicClient.SetupCollection;
import io.jesync.economic.EconomicEncoding;
import io.jesync.order.OrderMappingSettings;

/**
 * The e-conomic half of the preflight: {@code /self} and the agreement's setup collections are read once, then every
 * number and code each shop's settings name is looked up in them (and fee products and the default customer one by
 * one). Numbers differ per agreement, so nothing here assumes the demo agreement's.
 */
public final class EconomicPreflight {
    private static final int LISTED = 15;

    private final EconomicClient economic;

    public EconomicPreflight(EconomicClient economic) {
        this.economic = economic;
    }

    /** @throws io.jesync.economic.EconomicException e-conomic could not be read: the preflight reports it as such */
    public void check(RuntimeSettings settings, PreflightFindings findings) {
        EconomicAgreement agreement = economic.self();
        findings.checked("e-conomic GET /self (agreement " + agreement.agreementNumber() + ")");
        Map<SetupCollection, List<JsonNode>> setup = new EnumMap<>(SetupCollection.class);
        for (SetupCollection collection : SetupCollection.values()) {
            setup.put(collection, economic.setup(collection));
        }
        for (ShopSettings shop : settings.shops()) {
            new ShopCheck(shop, agreement, setup, findings).run();
        }
    }

    private final class ShopCheck {
        private final ShopSettings shop;
        private final EconomicAgreement agreement;
        private final Map<SetupCollection, List<JsonNode>> setup;
        private final PreflightFindings findings;
        private final String key;

        ShopCheck(ShopSettings shop, EconomicAgreement agreement, Map<SetupCollection, List<JsonNode>> setup,
                  PreflightFindings findings) {
            this.shop = shop;
            this.agreement = agreement;
            this.setup = setup;
            this.findings = findings;
            this.key = "shop." + shop.id() + ".";
        }

        void run() {
            OrderFlowSettings orders = shop.orders();
            OrderMappingSettings mapping = orders.mapping();
            List<SyncFlow> orderFlow = List.of(SyncFlow.ORDERS);
            if (orders.documentType() == OrderFlowSettings.DocumentType.ORDER && agreement.inventoryModule()) {
                findings.problem(PreflightProblem.mismatch(shop.id(), orderFlow, key + "orders.document-type", "order",
                        "e-conomic GET /self", "agreement " + agreement.agreementNumber() + " has the inventory"
                                + " module, which refuses orders through the API", "use draft-invoice or booked-invoice"));
            }
            findings.checked(key + "orders.document-type against the modules of e-conomic /self");
            if (!agreement.baseCurrency().isEmpty() && !agreement.baseCurrency().equalsIgnoreCase(mapping.baseCurrency())) {
                findings.problem(PreflightProblem.mismatch(shop.id(), orderFlow, key + "orders.base-currency",
                        mapping.baseCurrency(), "e-conomic GET /self", "the agreement's base currency is "
                                + agreement.baseCurrency(), "set it to " + agreement.baseCurrency()));
            }
            findings.checked(key + "orders.base-currency against e-conomic /self");

            vatZone("orders.vat-zone.domestic", mapping.domesticVatZone());
            vatZone("orders.vat-zone.eu", mapping.euVatZone());
            vatZone("orders.vat-zone.abroad", mapping.abroadVatZone());
            vatZone("orders.vat-zone.eu-private", mapping.euPrivateVatZone());
            mapping.countryVatZones().forEach((country, zone) -> vatZone("orders.vat-zone.overrides", zone));
            number(SetupCollection.LAYOUTS, "layout", orderFlow, "orders.layout-number", mapping.layoutNumber());
            number(SetupCollection.PAYMENT_TERMS, "payment terms", orderFlow, "orders.payment-terms-number",
                    mapping.paymentTermsNumber());
            number(SetupCollection.PAYMENT_TERMS, "payment terms", orderFlow, "customers.payment-terms-number",
                    orders.customers().paymentTermsNumber());
            number(SetupCollection.CUSTOMER_GROUPS, "customer group", orderFlow, "customers.group.private-domestic",
                    orders.customers().privateDomesticGroup());
            number(SetupCollection.CUSTOMER_GROUPS, "customer group", orderFlow, "customers.group.business-domestic",
                    orders.customers().businessDomesticGroup());
            number(SetupCollection.CUSTOMER_GROUPS, "customer group", orderFlow, "customers.group.eu",
                    orders.customers().euGroup());
            number(SetupCollection.CUSTOMER_GROUPS, "customer group", orderFlow, "customers.group.abroad",
                    orders.customers().abroadGroup());
            for (Integer group : orders.productGroupByVatRate().values()) {
                number(SetupCollection.PRODUCT_GROUPS, "product group", List.of(SyncFlow.ORDERS, SyncFlow.PRODUCTS),
                        "products.group-by-vat-rate", group);
            }
            for (Integer group : shop.products().vatRateByGroup().keySet()) {
                number(SetupCollection.PRODUCT_GROUPS, "product group", List.of(SyncFlow.PRODUCTS),
                        "products.vat-rate-by-group", group);
            }
            number(SetupCollection.UNITS, "unit", List.of(SyncFlow.PRODUCTS), "products.unit-number",
                    shop.products().unitNumber());
            currency(orderFlow, "orders.base-currency", mapping.baseCurrency());
            for (String currency : mapping.exchangeRates().keySet()) {
                currency(orderFlow, "orders.exchange-rates", currency);
            }
            product("orders.shipping-product", mapping.shippingProductNumber());
            product("orders.payment-fee-product", mapping.paymentFeeProductNumber());
            if (mapping.orderDiscountProductNumber() != null) {
                product("orders.discount-product", mapping.orderDiscountProductNumber());
            }
            if (mapping.roundingProductNumber() != null) {
                product("orders.rounding-product", mapping.roundingProductNumber())
                        .ifPresent(product -> vatFree("orders.rounding-product", product));
            }
            orders.defaultCustomerNumber().ifPresent(number -> {
                findings.checked(key + "customers.default-customer-number against e-conomic /customers");
                if (economic.getCustomer(number.intValue()).isEmpty()) {
                    findings.problem(PreflightProblem.mismatch(shop.id(), orderFlow, key
                            + "customers.default-customer-number", number, "e-conomic GET /customers/" + number,
                            "no such customer in e-conomic", "create it, or name an existing customer"));
                }
            });
            StockPriceSettings prices = shop.stockPrices();
            for (Integer group : prices.vatRateByGroup().keySet()) {
                number(SetupCollection.PRODUCT_GROUPS, "product group", List.of(SyncFlow.PRICES), "prices.vat-rates",
                        group);
            }
            for (StockPriceSettings.PriceListRule rule : prices.priceLists()) {
                String setting = "prices.list." + rule.code() + ".source";
                if (rule.source() == StockPriceSettings.PriceSource.CURRENCY) {
                    currency(List.of(SyncFlow.PRICES), setting, rule.currency());
                } else if (rule.source() == StockPriceSettings.PriceSource.PRICE_GROUP) {
                    findings.unverified(key + setting + "=price-group:" + rule.priceGroup() + ": price groups exist"
                            + " only in e-conomic's OpenAPI, which the preflight does not read; the prices flow reports"
                            + " a missing group when it reads it");
                }
            }
        }

        private void vatZone(String setting, int zone) {
            Optional<JsonNode> found = number(SetupCollection.VAT_ZONES, "VAT zone", List.of(SyncFlow.ORDERS), setting,
                    zone);
            if (found.isPresent() && found.get().path("enabledForCustomer").isBoolean()
                    && !found.get().path("enabledForCustomer").asBoolean()) {
                findings.problem(PreflightProblem.mismatch(shop.id(), List.of(SyncFlow.ORDERS), key + setting, zone,
                        "e-conomic GET /vat-zones", "VAT zone " + zone + " (" + found.get().path("name").asText()
                                + ") is not enabled for customers", "use a zone enabled for customers: "
                                + existing(SetupCollection.VAT_ZONES, "enabledForCustomer")));
            }
        }

        private Optional<JsonNode> number(SetupCollection collection, String what, List<SyncFlow> flows, String setting,
                                          int number) {
            findings.checked(key + setting + " against e-conomic " + collection.path());
            for (JsonNode item : setup.get(collection)) {
                if (item.path(collection.key()).asInt(-1) == number) {
                    return Optional.of(item);
                }
            }
            findings.problem(PreflightProblem.mismatch(shop.id(), flows, key + setting, settingValue(setting, number),
                    "e-conomic GET " + collection.path(), "no such " + what + " in e-conomic (existing: "
                            + existing(collection, null) + ")", "set it to one of them"));
            return Optional.empty();
        }

        private void currency(List<SyncFlow> flows, String setting, String code) {
            findings.checked(key + setting + " against e-conomic /currencies");
            boolean known = setup.get(SetupCollection.CURRENCIES).stream()
                    .anyMatch(c -> c.path("code").asText("").equalsIgnoreCase(code));
            if (!known) {
                findings.problem(PreflightProblem.mismatch(shop.id(), flows, key + setting, code,
                        "e-conomic GET /currencies", "e-conomic has no currency " + code + " (existing: "
                                + existing(SetupCollection.CURRENCIES, null) + ")", "use an ISO 4217 code e-conomic"
                                + " lists"));
            }
        }

        /** The product when it can go on an invoice line; a problem line otherwise. */
        private Optional<JsonNode> product(String setting, String productNumber) {
            findings.checked(key + setting + " against e-conomic /products");
            Optional<JsonNode> product = economic.findProduct(productNumber);
            if (product.isEmpty()) {
                findings.problem(PreflightProblem.mismatch(shop.id(), List.of(SyncFlow.ORDERS), key + setting,
                        productNumber, "e-conomic GET /products/" + productNumber, "no such product in e-conomic",
                        "create product " + productNumber + " in e-conomic, or name an existing one"));
            } else if (product.get().path("barred").asBoolean(false)) {
                findings.problem(PreflightProblem.mismatch(shop.id(), List.of(SyncFlow.ORDERS), key + setting,
                        productNumber, "e-conomic GET /products/" + productNumber, "the product is barred, so"
                                + " e-conomic refuses it on invoice lines", "lift the bar or name another product"));
                return Optional.empty();
            }
            return product;
        }

        /**
         * The rounding line must carry no VAT: e-conomic takes a line's VAT from its product group's sales account for
         * the customer's VAT zone, so VAT there would change the total the line is meant to match. Checked here, before
         * the first order, rather than found on an order's draft.
         */
        private void vatFree(String setting, JsonNode product) {
            String productNumber = product.path("productNumber").asText();
            int group = product.path("productGroup").path("productGroupNumber").asInt();
            findings.checked(key + setting + " is VAT-free in every VAT zone (e-conomic /product-groups/" + group
                    + "/sales-accounts)");
            List<String> taxed = new ArrayList<>();
            for (JsonNode zone : economic.listAll("/product-groups/" + group + "/sales-accounts", null)) {
                JsonNode account = zone.path("salesAccount");
                String vatCode = account.path("vatAccount").path("vatCode").asText("");
                if (vatCode.isBlank()) {
                    continue;
                }
                BigDecimal rate = economic.read("/vat-accounts/" + EconomicEncoding.pathId(vatCode))
                        .path("ratePercentage").decimalValue();
                if (rate.signum() != 0) {
                    taxed.add(zone.path("vatZone").path("name").asText("zone " + zone.path("vatZone")
                            .path("vatZoneNumber").asText()) + " (account " + account.path("accountNumber").asText()
                            + ", VAT code " + vatCode + " at " + rate.stripTrailingZeros().toPlainString() + " %)");
                }
            }
            if (!taxed.isEmpty()) {
                findings.problem(PreflightProblem.mismatch(shop.id(), List.of(SyncFlow.ORDERS), key + setting,
                        productNumber, "e-conomic GET /product-groups/" + group + "/sales-accounts",
                        "its product group " + group + " books sales with VAT in " + String.join(", ", taxed)
                                + ", so a rounding line would add VAT and miss the shop's total",
                        "move product " + productNumber + " to a product group whose sales accounts carry no VAT"));
            }
        }

        /** The setting as written: one number, or the whole list a number came from. */
        private String settingValue(String setting, int number) {
            return switch (setting) {
                case "products.group-by-vat-rate" -> shop.orders().productGroupByVatRate().entrySet().stream()
                        .map(e -> e.getKey().toPlainString() + ":" + e.getValue()).sorted()
                        .collect(Collectors.joining(","));
                case "products.vat-rate-by-group" -> pairs(shop.products().vatRateByGroup());
                case "prices.vat-rates" -> pairs(shop.stockPrices().vatRateByGroup());
                case "orders.vat-zone.overrides" -> shop.orders().mapping().countryVatZones().entrySet().stream()
                        .map(e -> e.getKey() + ":" + e.getValue()).sorted().collect(Collectors.joining(","));
                default -> Integer.toString(number);
            };
        }

        private String existing(SetupCollection collection, String onlyWhereTrue) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : setup.get(collection)) {
                if (onlyWhereTrue != null && !item.path(onlyWhereTrue).asBoolean(true)) {
                    continue;
                }
                String name = item.path("name").asText("");
                items.add(item.path(collection.key()).asText() + (name.isEmpty() ? "" : " " + name));
            }
            if (items.isEmpty()) {
                return "none";
            }
            return items.size() <= LISTED ? String.join(", ", items)
                    : String.join(", ", items.subList(0, LISTED)) + ", … (" + items.size() + " in all)";
        }
    }

    private static String pairs(Map<Integer, BigDecimal> map) {
        return map.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue().stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(","));
    }
}
