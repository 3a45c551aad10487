package io.jesync.simulator.norce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.DemoCatalog.Article;
import io.jesync.simulator.DemoCatalog.Channel;
import io.jesync.simulator.DemoCatalog.Customer;
import io.jesync.simulator.norce.NorceModel.CustomerInfo;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderDraft;
import io.jesync.simulator.norce.NorceModel.OrderItem;
import io.jesync.simulator.norce.NorceModel.OrderStatus;

/**
 * Places believable webshop orders into a {@link NorceSimulator} at a steady rate: private and business buyers
 * in Sweden, the EU and outside it, both channels (the European one in EUR), one to five lines over the VAT
 * classes, occasional discounts, gifts, free shipping, invoice fees and guest checkouts. The order contents are a
 * pure function of the seed and the order's position in the sequence, so two generators with the same seed
 * produce the same orders (ids and timestamps aside).
 */
public final class DemoOrderGenerator implements AutoCloseable {

    /** Deliberately broken orders, so later flows can show how they are parked. */
    public enum BadOrder { MISSING_EMAIL, UNKNOWN_ARTICLE, NEGATIVE_QUANTITY, ARTICLE_NUMBER_TOO_LONG }

    /** The generator's knobs; {@link #defaults()} is the demo's setting. */
    public record Settings(
            long seed,
            Duration interval,
            int initialStatus,
            int triggerStatus,
            double triggerShare,
            double guestShare,
            double euChannelShare,
            double discountShare,
            double giftShare,
            BigDecimal freeShippingOverSek) {

        public static Settings defaults() {
            return new Settings(42L, Duration.ofSeconds(5), OrderStatus.CONFIRMED.id(), OrderStatus.DELIVERED.id(),
                    0.15, 0.2, 0.3, 0.15, 0.05, new BigDecimal("600"));
        }

        public Settings withSeed(long newSeed) {
            return new Settings(newSeed, interval, initialStatus, triggerStatus, triggerShare, guestShare,
                    euChannelShare, discountShare, giftShare, freeShippingOverSek);
        }

        public Settings withInterval(Duration newInterval) {
            return new Settings(seed, newInterval, initialStatus, triggerStatus, triggerShare, guestShare,
                    euChannelShare, discountShare, giftShare, freeShippingOverSek);
        }
    }

    private static final java.util.Set<String> EU_MEMBERS = java.util.Set.of("AT", "BE", "BG", "HR", "CY", "CZ",
            "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK",
            "SI", "ES", "SE");
    private static final BigDecimal SHIPPING_SEK = new BigDecimal("39.20");
    private static final BigDecimal INVOICE_FEE_SEK = new BigDecimal("23.20");
    private static final String[][] GUESTS = {
            {"Lisa", "Berg", "Vasagatan 3", "111 20", "Stockholm", "SE"},
            {"Nils", "Holm", "Östra Hamngatan 9", "411 10", "Göteborg", "SE"},
            {"Jonas", "Meyer", "Hauptstraße 5", "80331", "München", "DE"},
            {"Sofie", "Jensen", "Vestergade 2", "8000", "Aarhus", "DK"},
            {"John", "Smith", "12 High Street", "SW1A 1AA", "London", "GB"},
            {"Emma", "Wilson", "350 Fifth Avenue", "10118", "New York", "US"}};

    private final NorceSimulator simulator;
    private final Settings settings;
    private final List<Article> articles;
    private final List<Customer> customers = DemoCatalog.demoCustomers();
    private final AtomicLong sequence = new AtomicLong();
    private ScheduledExecutorService scheduler;

    public DemoOrderGenerator(NorceSimulator simulator, Settings settings) {
        this.simulator = simulator;
        this.settings = settings;
        this.articles = DemoCatalog.demoArticles().stream().filter(Article::active).toList();
    }

