package io.jesync.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The believable Swedish shop both simulators are seeded with: the same article numbers, names, VAT rates and
 * prices on the shop side and in e-conomic, so the demo and the tests start from a matched catalogue.
 * Deterministic for a given size and seed; {@link #generate} also makes the large catalogues of the benchmarks.
 */
public final class DemoCatalog {

    /** Swedish VAT classes: standard goods, food, books and newspapers. */
    public enum VatClass {
        STANDARD(new BigDecimal("25")), FOOD(new BigDecimal("12")), BOOKS(new BigDecimal("6"));

        private final BigDecimal rate;

        VatClass(BigDecimal rate) {
            this.rate = rate;
        }

        public BigDecimal rate() {
            return rate;
        }
    }

    /** One sellable SKU. Prices are ex VAT in SEK with two decimals. */
    public record Article(
            String articleNumber,
            String name,
            String category,
            VatClass vatClass,
            BigDecimal priceExVat,
            BigDecimal costPrice,
            String ean,
            int stock,
            boolean active) {

        public BigDecimal vatRate() {
            return vatClass.rate();
        }
    }

    public enum CustomerKind { B2C, B2B }

    /** A shop customer. {@code country} is ISO 3166-1 alpha-2; {@code vatNumber} only for companies. */
    public record Customer(
            String customerCode,
            CustomerKind kind,
            String firstName,
            String lastName,
            String companyName,
            String organisationNumber,
            String vatNumber,
            String email,
            String phone,
            String address,
            String zip,
            String city,
            String country) {
    }

    /** A sales channel of the shop (a Norce application). */
    public record Channel(int applicationId, String name, String currency, String culture, String country) {
    }

    public static final List<Channel> CHANNELS = List.of(
            new Channel(1001, "Webbshop Sverige", "SEK", "sv-SE", "SE"),
            new Channel(1002, "Webshop Europe", "EUR", "en-GB", "DE"));

    /** The fee articles the shop books shipping and payment fees on. */
    public static final String SHIPPING_ARTICLE = "FRAKT";
    public static final String PAYMENT_FEE_ARTICLE = "AVGIFT";

    private static final String[][] CATEGORIES = {
            {"Kaffe", "FOOD", "Bryggkaffe|Espressobönor|Mellanrost|Mörkrost|Kaffe Ekologisk|Kapslar Lungo"},
            {"Te", "FOOD", "Grönt te|Earl Grey|Rooibos|Chai|Örtte Kamomill|Svart te Assam"},
            {"Choklad", "FOOD", "Mörk choklad 70%|Mjölkchoklad|Kakao|Chokladkaka Hallon|Praliner"},
            {"Köksredskap", "STANDARD", "Kaffekvarn|Mjölkskummare|Pressobryggare|Termos|Vattenkokare|Kaffefilter"},
            {"Porslin", "STANDARD", "Kaffekopp|Temugg|Espressokopp|Fat|Tekanna|Sockerskål"},
            {"Textil", "STANDARD", "Kökshandduk|Förkläde|Grytlapp|Duk Linne|Servett"},
            {"Böcker", "BOOKS", "Kaffeboken|Te för nybörjare|Baka med choklad|Fika på svenska|Barista-handboken"},
    };
    private static final String[] VARIANTS = {"250 g", "500 g", "1 kg", "Svart", "Vit", "Grå", "Liten", "Stor", "Blå",
            "Röd", "Natur", "Presentask"};

    private DemoCatalog() {
    }

    /** The demo shop: a few hundred articles. */
    public static List<Article> demoArticles() {
        return generate(320, 4711L);
    }

    /**
     * Generates {@code count} articles. Article numbers are unique and at most 25 characters (e-conomic's
     * product number limit); about 2% are inactive in the shop.
     */
    public static List<Article> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Article> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] category = CATEGORIES[i % CATEGORIES.length];
            String[] names = category[2].split("\\|");
            String baseName = names[(i / CATEGORIES.length) % names.length];
            String variant = VARIANTS[(i / (CATEGORIES.length * names.length)) % VARIANTS.length];
            VatClass vat = VatClass.valueOf(category[1]);
            BigDecimal price = BigDecimal.valueOf(19 + random.nextInt(780)).add(BigDecimal.valueOf(random.nextInt(100), 2))
                    .setScale(2, RoundingMode.HALF_UP);
            BigDecimal cost = price.multiply(new BigDecimal("0.55")).setScale(2, RoundingMode.HALF_UP);
            String prefix = category[0].substring(0, Math.min(3, category[0].length()));
            String number = String.format("%s-%05d", prefix.toUpperCase(java.util.Locale.ROOT)
                    .replace('Ö', 'O').replace('Ä', 'A').replace('Å', 'A'), i + 1);
            String ean = ean13("735" + String.format("%09d", 100_000 + i));
            articles.add(new Article(number, baseName + " " + variant, category[0], vat, price, cost, ean,
                    random.nextInt(60), random.nextInt(50) != 0));
        }
        return articles;
    }

    /** Shop customers: private and business buyers in Sweden, elsewhere in the EU and outside it. */
    public static List<Customer> demoCustomers() {
        return List.of(
                new Customer("C-1001", CustomerKind.B2C, "Anna", "Lindqvist", null, null, null, "anna.lindqvist@example.se",
                        "+46701234567", "Storgatan 12", "111 22", "Stockholm", "SE"),
                new Customer("C-1002", CustomerKind.B2C, "Johan", "Åberg", null, null, null, "johan.aberg@example.se",
                        "+46702345678", "Kungsgatan 5", "411 19", "Göteborg", "SE"),
                new Customer("C-1003", CustomerKind.B2C, "Märta", "Öhman", null, null, null, "marta.ohman@example.se",
                        "+46703456789", "Lilla Torg 3", "211 34", "Malmö", "SE"),
                new Customer("C-1004", CustomerKind.B2B, "Erik", "Sjöberg", "Kafé Sjöberg AB", "556677-8899",
                        "SE556677889901", "inkop@kafesjoberg.example.se", "+4681234567", "Drottninggatan 40", "111 51",
                        "Stockholm", "SE"),
                new Customer("C-1005", CustomerKind.B2B, "Sara", "Nyström", "Nyström Catering AB", "559012-3456",
                        "SE559012345601", "order@nystromcatering.example.se", "+46311234567", "Avenyn 8", "411 36",
                        "Göteborg", "SE"),
                new Customer("C-2001", CustomerKind.B2C, "Mette", "Hansen", null, null, null, "mette.hansen@example.dk",
                        "+4520123456", "Nørregade 7", "1165", "København", "DK"),
                new Customer("C-2002", CustomerKind.B2B, "Lukas", "Becker", "Kaffeehaus Becker GmbH", "HRB 12345",
                        "DE123456789", "einkauf@kaffeehaus-becker.example.de", "+49301234567", "Friedrichstraße 100",
                        "10117", "Berlin", "DE"),
                new Customer("C-2003", CustomerKind.B2C, "Aino", "Virtanen", null, null, null, "aino.virtanen@example.fi",
                        "+358401234567", "Mannerheimintie 10", "00100", "Helsinki", "FI"),
                new Customer("C-3001", CustomerKind.B2C, "Ola", "Nordmann", null, null, null, "ola.nordmann@example.no",
                        "+4791234567", "Karl Johans gate 1", "0154", "Oslo", "NO"),
                new Customer("C-3002", CustomerKind.B2B, "Emily", "Clarke", "Clarke Coffee Ltd", "09876543", "GB987654321",
                        "orders@clarkecoffee.example.co.uk", "+442071234567", "1 Baker Street", "NW1 6XE", "London",
                        "GB"));
    }

    static String ean13(String twelveDigits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = twelveDigits.charAt(i) - '0';
            sum += (i % 2 == 0) ? digit : digit * 3;
        }
        return twelveDigits + ((10 - sum % 10) % 10);
    }
}
