package io.jesync.simulator.economic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;

/**
 * {@code /self} and the read-only setup collections a sync resolves by name and caches: vat-zones, layouts,
 * payment-terms, customer-groups, product-groups (with their sales accounts per VAT zone), vat-accounts, units,
 * currencies.
 */
final class ReferenceDataRoutes extends RouteSupport {
    /** The inventory module as /self lists it; number and name are this simulator's choice. */
    static final int INVENTORY_MODULE_NUMBER = 16;

    ReferenceDataRoutes(EconomicSimulator simulator) {
        super(simulator);
    }

    @Override
    void register() {
        simulator.api("GET", "/self", this::self);
        Function<String, Integer> byNumber = ReferenceDataRoutes::number;
        collection("vat-zones", Set.of("vatZoneNumber", "name"), store.vatZones, byNumber, this::vatZone);
        collection("layouts", Set.of("layoutNumber", "name"), store.layouts, byNumber, this::layout);
        collection("payment-terms", Set.of("paymentTermsNumber", "name", "paymentTermsType", "daysOfCredit"),
                store.paymentTerms, byNumber, this::paymentTerms);
        collection("customer-groups", Set.of("customerGroupNumber", "name"), store.customerGroups, byNumber,
                this::customerGroup);
        collection("product-groups", Set.of("productGroupNumber", "name"), store.productGroups, byNumber,
                this::productGroup);
        simulator.api("GET", "/product-groups/{id}/sales-accounts", this::salesAccounts);
        simulator.api("GET", "/vat-accounts/{id}", this::vatAccount);
        collection("units", Set.of("unitNumber", "name"), store.units, byNumber, this::unit);
        // Currencies are not filterable.
        collection("currencies", Set.of(), store.currencies, code -> code.toUpperCase(java.util.Locale.ROOT),
                this::currency);
    }

    private <K, V> void collection(String path, Set<String> filterable, Map<K, V> items, Function<String, K> key,
                                   Function<V, ObjectNode> render) {
        simulator.api("GET", "/" + path, request -> store.read(() -> {
            CollectionQuery query = CollectionQuery.of(request, filterable, errors);
            return SimResponse.json(200, query.page(new ArrayList<>(items.values()), v -> jsonFields(render.apply(v)),
                    render::apply, baseUrl() + "/" + path));
        }));
        simulator.api("GET", "/" + path + "/{id}", request -> store.read(() -> {
            K id = key.apply(request.pathParam("id"));
            V item = id == null ? null : items.get(id);
            if (item == null) {
                throw errors.missing(path + " '" + request.pathParam("id") + "'");
            }
            return SimResponse.json(200, render.apply(item));
        }));
    }

