package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.Json;

/**
 * Seeds the demo agreement: the setup collections a Swedish shop needs and the {@link DemoCatalog} articles as
 * products with stock, so the shop simulator and this one start from a matched catalogue. Customers are not
 * seeded: creating them is part of what the sync does.
 */
public final class EconomicSeed {
    public static final int LAYOUT_STANDARD = 19;
    public static final int TERMS_NET_30 = 1;
    public static final int TERMS_PAID_IN_CASH = 2;
    public static final int TERMS_CARD = 3;
    public static final int GROUP_PRIVATE_SE = 1;
    public static final int GROUP_BUSINESS_SE = 2;
    public static final int GROUP_EU = 3;
    public static final int GROUP_ABROAD = 4;
    public static final int PRODUCT_GROUP_STANDARD = 1;
    public static final int PRODUCT_GROUP_FOOD = 2;
    public static final int PRODUCT_GROUP_BOOKS = 3;
    public static final int PRODUCT_GROUP_FEES = 4;
    public static final int UNIT_PIECE = 1;

    private EconomicSeed() {
    }

    /** Setup data plus DemoCatalog.demoArticles() and the fee products FRAKT and AVGIFT. */
    /** The demo agreement's daybook and the clearing account its customer payments default to. */
    public static final int JOURNAL_DAYBOOK = 1;
    public static final int CLEARING_ACCOUNT = 5820;

