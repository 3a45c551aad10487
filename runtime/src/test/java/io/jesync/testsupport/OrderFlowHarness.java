package io.jesync.testsupport;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import io.jesync.admin.OrderAdminService;
import io.jesync.config.ConfigSource;
import io.jesync.settings.RuntimeSettings;
import io.jesync.settings.ShopSettings;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.economic.RetryPolicy;
import io.jesync.order.BackoffSchedule;
import io.jesync.shop.IncomingOrder;
import io.jesync.order.OrderFlow;
import io.jesync.order.OrderFlowAssembly;
import io.jesync.order.OrderTransfer;
import io.jesync.reversal.OrderReversal;
import io.jesync.reversal.ReversalFlow;
import io.jesync.reversal.ReversalFlowAssembly;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.status.StatusEventSource;
import io.jesync.status.StatusFlowAssembly;
import io.jesync.observe.ApiCallMeter;
import io.jesync.store.Database;
import io.jesync.order.LedgerEntry;
import io.jesync.store.Migrations;
import io.jesync.order.OrderState;
import io.jesync.reversal.ReversalEntry;
import io.jesync.reversal.ReversalLedger;
import io.jesync.reversal.ReversalState;
import io.jesync.status.StatusLedger;
import io.jesync.store.WatermarkWindow;

/**
 * The order flow in-process against both simulators and a real store, on one movable clock: waits (back-off,
 * throttling, retry schedules) move the clock instead of sleeping, so a test runs through hours of retries in
 * seconds and the same seed gives the same run.
 */
public final class OrderFlowHarness implements AutoCloseable {
    public final SimClock clock = new SimClock();
    public final EconomicSimulator economic;
    public final NorceSimulator norce;
    public final Database database;
    public final RuntimeSettings settings;
    public final EconomicClient client;
    public final OrderFlowAssembly assembly;
    public final EconomicSchemaCheck schemaCheck;

    public OrderFlowHarness(TestDatabases.Kind kind, Path tempDir, Map<String, String> extraSettings) {
        this(kind, tempDir, extraSettings, io.jesync.plugin.PluginPoints.NONE);
    }

    /** With the plugin points the order flow calls (e.g. {@link PluginContext#points()}). */
    public OrderFlowHarness(TestDatabases.Kind kind, Path tempDir, Map<String, String> extraSettings,
                            io.jesync.plugin.PluginPoints plugins) {
        economic = new EconomicSimulator(0, 7L, clock, RuntimeSettings.DEMO_APP_SECRET_TOKEN.reveal(),
                RuntimeSettings.DEMO_AGREEMENT_GRANT_TOKEN.reveal());
        norce = NorceSimulator.demo(0, 7L, clock, RuntimeSettings.DEMO_SHOP_CLIENT_ID,
                RuntimeSettings.DEMO_SHOP_CLIENT_SECRET.reveal());
        economic.start();
        norce.start();
        schemaCheck = EconomicSchemaCheck.attach(economic);
        Map<String, String> file = new HashMap<>();
        file.put("app.environment", "demo");
        file.put("app.instance-id", "test-instance");
        file.put("shops", "se");
        file.put("shop.se.application-ids", "1001,1002");
        file.put("simulator.economic.port", Integer.toString(economic.port()));
        file.put("simulator.norce.port", Integer.toString(norce.port()));
        file.putAll(extraSettings);
        settings = RuntimeSettings.load(new ConfigSource(file, Map.of(), Map.of(), "test"));
        database = TestDatabases.fresh(kind, tempDir);
        new Migrations(database).migrate();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // Waiting moves the shared clock: the simulators' buckets refill and replay windows age as if time passed.
        client = new EconomicClient(settings.economic(), http, new ApiCallMeter(database, clock), clock,
                RateLimitGovernor.standard(clock, settings.economic().dailyCallBudget()), RetryPolicy.standard(),
                new SplittableRandom(11), clock::advance);
        assembly = OrderFlowAssembly.create(settings, database, client, http, clock, BackoffSchedule.defaults(),
                new SplittableRandom(13), plugins);
    }