    private static Integer number(String raw) {
        try {
            return Integer.valueOf(raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private SimResponse self(SimRequest request) {
        ObjectNode self = Json.object();
        self.put("agreementNumber", simulator.agreementNumber());
        self.put("agreementType", simulator.isDemo(request) ? "demo" : "standard");
        self.put("userName", "Demo User");
        self.put("signupDate", "2026-01-15");
        ObjectNode company = self.putObject("company");
        company.put("name", "Kaffebutiken Norden AB");
        company.put("addressLine1", "Hamngatan 4");
        company.put("zip", "111 47");
        company.put("city", "Stockholm");
        company.put("country", "Sverige");
        company.put("phoneNumber", "+4687654321");
        company.put("email", "ekonomi@kaffebutiken.example.se");
        company.put("website", "https://kaffebutiken.example.se");
        company.put("companyIdentificationNumber", "556123-4567");
        company.put("vatNumber", "SE556123456701");
        ObjectNode settings = self.putObject("settings");
        settings.put("baseCurrency", EconomicStore.BASE_CURRENCY);
        Map.Entry<Integer, EconomicStore.PaymentTerms> defaultTerms = store.read(store.paymentTerms::firstEntry);
        if (defaultTerms != null) {
            canonicalReference(settings, "defaultPaymentTerm", "paymentTermsNumber", defaultTerms.getKey(),
                    "payment-terms");
        }
        settings.put("internationalLedger", true);
        self.put("canSendElectronicInvoice", false);
        var modules = self.putArray("modules");
        modules.add(module(1, "Sales"));
        modules.add(module(2, "Currency"));
        if (store.inventoryModule()) {
            modules.add(module(INVENTORY_MODULE_NUMBER, "Inventory"));
        }
        ObjectNode application = self.putObject("application");
        application.put("appNumber", 4711);
        application.put("name", "Jetshop sync");
        application.put("appPublicToken", "jesync-public");
        application.put("created", "2026-01-15T09:00:00Z");
        application.putArray("requiredRoles").add(numbered("app-roles", "roleNumber", 1,
                json -> json.put("name", "SuperUser")));
        application.put("self", baseUrl() + "/apps/4711");
        self.put("self", baseUrl() + "/self");
        return SimResponse.json(200, self);
    }

    private ObjectNode module(int number, String name) {
        return numbered("modules", "moduleNumber", number, json -> json.put("name", name));
    }

    private ObjectNode vatZone(EconomicStore.VatZone zone) {
        return numbered("vat-zones", "vatZoneNumber", zone.vatZoneNumber(), json -> {
            json.put("name", zone.name());
            putTrue(json, "enabledForCustomer", zone.enabledForCustomer());
            putTrue(json, "enabledForSupplier", zone.enabledForSupplier());
        });
    }

    private ObjectNode layout(EconomicStore.Layout layout) {
        return numbered("layouts", "layoutNumber", layout.layoutNumber(), json -> json.put("name", layout.name()));
    }

    private ObjectNode paymentTerms(EconomicStore.PaymentTerms terms) {
        return numbered("payment-terms", "paymentTermsNumber", terms.paymentTermsNumber(), json -> json
                .put("daysOfCredit", terms.daysOfCredit())
                .put("name", terms.name())
                .put("paymentTermsType", terms.paymentTermsType()));
    }

    private ObjectNode customerGroup(EconomicStore.CustomerGroup group) {
        return numbered("customer-groups", "customerGroupNumber", group.customerGroupNumber(), json -> {
            json.put("name", group.name());
            canonicalReference(json, "account", "accountNumber", group.accountNumber(), "accounts");
        });
    }

    private ObjectNode productGroup(EconomicStore.ProductGroup group) {
        String self = baseUrl() + "/product-groups/" + group.productGroupNumber();
        return numbered("product-groups", "productGroupNumber", group.productGroupNumber(), json -> {
            json.put("name", group.name());
            putTrue(json, "inventoryEnabled", store.inventoryModule());
            json.put("salesAccounts", self + "/sales-accounts");
            json.put("products", self + "/products");
        });
    }

    /**
     * One sales account per VAT zone. The simulator's model has one domestic rate per group and books EU and abroad
     * sales VAT-free, so only the domestic account carries a VAT account ({@code U<rate>}); a 0 % group carries none.
     * Account numbers and VAT codes are this simulator's choice (Swedish BAS-like).
     */
    private SimResponse salesAccounts(SimRequest request) {
        return store.read(() -> {
            Integer number = number(request.pathParam("id"));
            EconomicStore.ProductGroup group = number == null ? null : store.productGroup(number);
            if (group == null) {
                throw errors.missing("product-groups '" + request.pathParam("id") + "'");
            }
            List<ObjectNode> items = new ArrayList<>();
            for (EconomicStore.VatZone zone : store.vatZones.values()) {
                ObjectNode item = Json.object();
                item.set("vatZone", vatZone(zone));
                ObjectNode account = item.putObject("salesAccount");
                boolean taxed = zone.vatZoneNumber() == DocumentTotals.DOMESTIC_ZONE
                        && group.domesticVatRate().signum() != 0;
                int accountNumber = taxed ? 3000 + group.productGroupNumber() : 3100 + zone.vatZoneNumber();
                account.put("accountNumber", accountNumber);
                account.put("accountType", "profitAndLoss");
                account.put("name", "Försäljning " + zone.name());
                if (taxed) {
                    ObjectNode vat = account.putObject("vatAccount");
                    vat.put("vatCode", vatCode(group.domesticVatRate()));
                    vat.put("self", baseUrl() + "/vat-accounts/" + vatCode(group.domesticVatRate()));
                }
                account.put("self", baseUrl() + "/accounts/" + accountNumber);
                items.add(item);
            }
            CollectionQuery query = CollectionQuery.of(request, Set.of(), errors);
            return SimResponse.json(200, query.page(items, RouteSupport::jsonFields, item -> item,
                    baseUrl() + "/product-groups/" + group.productGroupNumber() + "/sales-accounts"));
        });
    }

    private SimResponse vatAccount(SimRequest request) {
        return store.read(() -> {
            String code = request.pathParam("id");
            return store.productGroups.values().stream().map(EconomicStore.ProductGroup::domesticVatRate)
                    .filter(rate -> rate.signum() != 0 && vatCode(rate).equalsIgnoreCase(code)).findFirst()
                    .map(rate -> {
                        ObjectNode json = Json.object();
                        json.put("vatCode", vatCode(rate));
                        json.put("name", "Utgående moms " + rate.stripTrailingZeros().toPlainString() + " %");
                        json.put("ratePercentage", rate);
                        json.put("self", baseUrl() + "/vat-accounts/" + vatCode(rate));
                        return SimResponse.json(200, json);
                    }).orElseThrow(() -> errors.missing("vat-accounts '" + code + "'"));
        });
    }

    private static String vatCode(java.math.BigDecimal rate) {
        return "U" + rate.stripTrailingZeros().toPlainString();
    }

    private ObjectNode unit(EconomicStore.Unit unit) {
        return numbered("units", "unitNumber", unit.unitNumber(), json -> json.put("name", unit.name()));
    }

    private ObjectNode currency(EconomicStore.Currency currency) {
        ObjectNode json = Json.object();
        json.put("code", currency.code());
        json.put("isoNumber", String.format("%03d", currency.isoNumber()));
        json.put("name", currency.name());
        json.put("self", baseUrl() + "/currencies/" + currency.code());
        return json;
    }

    /** e-conomic omits false booleans. */
    private static void putTrue(ObjectNode json, String name, boolean value) {
        if (value) {
            json.put(name, true);
        }
    }
}