    public static void demo(EconomicSimulator simulator) {
        EconomicStore store = simulator.store();
        Instant now = simulator.clock().instant();
        store.write(() -> {
            store.vatZones.add(new EconomicStore.VatZone(1, "Domestic", true, true));
            store.vatZones.add(new EconomicStore.VatZone(2, "EU", true, true));
            store.vatZones.add(new EconomicStore.VatZone(3, "Abroad", true, true));
            store.vatZones.add(new EconomicStore.VatZone(4, "Domestic exempt VAT", true, false));
            store.layouts.add(new EconomicStore.Layout(LAYOUT_STANDARD, "Standardfaktura"));
            store.journals.addJournal(new EconomicJournals.Journal(JOURNAL_DAYBOOK, "Kassabok", CLEARING_ACCOUNT, 1,
                    999_999_999));
            int thisYear = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).getYear();
            for (int year = thisYear - 1; year <= thisYear + 1; year++) {
                store.journals.addYear(new EconomicJournals.AccountingYear(Integer.toString(year),
                        java.time.LocalDate.of(year, 1, 1), java.time.LocalDate.of(year, 12, 31), false));
            }
            store.layouts.add(new EconomicStore.Layout(20, "Standardfaktura engelska"));
            store.paymentTerms.add(new EconomicStore.PaymentTerms(TERMS_NET_30, "Netto 30 dagar", "net", 30));
            store.paymentTerms.add(new EconomicStore.PaymentTerms(TERMS_PAID_IN_CASH, "Kontant", "paidInCash", 0));
            store.paymentTerms.add(new EconomicStore.PaymentTerms(TERMS_CARD, "Kortbetalning", "creditcard", 0));
            store.customerGroups.add(new EconomicStore.CustomerGroup(GROUP_PRIVATE_SE, "Privatkunder Sverige", 1510));
            store.customerGroups.add(new EconomicStore.CustomerGroup(GROUP_BUSINESS_SE, "Företagskunder Sverige", 1510));
            store.customerGroups.add(new EconomicStore.CustomerGroup(GROUP_EU, "Kunder EU", 1515));
            store.customerGroups.add(new EconomicStore.CustomerGroup(GROUP_ABROAD, "Kunder utanför EU", 1516));
            store.productGroups.add(new EconomicStore.ProductGroup(PRODUCT_GROUP_STANDARD, "Varor 25 % moms",
                    DemoCatalog.VatClass.STANDARD.rate()));
            store.productGroups.add(new EconomicStore.ProductGroup(PRODUCT_GROUP_FOOD, "Livsmedel 12 % moms",
                    DemoCatalog.VatClass.FOOD.rate()));
            store.productGroups.add(new EconomicStore.ProductGroup(PRODUCT_GROUP_BOOKS, "Böcker 6 % moms",
                    DemoCatalog.VatClass.BOOKS.rate()));
            store.productGroups.add(new EconomicStore.ProductGroup(PRODUCT_GROUP_FEES, "Frakt och avgifter 25 % moms",
                    new BigDecimal("25")));
            store.units.add(new EconomicStore.Unit(UNIT_PIECE, "st"));
            store.units.add(new EconomicStore.Unit(2, "kg"));
            store.units.add(new EconomicStore.Unit(3, "tim"));
            store.currencies.add(new EconomicStore.Currency("SEK", 752, "Svensk krona", new BigDecimal("100")));
            store.currencies.add(new EconomicStore.Currency("EUR", 978, "Euro", new BigDecimal("1150.00")));
            store.currencies.add(new EconomicStore.Currency("DKK", 208, "Dansk krone", new BigDecimal("154.20")));
            store.currencies.add(new EconomicStore.Currency("NOK", 578, "Norsk krone", new BigDecimal("98.50")));
            store.currencies.add(new EconomicStore.Currency("USD", 840, "US dollar", new BigDecimal("1050.00")));
            store.currencies.add(new EconomicStore.Currency("GBP", 826, "Pound sterling", new BigDecimal("1340.00")));
            addArticles(store, DemoCatalog.demoArticles(), now);
            store.putProduct(fee(DemoCatalog.SHIPPING_ARTICLE, "Frakt", now));
            store.putProduct(fee(DemoCatalog.PAYMENT_FEE_ARTICLE, "Betalningsavgift", now));
            // The demo shop's B2B list and EUR list come from here (docs/flows/stock-and-prices.md): resellers get
            // 15 % off every article, and EUR prices are the SEK price at the shop's 11.20 rate.
            store.priceGroups.put(DEMO_PRICE_GROUP, "Återförsäljare");
            int number = 1;
            for (DemoCatalog.Article article : DemoCatalog.demoArticles()) {
                store.specialPrices.put(number, new EconomicStore.SpecialPrice(number, DEMO_PRICE_GROUP,
                        article.articleNumber(), null, new BigDecimal("15")));
                number++;
                store.currencyPrices.computeIfAbsent(article.articleNumber(), k -> new java.util.TreeMap<>())
                        .put("EUR", article.priceExVat().divide(new BigDecimal("11.20"), 2,
                                java.math.RoundingMode.HALF_UP));
            }
            return null;
        });
    }

    static final int DEMO_PRICE_GROUP = 1;

    /** Adds generated articles; one pass, O(n log n), so 100,000 articles take well under a second. */
    static void generatedArticles(EconomicSimulator simulator, int count, long seed) {
        EconomicStore store = simulator.store();
        List<DemoCatalog.Article> articles = DemoCatalog.generate(count, seed);
        Instant now = simulator.clock().instant();
        store.write(() -> {
            addArticles(store, articles, now);
            return null;
        });
    }

    private static void addArticles(EconomicStore store, List<DemoCatalog.Article> articles, Instant now) {
        for (DemoCatalog.Article article : articles) {
            store.putProduct(new EconomicProduct(article.articleNumber(), article.name(), productGroup(article.vatClass()),
                    UNIT_PIECE, article.priceExVat(), article.costPrice(), null, article.category(), article.ean(),
                    !article.active(), BigDecimal.valueOf(article.stock()), BigDecimal.ZERO, null, null, now, now));
        }
    }

    private static EconomicProduct fee(String number, String name, Instant now) {
        return new EconomicProduct(number, name, PRODUCT_GROUP_FEES, UNIT_PIECE, BigDecimal.ZERO.setScale(2), null, null,
                null, null, false, BigDecimal.ZERO, BigDecimal.ZERO, null, null, now, now);
    }

    static int productGroup(DemoCatalog.VatClass vatClass) {
        return switch (vatClass) {
            case STANDARD -> PRODUCT_GROUP_STANDARD;
            case FOOD -> PRODUCT_GROUP_FOOD;
            case BOOKS -> PRODUCT_GROUP_BOOKS;
        };
    }

    /** A customer POST body for one of the demo shop's customers, for tests and examples. */
    public static ObjectNode customerBody(DemoCatalog.Customer customer) {
        ObjectNode body = Json.object();
        boolean swedish = customer.country().equals("SE");
        boolean eu = List.of("DK", "DE", "FI").contains(customer.country());
        body.put("name", customer.kind() == DemoCatalog.CustomerKind.B2B ? customer.companyName()
                : customer.firstName() + " " + customer.lastName());
        body.put("currency", swedish ? "SEK" : eu ? "EUR" : customer.country().equals("NO") ? "NOK" : "GBP");
        body.putObject("customerGroup").put("customerGroupNumber", swedish
                ? customer.kind() == DemoCatalog.CustomerKind.B2B ? GROUP_BUSINESS_SE : GROUP_PRIVATE_SE
                : eu ? GROUP_EU : GROUP_ABROAD);
        body.putObject("paymentTerms").put("paymentTermsNumber", customer.kind() == DemoCatalog.CustomerKind.B2B
                ? TERMS_NET_30 : TERMS_CARD);
        body.putObject("vatZone").put("vatZoneNumber", swedish ? 1 : eu ? 2 : 3);
        body.put("email", customer.email());
        body.put("address", customer.address());
        body.put("zip", customer.zip());
        body.put("city", customer.city());
        body.put("country", customer.country());
        if (customer.vatNumber() != null) {
            body.put("vatNumber", customer.vatNumber());
        }
        if (customer.organisationNumber() != null) {
            body.put("corporateIdentificationNumber", customer.organisationNumber());
        }
        body.put("mobilePhone", customer.phone());
        return body;
    }
}
