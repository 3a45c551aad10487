package io.jesync.shop.norce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import io.jesync.product.ProductSettings;
import io.jesync.order.OrderFlowSettings;
import io.jesync.config.ShopSettings;
import io.jesync.stock.StockPriceSettings;
import io.jesync.findings.PreflightFindings;
import io.jesync.findings.PreflightProblem;
import io.jesync.shop.ShopTenantCheck;
import io.jesync.findings.SyncFlow;

/**
 * The Norce half of the preflight: every set, property and navigation of {@link NorceQueryContract} must be in the
 * tenant's {@code $metadata}, and every code or id a shop's settings name must be in the tenant's lists.
 */
public final class NorcePreflight implements ShopTenantCheck {
    private static final String CONTRACT_FIX = "the tenant differs from Norce's published contract, which the adapter"
            + " follows: send this line to the integration's maintainers; the flows named stay off until then";

    private final NorceTenantCodes tenant;

    public NorcePreflight(NorceConnection connection) {
        this.tenant = new NorceTenantCodes(connection);
    }

    @Override
    public void check(ShopSettings shop, PreflightFindings findings) throws IOException, InterruptedException {
        Map<String, Optional<NorceQueryMetadata>> services = new LinkedHashMap<>();
        for (NorceQueryContract.SetUse use : NorceQueryContract.ALL) {
            Optional<NorceQueryMetadata> metadata = services.get(use.service());
            if (metadata == null) {
                metadata = metadata(shop, use, findings);
                services.put(use.service(), metadata);
            }
            metadata.ifPresent(m -> checkSet(shop, m, use, findings));
        }
        checkCodes(shop, findings);
        noteUnverified(shop, findings);
    }

