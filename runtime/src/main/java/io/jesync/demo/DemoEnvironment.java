package io.jesync.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.store.Database;

/**
 * Demo mode's outside world: both simulators on loopback, seeded with the demo shop and its e-conomic
 * agreement, the generator that keeps placing shop orders, the accountant who moves their documents on in
 * e-conomic and the shop's back office that cancels and refunds now and then. Started before Camel, stopped after it.
 */
public final class DemoEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);
    /** Norce's Confirmed status, the shipped trigger status. */
    private static final int CONFIRMED = 2;

    private final EconomicSimulator economic;
    private final NorceSimulator norce;
    private final DemoOrderGenerator generator;
    private final DemoAccountant accountant;
    private final DemoShopkeeper shopkeeper;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private DemoEnvironment(EconomicSimulator economic, NorceSimulator norce, DemoOrderGenerator generator,
                            DemoAccountant accountant, DemoShopkeeper shopkeeper) {
        this.economic = economic;
        this.norce = norce;
        this.generator = generator;
        this.accountant = accountant;
        this.shopkeeper = shopkeeper;
    }

    /** The demo's whole outside world for the long-running service, announced with the demo banner. */
    public static DemoEnvironment start(RuntimeSettings settings) {
        return start(settings, true);
    }

    /**
     * @param service false for a one-off job such as {@code --initial-sync}: the seeded simulators only, without the
     *                order generator, the back office or the banner of the long-running service
     */
    public static DemoEnvironment start(RuntimeSettings settings, boolean service) {
        SimClock clock = new SimClock();
        long seed = settings.simulators().seed();
        EconomicSimulator economic = new EconomicSimulator(settings.simulators().economicPort(), seed, clock,
                settings.economic().appSecretToken().reveal(), settings.economic().agreementGrantToken().reveal());
        NorceSimulator norce = NorceSimulator.demo(settings.simulators().norcePort(), seed, clock,
                RuntimeSettings.DEMO_SHOP_CLIENT_ID, RuntimeSettings.DEMO_SHOP_CLIENT_SECRET.reveal());
        economic.start();
        try {
            norce.start();
        } catch (RuntimeException e) {
            economic.close();
            throw e;
        }
        if (!service) {
            return new DemoEnvironment(economic, norce, null, null, null);
        }
        placeBadOrders(norce, seed);
        DemoOrderGenerator generator = null;
        double perMinute = settings.simulators().ordersPerMinute();
        if (perMinute > 0) {
            Duration interval = Duration.ofMillis(Math.max(1, Math.round(60_000 / perMinute)));
            generator = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults().withSeed(seed)
                    .withInterval(interval));
            generator.start();
        }
        DemoAccountant accountant = null;
        DemoShopkeeper shopkeeper = null;
        int backOfficeSeconds = settings.simulators().accountantIntervalSeconds();
        if (backOfficeSeconds > 0) {
            accountant = new DemoAccountant(economic,
                    settings.shops().get(0).orders().mapping().referencePrefix(), seed);
            accountant.start(Duration.ofSeconds(backOfficeSeconds));
            shopkeeper = new DemoShopkeeper(norce, seed);
            shopkeeper.start(Duration.ofSeconds(backOfficeSeconds));
        }
        DemoEnvironment demo = new DemoEnvironment(economic, norce, generator, accountant, shopkeeper);
        demo.announce(settings, perMinute);
        return demo;
    }

    /**
     * With the payment flow on, the shop's payments reach e-conomic as journal entries: the accountant books the
     * journal instead of paying invoices by hand, so booked invoices become paid without anyone typing.
     */
    public void paymentsThroughJournal(int journalNumber) {
        if (accountant != null) {
            accountant.bookJournalInsteadOfPaying(journalNumber);
        }
    }

    /**
     * One order of each kind a real shop sends now and then, in a trigger status, so the demo shows how
     * orders are parked with a reason instead of failing silently or blocking the rest.
     */
    private static void placeBadOrders(NorceSimulator norce, long seed) {
        DemoOrderGenerator bad = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()
                .withSeed(seed + 1));
        for (DemoOrderGenerator.BadOrder kind : DemoOrderGenerator.BadOrder.values()) {
            norce.setOrderStatus(bad.placeBadOrder(kind).id(), CONFIRMED);
        }
    }

    private void announce(RuntimeSettings settings, double perMinute) {
        String admin = "http://" + settings.admin().host() + ":" + settings.admin().port();
        LOG.info("DEMO MODE: built-in simulators only, nothing leaves this machine (app.environment=demo)");
        LOG.info("  e-conomic simulator   {}   (state: {}/_sim/economic/documents)", economic.baseUrl(),
                economic.baseUrl());
        LOG.info("  Norce simulator       {}   (state: {}/_sim/norce/orders)", norce.baseUrl(), norce.baseUrl());
        LOG.info("  demo shop orders      {} per minute", perMinute);
        LOG.info("  demo back office      books, pays and cancels in e-conomic, cancels and refunds in the shop,"
                + " every {} s", settings.simulators().accountantIntervalSeconds());
        LOG.info("  web console           {}/console   (admin API {}/api/orders, health {}/observe/health)", admin,
                admin, admin);
        if (settings.admin().demoPassword()) {
            LOG.info("  admin credentials     user {}, password {} (demo only; set ADMIN_PASSWORD to choose one)",
                    settings.admin().username(), settings.admin().password().reveal());
        } else {
            LOG.info("  admin credentials     user {}, password from ADMIN_PASSWORD or admin.password-file",
                    settings.admin().username());
        }
        LOG.info("  stop with Ctrl-C");
    }

    /**
     * Empties the store's state tables (not the migration history). The simulators start empty on every run and
     * their seeded order numbers repeat, so state kept from an earlier demo run would name orders and documents
     * these simulators never held: the order flow would skip the new orders as already transferred and the status
     * flow would see every old document as deleted. Only an H2 store is emptied; a demo pointed at PostgreSQL is
     * left alone, because that database may hold something worth more than a demo.
     */
    public static int emptyStore(Database database) {
        if (database.vendor() != Database.Vendor.H2) {
            return 0;
        }
        int rows = 0;
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
            for (String table : tables) {
                if (!table.equalsIgnoreCase("schema_version") && !table.equalsIgnoreCase("flyway_schema_history")) {
                    rows += statement.executeUpdate("DELETE FROM \"" + table + "\"");
                }
            }
            statement.execute("SET REFERENTIAL_INTEGRITY TRUE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the demo store " + database.url() + ": " + e.getMessage(), e);
        }
        if (rows > 0) {
            LOG.info("Demo store emptied ({} rows of an earlier demo run): the simulators start empty on every run",
                    rows);
        }
        return rows;
    }

    public EconomicSimulator economic() {
        return economic;
    }

    public NorceSimulator norce() {
        return norce;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (generator != null) {
            generator.close();
        }
        if (accountant != null) {
            accountant.close();
        }
        if (shopkeeper != null) {
            shopkeeper.close();
        }
        norce.close();
        economic.close();
        LOG.info("Demo simulators stopped");
    }
}
