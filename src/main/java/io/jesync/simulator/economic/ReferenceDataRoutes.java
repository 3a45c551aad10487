package io.jesync.simulator.economic;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;

/**
 * {@code /self} and the read-only setup collections a sync resolves by name and caches: vat-zones, layouts,
 * payment-terms, customer-groups, product-groups, units, currencies.
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
        addModule(modules.addObject(), 1, "Sales");
        addModule(modules.addObject(), 2, "Currency");
        if (store.inventoryModule()) {
            addModule(modules.addObject(), INVENTORY_MODULE_NUMBER, "Inventory");
        }
        ObjectNode application = self.putObject("application");
        application.put("appNumber", 4711);
        application.put("name", "Jetshop sync");
        application.put("appPublicToken", "jesync-public");
        application.put("created", "2026-01-15T09:00:00Z");
        ObjectNode role = application.putArray("requiredRoles").addObject();
        role.put("roleNumber", 1);
        role.put("name", "SuperUser");
        role.put("self", baseUrl() + "/app-roles/1");
        application.put("self", baseUrl() + "/apps/4711");
        self.put("self", baseUrl() + "/self");
        return SimResponse.json(200, self);
    }

    private void addModule(ObjectNode module, int number, String name) {
        module.put("moduleNumber", number);
        module.put("name", name);
        module.put("self", baseUrl() + "/modules/" + number);
    }

    private ObjectNode vatZone(EconomicStore.VatZone zone) {
        ObjectNode json = Json.object();
        json.put("vatZoneNumber", zone.vatZoneNumber());
        json.put("name", zone.name());
        putTrue(json, "enabledForCustomer", zone.enabledForCustomer());
        putTrue(json, "enabledForSupplier", zone.enabledForSupplier());
        json.put("self", baseUrl() + "/vat-zones/" + zone.vatZoneNumber());
        return json;
    }

    private ObjectNode layout(EconomicStore.Layout layout) {
        ObjectNode json = Json.object();
        json.put("layoutNumber", layout.layoutNumber());
        json.put("name", layout.name());
        json.put("self", baseUrl() + "/layouts/" + layout.layoutNumber());
        return json;
    }

    private ObjectNode paymentTerms(EconomicStore.PaymentTerms terms) {
        ObjectNode json = Json.object();
        json.put("paymentTermsNumber", terms.paymentTermsNumber());
        json.put("daysOfCredit", terms.daysOfCredit());
        json.put("name", terms.name());
        json.put("paymentTermsType", terms.paymentTermsType());
        json.put("self", baseUrl() + "/payment-terms/" + terms.paymentTermsNumber());
        return json;
    }

    private ObjectNode customerGroup(EconomicStore.CustomerGroup group) {
        ObjectNode json = Json.object();
        json.put("customerGroupNumber", group.customerGroupNumber());
        json.put("name", group.name());
        ObjectNode account = json.putObject("account");
        account.put("accountNumber", group.accountNumber());
        account.put("self", baseUrl() + "/accounts/" + group.accountNumber());
        json.put("self", baseUrl() + "/customer-groups/" + group.customerGroupNumber());
        return json;
    }

    private ObjectNode productGroup(EconomicStore.ProductGroup group) {
        ObjectNode json = Json.object();
        json.put("productGroupNumber", group.productGroupNumber());
        json.put("name", group.name());
        putTrue(json, "inventoryEnabled", store.inventoryModule());
        // Simplification: the per-zone sales accounts collapse to one domestic rate; EU and abroad are 0 %.
        json.put("vatRate", group.domesticVatRate());
        json.put("salesAccounts", baseUrl() + "/product-groups/" + group.productGroupNumber() + "/sales-accounts");
        json.put("products", baseUrl() + "/product-groups/" + group.productGroupNumber() + "/products");
        json.put("self", baseUrl() + "/product-groups/" + group.productGroupNumber());
        return json;
    }

    private ObjectNode unit(EconomicStore.Unit unit) {
        ObjectNode json = Json.object();
        json.put("unitNumber", unit.unitNumber());
        json.put("name", unit.name());
        json.put("self", baseUrl() + "/units/" + unit.unitNumber());
        return json;
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