    private Optional<NorceQueryMetadata> metadata(ShopSettings shop, NorceQueryContract.SetUse use,
                                                  PreflightFindings findings) throws IOException, InterruptedException {
        String source = "Norce GET " + use.service() + "/$metadata";
        findings.checked(source + " of shop " + shop.id());
        try {
            return Optional.of(tenant.metadata(shop, use.service()));
        } catch (NorceRequestException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw e;
            }
            findings.problem(PreflightProblem.mismatch(shop.id(), flowsOfService(use.service()),
                    "Norce Query " + use.service() + "/$metadata", null, source,
                    "the tenant does not describe its " + use.service() + " service (" + e.getMessage() + ")",
                    "check shop." + shop.id() + ".base-url and that the OAuth client may use Query " + use.service()));
            return Optional.empty();
        } catch (NorceUnavailableException | NorceTokenProvider.NorceAuthException e) {
            throw e;
        } catch (IOException e) {
            findings.problem(PreflightProblem.mismatch(shop.id(), flowsOfService(use.service()),
                    "Norce Query " + use.service() + "/$metadata", null, source, e.getMessage(), CONTRACT_FIX));
            return Optional.empty();
        }
    }

    private static void checkSet(ShopSettings shop, NorceQueryMetadata metadata, NorceQueryContract.SetUse use,
                                 PreflightFindings findings) {
        String source = "Norce GET " + use.service() + "/$metadata";
        findings.checked("Norce Query " + use.path() + " of shop " + shop.id() + " against " + use.service()
                + "/$metadata");
        Optional<NorceQueryMetadata.EntityType> type = metadata.entitySet(use.entitySet());
        if (type.isEmpty()) {
            findings.problem(PreflightProblem.mismatch(shop.id(), use.flows(), "Norce Query " + use.path(), null,
                    source, "the tenant has no entity set " + use.entitySet() + " (it has: "
                            + list(metadata.entitySetNames()) + ")", CONTRACT_FIX));
            return;
        }
        missing(shop, use, use.path(), type.get(), use.properties(), source, findings);
        use.navigations().forEach((navigation, properties) -> {
            Optional<NorceQueryMetadata.EntityType> target = metadata.navigation(type.get(), navigation);
            if (target.isEmpty()) {
                findings.problem(PreflightProblem.mismatch(shop.id(), use.flows(),
                        "Norce Query " + use.path() + "/" + navigation, null, source, "the tenant's "
                                + use.entitySet() + " has no navigation " + navigation + " (it has: "
                                + list(type.get().navigations().keySet()) + ")", CONTRACT_FIX));
            } else {
                missing(shop, use, use.path() + "/" + navigation, target.get(), properties, source, findings);
            }
        });
    }

    private static void missing(ShopSettings shop, NorceQueryContract.SetUse use, String path,
                                NorceQueryMetadata.EntityType type, List<String> properties, String source,
                                PreflightFindings findings) {
        for (String property : properties) {
            if (!type.properties().contains(property)) {
                findings.problem(PreflightProblem.mismatch(shop.id(), use.flows(), "Norce Query " + path + "."
                        + property, null, source, "the tenant's " + shortName(type.qualifiedName())
                        + " has no property " + property + ", which the adapter reads", CONTRACT_FIX));
            }
        }
    }

    private void checkCodes(ShopSettings shop, PreflightFindings findings) throws IOException, InterruptedException {
        String key = "shop." + shop.id() + ".";
        List<NorceTenantCodes.Entry> applications = entries(shop, NorceQueryContract.APPLICATIONS, findings);
        if (applications != null) {
            for (int id : shop.applicationIds()) {
                if (applications.stream().noneMatch(a -> a.id() == id)) {
                    findings.problem(PreflightProblem.mismatch(shop.id(), SyncFlow.ALL, key + "application-ids",
                            join(shop.applicationIds()), source(NorceQueryContract.APPLICATIONS), "application " + id
                                    + " does not exist on the tenant (existing: " + ids(applications) + ")",
                            "list only the tenant's application ids"));
                }
            }
        }
        List<NorceTenantCodes.Entry> countries = entries(shop, NorceQueryContract.COUNTRIES, findings);
        if (countries != null) {
            String home = shop.flow(OrderFlowSettings.class).mapping().homeCountry();
            code(shop, findings, NorceQueryContract.COUNTRIES, countries, key + "orders.home-country", home, home,
                    "country");
            for (String country : shop.flow(OrderFlowSettings.class).mapping().countryVatZones().keySet()) {
                code(shop, findings, NorceQueryContract.COUNTRIES, countries, key + "orders.vat-zone.overrides",
                        pairs(shop.flow(OrderFlowSettings.class).mapping().countryVatZones()), country, "country");
            }
        }
        List<NorceTenantCodes.Entry> currencies = entries(shop, NorceQueryContract.CURRENCIES, findings);
        if (currencies != null) {
            for (String currency : shop.flow(OrderFlowSettings.class).mapping().exchangeRates().keySet()) {
                code(shop, findings, NorceQueryContract.CURRENCIES, currencies, key + "orders.exchange-rates",
                        pairs(shop.flow(OrderFlowSettings.class).mapping().exchangeRates()), currency, "currency");
            }
        }
        // The adapter resolves each order's PaymentMethodId here; a tenant without codes could not be read.
        List<NorceTenantCodes.Entry> methods = entries(shop, NorceQueryContract.PAYMENT_METHODS, findings);
        if (methods != null && methods.stream().anyMatch(m -> m.code() == null)) {
            findings.problem(PreflightProblem.mismatch(shop.id(), NorceQueryContract.PAYMENT_METHODS.flows(),
                    "Norce Query Core/PaymentMethods.Code", null, source(NorceQueryContract.PAYMENT_METHODS),
                    "payment method(s) " + methods.stream().filter(m -> m.code() == null).map(m -> Long.toString(m.id()))
                            .collect(Collectors.joining(", ")) + " have no Code", "give every payment method a code"
                            + " in Norce admin"));
        }
        StockPriceSettings prices = shop.flow(StockPriceSettings.class);
        if (!prices.priceLists().isEmpty()) {
            List<NorceTenantCodes.Entry> lists = entries(shop, NorceQueryContract.PRICE_LISTS, findings);
            if (lists != null) {
                String all = prices.priceLists().stream().map(StockPriceSettings.PriceListRule::code)
                        .collect(Collectors.joining(","));
                for (StockPriceSettings.PriceListRule rule : prices.priceLists()) {
                    code(shop, findings, NorceQueryContract.PRICE_LISTS, lists, key + "prices.lists", all, rule.code(),
                            "price list");
                }
            }
        }
        List<NorceTenantCodes.Entry> salesAreas = entries(shop, NorceQueryContract.SALES_AREAS, findings);
        if (salesAreas != null) {
            for (int area : shop.flow(ProductSettings.class).salesAreas()) {
                id(shop, findings, NorceQueryContract.SALES_AREAS, salesAreas, key + "products.sales-areas",
                        join(shop.flow(ProductSettings.class).salesAreas()), area, "sales area");
            }
        }
        List<NorceTenantCodes.Entry> statuses = entries(shop, NorceQueryContract.SKU_STATUSES, findings);
        if (statuses != null) {
            id(shop, findings, NorceQueryContract.SKU_STATUSES, statuses, key + "products.status-active",
                    Integer.toString(shop.flow(ProductSettings.class).statusActive()), shop.flow(ProductSettings.class).statusActive(), "SKU status");
            id(shop, findings, NorceQueryContract.SKU_STATUSES, statuses, key + "products.status-inactive",
                    Integer.toString(shop.flow(ProductSettings.class).statusInactive()), shop.flow(ProductSettings.class).statusInactive(), "SKU status");
        }
    }

    /** The set's rows, or null (with a problem) when the tenant refuses to list them. */
    private List<NorceTenantCodes.Entry> entries(ShopSettings shop, NorceQueryContract.SetUse use,
                                                 PreflightFindings findings) throws IOException, InterruptedException {
        findings.checked("Norce GET " + use.path() + " of shop " + shop.id());
        try {
            return tenant.entries(shop, use.service(), use.entitySet());
        } catch (NorceRequestException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw e;
            }
            findings.problem(PreflightProblem.mismatch(shop.id(), use.flows(), "Norce Query " + use.path(), null,
                    source(use), "the tenant's list cannot be read: " + e.getMessage(), CONTRACT_FIX));
            return null;
        }
    }

    private static void code(ShopSettings shop, PreflightFindings findings, NorceQueryContract.SetUse use,
                             List<NorceTenantCodes.Entry> entries, String setting, String value, String code,
                             String what) {
        if (NorceTenantCodes.idOf(entries, code).isEmpty()) {
            List<String> codes = entries.stream().map(NorceTenantCodes.Entry::code).filter(Objects::nonNull).toList();
            Optional<String> otherCase = codes.stream().filter(c -> c.equalsIgnoreCase(code)).findFirst();
            findings.problem(PreflightProblem.mismatch(shop.id(), use.flows(), setting, value, source(use),
                    "no " + what + " with code " + code + " on the tenant (existing: " + list(codes) + ")",
                    otherCase.map(c -> "write it as Norce does: " + c)
                            .orElse("use one of the tenant's codes, or create the " + what + " in Norce admin")));
        }
    }

    private static void id(ShopSettings shop, PreflightFindings findings, NorceQueryContract.SetUse use,
                           List<NorceTenantCodes.Entry> entries, String setting, String value, int id, String what) {
        if (entries.stream().noneMatch(e -> e.id() == id)) {
            findings.problem(PreflightProblem.mismatch(shop.id(), use.flows(), setting, value, source(use), "no " + what
                    + " " + id + " on the tenant (existing: " + ids(entries) + ")", "use one of the tenant's ids"));
        }
    }

    private static void noteUnverified(ShopSettings shop, PreflightFindings findings) {
        String key = "shop." + shop.id() + ".";
        findings.unverified(key + "stock.warehouse=" + shop.flow(StockPriceSettings.class).warehouseCode() + " and " + key
                + "stock.location=" + shop.flow(StockPriceSettings.class).locationCode() + ": Norce documents no Query set that lists"
                + " warehouses, and ImportOnhands ignores rows it cannot place; check the codes in Norce admin");
        findings.unverified(key + "orders.trigger-statuses, " + key + "orders.acknowledge-status and " + key
                + "status.on.*: Norce's order statuses are Connect's OrderStatus enum, the same on every tenant; the"
                + " names were checked against it when the settings were read, no Query set lists them");
        findings.unverified(key + "connect.account-id=" + shop.flow(StockPriceSettings.class).connectAccountId() + ": Connect's"
                + " AccountId (the integration's system account) cannot be read through Query; an import with a wrong"
                + " one is refused and its job says so");
        findings.unverified(key + "products.sku-type=" + shop.flow(ProductSettings.class).skuType() + ": Norce documents the SKU types"
                + " (Standard 1, Freight 3, ...) but no Query set that lists them");
    }

    private static List<SyncFlow> flowsOfService(String service) {
        List<SyncFlow> flows = new ArrayList<>();
        for (NorceQueryContract.SetUse use : NorceQueryContract.ALL) {
            if (use.service().equals(service)) {
                use.flows().stream().filter(f -> !flows.contains(f)).forEach(flows::add);
            }
        }
        return flows;
    }

    private static String source(NorceQueryContract.SetUse use) {
        return "Norce GET " + use.path();
    }

    private static String shortName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static String ids(List<NorceTenantCodes.Entry> entries) {
        return entries.isEmpty() ? "none" : entries.stream().map(NorceTenantCodes.Entry::id).sorted()
                .map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** In a stable order: the tenant's lists come in no documented order. */
    private static String list(Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names.stream().sorted().toList());
    }

    private static String join(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String pairs(Map<String, ?> map) {
        return map.entrySet().stream().map(e -> e.getKey() + ":" + (e.getValue() instanceof java.math.BigDecimal d
                ? d.toPlainString() : e.getValue())).sorted().collect(Collectors.joining(","));
    }
}