    /** Places orders every {@code interval} until {@link #stop()}. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "norce-demo-orders");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, settings.interval().toMillis());
        scheduler.scheduleAtFixedRate(this::placeOrderNow, millis, millis, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public long placedCount() {
        return sequence.get();
    }

    public Order placeOrderNow() {
        return simulator.placeOrder(draft(sequence.getAndIncrement()));
    }

    public Order placeBadOrder(BadOrder kind) {
        OrderDraft good = draft(sequence.getAndIncrement());
        List<OrderItem> items = new ArrayList<>(good.items());
        OrderItem first = items.get(0);
        CustomerInfo buyer = good.buyer();
        switch (kind) {
            case MISSING_EMAIL -> buyer = buyer.withEmailAddress(null);
            case UNKNOWN_ARTICLE -> items.set(0, OrderItem.line("NOPE-99999", "Okänd artikel", 1, first.priceSale(),
                    BigDecimal.ZERO, first.vatRate(), null));
            case NEGATIVE_QUANTITY -> items.set(0, OrderItem.line(first.partNo(), first.productName(), -1,
                    first.priceSale(), BigDecimal.ZERO, first.vatRate(), null));
            case ARTICLE_NUMBER_TOO_LONG -> items.set(0, OrderItem.line("KAF-00001-PRESENTASK-EXTRA-STOR", first.productName(),
                    1, first.priceSale(), BigDecimal.ZERO, first.vatRate(), null));
            default -> throw new IllegalArgumentException(kind.name());
        }
        return simulator.placeOrder(new OrderDraft(good.applicationId(), good.currencyCode(), good.statusId(),
                good.paymentMethodCode(), good.buyerCustomerCode(), good.buyerCompanyCode(), buyer,
                kind == BadOrder.MISSING_EMAIL && good.shipTo() != null ? good.shipTo().withEmailAddress(null)
                        : good.shipTo(), kind == BadOrder.MISSING_EMAIL ? buyer : good.payer(), items));
    }

    /** The n-th order of this seed; its own Random keeps each order independent of thread timing. */
    OrderDraft draft(long n) {
        Random random = new Random(spread(settings.seed() * 1_000_003L + n));
        boolean eu = random.nextDouble() < settings.euChannelShare();
        Channel channel = DemoCatalog.CHANNELS.get(eu ? 1 : 0);
        boolean guest = random.nextDouble() < settings.guestShare();
        Customer customer = guest ? null : pickCustomer(random, eu);
        CustomerInfo buyer = customer != null ? info(customer) : guestInfo(random, eu);
        boolean b2b = customer != null && customer.kind() == DemoCatalog.CustomerKind.B2B;
        BigDecimal rate = eu ? NorceStore.SEK_PER_EUR : BigDecimal.ONE;
        // A correctly set-up shop charges no VAT on exports and on EU business sales with a VAT number
        // (reverse charge); every other sale carries Swedish VAT.
        boolean vatFree = !EU_MEMBERS.contains(buyer.countryCode())
                || !"SE".equals(buyer.countryCode()) && buyer.vatNo() != null && !buyer.vatNo().isBlank();

        List<OrderItem> items = new ArrayList<>();
        int lines = 1 + random.nextInt(5);
        BigDecimal subtotalSek = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            Article a = articles.get(random.nextInt(articles.size()));
            int qty = 1 + random.nextInt(3);
            BigDecimal unitSek = b2b && !eu ? a.priceExVat().multiply(new BigDecimal("0.85")) : a.priceExVat();
            BigDecimal unit = unitSek.divide(rate, 2, RoundingMode.HALF_UP);
            BigDecimal discount = random.nextDouble() < settings.discountShare()
                    ? unit.multiply(BigDecimal.valueOf(qty)).multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP)
                    : BigDecimal.ZERO.setScale(2);
            items.add(OrderItem.line(a.articleNumber(), a.name(), qty, unit, discount, vat(a.vatRate(), vatFree),
                    null));
            subtotalSek = subtotalSek.add(unitSek.multiply(BigDecimal.valueOf(qty)));
        }
        if (random.nextDouble() < settings.giftShare()) {
            Article gift = articles.get(random.nextInt(articles.size()));
            items.add(OrderItem.line(gift.articleNumber(), gift.name() + " (present)", 1, BigDecimal.ZERO.setScale(2),
                    BigDecimal.ZERO.setScale(2), vat(gift.vatRate(), vatFree), null));
        }
        boolean freeShipping = subtotalSek.compareTo(settings.freeShippingOverSek()) >= 0;
        items.add(OrderItem.line(DemoCatalog.SHIPPING_ARTICLE, "Frakt", 1,
                freeShipping ? BigDecimal.ZERO.setScale(2) : SHIPPING_SEK.divide(rate, 2, RoundingMode.HALF_UP),
                BigDecimal.ZERO.setScale(2), vat(DemoCatalog.VatClass.STANDARD.rate(), vatFree), OrderItem.FREIGHT));
        String payment = paymentMethod(random, eu, b2b);
        if (payment.equals("INVOICE")) {
            items.add(OrderItem.line(DemoCatalog.PAYMENT_FEE_ARTICLE, "Fakturaavgift", 1,
                    INVOICE_FEE_SEK.divide(rate, 2, RoundingMode.HALF_UP), BigDecimal.ZERO.setScale(2),
                    vat(DemoCatalog.VatClass.STANDARD.rate(), vatFree), OrderItem.PAYMENT_FEE));
        }
        int status = random.nextDouble() < settings.triggerShare() ? settings.triggerStatus() : settings.initialStatus();
        return new OrderDraft(channel.applicationId(), channel.currency(), status, payment,
                customer == null ? null : customer.customerCode(), b2b ? customer.organisationNumber() : null, buyer,
                buyer, buyer, List.copyOf(items));
    }

    private static BigDecimal vat(BigDecimal rate, boolean vatFree) {
        return vatFree ? BigDecimal.ZERO : rate;
    }

    /** java.util.Random's first draws follow nearby seeds closely; SplitMix64 scatters consecutive seeds. */
    private static long spread(long seed) {
        long z = seed + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private Customer pickCustomer(Random random, boolean eu) {
        List<Customer> pool = customers.stream().filter(c -> eu != c.country().equals("SE")).toList();
        return pool.get(random.nextInt(pool.size()));
    }

    private static String paymentMethod(Random random, boolean eu, boolean b2b) {
        if (b2b) {
            return "INVOICE";
        }
        double draw = random.nextDouble();
        if (draw < 0.6) {
            return "KCO";
        }
        if (draw < 0.8) {
            return "CARD";
        }
        return draw < 0.9 || eu ? "INVOICE" : "SWISH";
    }

    private static CustomerInfo info(Customer c) {
        return new CustomerInfo(c.firstName(), c.lastName(), c.email(), c.phone(), c.companyName(),
                c.organisationNumber(), c.vatNumber(), c.address(), c.zip(), c.city(), c.country());
    }

    private static CustomerInfo guestInfo(Random random, boolean eu) {
        String[] g = GUESTS[eu ? 2 + random.nextInt(4) : random.nextInt(2)];
        String email = (g[0] + "." + g[1]).toLowerCase(java.util.Locale.ROOT) + "@guest.example";
        return new CustomerInfo(g[0], g[1], email, null, null, null, null, g[2], g[3], g[4], g[5]);
    }
}