    /** A generated order of {@code seed}, in the shipped trigger status. */
    public NorceModel.Order placeOrder(long seed) {
        return confirmed(new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults().withSeed(seed))
                .placeOrderNow());
    }

    /** A deliberately broken order, in the shipped trigger status. */
    public NorceModel.Order placeBadOrder(DemoOrderGenerator.BadOrder kind) {
        return confirmed(new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()).placeBadOrder(kind));
    }

    public NorceModel.Order confirmed(NorceModel.Order order) {
        norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
        return order;
    }

    /** e-conomic answers the next {@code times} draft-invoice POSTs with the given fault. */
    public void failDraftCreation(io.jesync.simulator.Fault fault, int times) {
        io.jesync.simulator.Fault[] faults = new io.jesync.simulator.Fault[times];
        java.util.Arrays.fill(faults, fault);
        economic.faults().script("POST /invoices/drafts", faults);
    }

    /**
     * The status flow on the same store, clock and Norce simulator, reading events from {@code source}. Each call
     * builds a new one with its own claim owner, as a restarted runtime would.
     */
    public StatusFlowAssembly statusFlow(StatusEventSource source) {
        return statusFlow(source, (uri, body) -> {
            throw new IllegalStateException("this test has no plugin route " + uri);
        });
    }

    public StatusFlowAssembly statusFlow(StatusEventSource source, BiFunction<String, String, Object> routes) {
        return statusFlow(source, routes, io.jesync.plugin.PluginPoints.NONE);
    }

    public StatusFlowAssembly statusFlow(StatusEventSource source, BiFunction<String, String, Object> routes,
                                         io.jesync.plugin.PluginPoints plugins) {
        return StatusFlowAssembly.create(settings, database, assembly.ledger(),
                new io.jesync.reversal.ReversalLedger(database, clock), assembly.shop(), source, routes,
                clock, BackoffSchedule.defaults(), new SplittableRandom(17), plugins);
    }

    /** The catalogue ports as the runtime builds them: on the order side's connection, routed by shop. */
    public io.jesync.shop.ShopCatalog shopCatalog(io.jesync.economic.Sleeper sleeper) {
        return assembly.shop().catalog(sleeper);
    }

    /** The admin service over this harness's store, as the runtime binds it. */
    public OrderAdminService admin() {
        return new OrderAdminService(assembly.ledger(), new StatusLedger(database, clock),
                new ReversalLedger(database, clock));
    }

    public OrderFlow flow() {
        return assembly.flow();
    }

    public ShopSettings shop() {
        return settings.shops().get(0);
    }

    /** One scheduled run of the shop's route, as the Quartz route performs it. */
    public List<OrderTransfer.Outcome> runOnce() throws Exception {
        List<OrderTransfer.Outcome> outcomes = new ArrayList<>();
        WatermarkWindow.Poll<IncomingOrder> poll = flow().poll("se");
        for (IncomingOrder order : poll.items()) {
            outcomes.add(flow().accept("se", order));
        }
        for (LedgerEntry due : flow().due("se")) {
            outcomes.add(flow().resume("se", due));
        }
        flow().commitWatermark("se", poll.watermark());
        return outcomes;
    }

    /** Runs the schedule, a minute of clock time apart, until every order in the ledger is settled. */
    public int runUntilSettled(int maxRuns) throws Exception {
        for (int run = 1; run <= maxRuns; run++) {
            runOnce();
            if (unsettled() == 0) {
                return run;
            }
            clock.advance(Duration.ofMinutes(1));
        }
        throw new AssertionError("orders still unsettled after " + maxRuns + " runs: " + assembly.ledger()
                .list("se", null, 10_000).stream().filter(e -> !settled(e.state())).map(e -> e.orderNo() + " "
                        + e.state() + " " + e.row().reason()).toList());
    }

    public long unsettled() {
        return assembly.ledger().list("se", null, 100_000).stream().filter(e -> !settled(e.state())).count();
    }

    private static boolean settled(OrderState state) {
        return state == OrderState.ACKNOWLEDGED || state == OrderState.PARKED;
    }

    // ---- Reversals (cancellations and refunds after transfer); kept apart from the order flow's methods.

    private ReversalFlowAssembly reversalAssembly;

    /** The reversal flow on the same ledger, clients and clock; built on first use, again after a restart. */
    public ReversalFlowAssembly reversals() {
        if (reversalAssembly == null) {
            reversalAssembly = ReversalFlowAssembly.create(settings, database, client, assembly, clock,
                    BackoffSchedule.defaults(), new SplittableRandom(17));
        }
        return reversalAssembly;
    }

    /** A restart of the reversal flow: the next run is done by a new process life with a new claim owner. */
    public void restartReversals() {
        reversalAssembly = null;
    }

    /** Only the detection half of a scheduled reversal run: changes are recorded, nothing is sent. */
    public List<ReversalEntry> detectReversals() throws Exception {
        ReversalFlow flow = reversals().flow();
        WatermarkWindow.Poll<IncomingOrder> poll = flow.poll("se");
        List<ReversalEntry> recorded = new ArrayList<>();
        for (IncomingOrder order : poll.items()) {
            flow.detect("se", order).ifPresent(recorded::add);
        }
        flow.commitWatermark("se", poll.watermark());
        return recorded;
    }

    /** One scheduled run of the shop's reversal route, as the Quartz route performs it. */
    public List<OrderReversal.Outcome> runReversalsOnce() throws Exception {
        detectReversals();
        List<OrderReversal.Outcome> outcomes = new ArrayList<>();
        for (ReversalEntry due : reversals().flow().due("se")) {
            outcomes.add(reversals().flow().process("se", due));
        }
        return outcomes;
    }

    /** Runs the reversal schedule, a minute of clock time apart, until no reversal needs more work. */
    public int runReversalsUntilSettled(int maxRuns) throws Exception {
        for (int run = 1; run <= maxRuns; run++) {
            runReversalsOnce();
            if (reversals().flow().due("se").isEmpty() && unsettledReversals().isEmpty()) {
                return run;
            }
            clock.advance(Duration.ofMinutes(1));
        }
        throw new AssertionError("reversals still unsettled after " + maxRuns + " runs: " + unsettledReversals());
    }

    public List<ReversalEntry> unsettledReversals() {
        List<ReversalEntry> open = new ArrayList<>();
        for (LedgerEntry order : assembly.ledger().list("se", null, 100_000)) {
            for (ReversalEntry reversal : reversals().ledger().forOrder("se", order.orderNo())) {
                if (reversal.state() != ReversalState.DONE && reversal.state() != ReversalState.PARKED) {
                    open.add(reversal);
                }
            }
        }
        return open;
    }

    @Override
    public void close() {
        schemaCheck.close();
        economic.close();
        norce.close();
        database.close();
    }
}
