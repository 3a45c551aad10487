package io.jesync;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.OnCamelContextStarted;
import org.apache.camel.spi.OnCamelContextStopped;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import io.jesync.settings.ShopSettings;
import io.jesync.settings.RuntimeSettings;
import io.jesync.admin.AdminGuard;
import io.jesync.admin.ArticleAdminService;
import io.jesync.observe.FlowItems;
import io.jesync.observe.FlowRuns;
import io.jesync.observe.FlowsView;
import io.jesync.admin.OrderAdminService;
import io.jesync.admin.RouteTracing;
import io.jesync.alert.AlertMonitor;
import io.jesync.alert.WebhookSender;
import io.jesync.cluster.ClusteredScheduler;
import io.jesync.cluster.InstanceDirectory;
import io.jesync.cluster.InstanceHealthCheck;
import io.jesync.cluster.Retention;
import io.jesync.cluster.ScheduledRunLog;
import io.jesync.config.ConfigurationException;
import io.jesync.economic.EconomicAgreement;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicException;
import io.jesync.economic.Sleeper;
import io.jesync.observe.Connections;
import io.jesync.observe.RemoteAuthHealthCheck;
import io.jesync.observe.StoreHealthCheck;
import io.jesync.observe.RuntimeMetrics;
import io.jesync.order.BackoffSchedule;
import io.jesync.order.OrderFlowAssembly;
import io.jesync.payment.PaymentFlow;
import io.jesync.plugin.CamelPluginRoutes;
import io.jesync.plugin.PluginBody;
import io.jesync.plugin.PluginPoints;
import io.jesync.payment.PaymentFlowAssembly;
import io.jesync.payment.PaymentMetrics;
import io.jesync.payment.PaymentReconciler;
import io.jesync.payment.PaymentSettings;
import io.jesync.preflight.EconomicPreflight;
import io.jesync.preflight.Preflight;
import io.jesync.preflight.PreflightHealthCheck;
import io.jesync.preflight.PreflightService;
import io.jesync.product.ProductFlowAssembly;
import io.jesync.reconcile.DayReconciler;
import io.jesync.reconcile.OrderReconciler;
import io.jesync.reconcile.Reconciliation;
import io.jesync.reversal.ReversalFlowAssembly;
import io.jesync.reversal.ReversalLedger;
import io.jesync.shop.ShopCatalog;
import io.jesync.status.EconomicStatusEvents;
import io.jesync.status.StatusFlowAssembly;
import io.jesync.stock.StockPriceAssembly;
import io.jesync.stock.StockPriceObservability;
import io.jesync.stock.StockPriceReconciler;
import io.jesync.stock.StockPriceRoutes;
import io.jesync.alert.AlertStore;
import io.jesync.order.AgreementFit;
import io.jesync.order.OrderFlow;
import io.jesync.observe.ApiCallMeter;
import io.jesync.store.WatermarkStore;
import io.jesync.store.InstancePresence;
import io.jesync.stock.ArticleSyncStore;
import io.jesync.store.Database;
import io.jesync.store.DatabaseClock;
import io.jesync.store.ParkedItems;
import io.jesync.reconcile.ReconciliationStore;
import io.jesync.store.SupportQueries;

/**
 * Wires the runtime from what {@link Bootstrap} bound before Camel started (settings, database, demo
 * simulators): the remote clients, the stores, the order and status flows and the health checks.
 */
@Configuration
public class RuntimeBeans implements CamelConfiguration {
    public static final String SETTINGS = "runtimeSettings";
    public static final String DATABASE = "database";
    public static final String DEMO = "demoEnvironment";
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeBeans.class);

    private static final Duration AUTH_CHECK_CACHE = Duration.ofSeconds(60);
    private static final Duration STORE_CHECK_DEADLINE = Duration.ofSeconds(3);
    /** The instance heartbeat; a start after a crash watches three of them before it takes the id over. */
    private static final Duration BEAT = Duration.ofSeconds(3);

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        RuntimeSettings settings = registry.lookupByNameAndType(SETTINGS, RuntimeSettings.class);
        Database database = registry.lookupByNameAndType(DATABASE, Database.class);
        if (settings == null || database == null) {
            throw new IllegalStateException("settings and database must be bound before Camel starts");
        }
        // Instances compare the times they write (leases, heartbeats, retries): all go by the store's clock.
        DatabaseClock clock = DatabaseClock.of(database);

        // Before any route is built, so every step of every route can be traced when support switches it on.
        RouteTracing tracing = new RouteTracing(clock, settings.admin().traceCapacity());
        context.getCamelContextExtension().addInterceptStrategy(tracing);
        // Through the tracer, so support sees a traced flow's calls to e-conomic and Norce.
        HttpClient http = tracing.traced(HttpClient.newBuilder()
                .connectTimeout(settings.economic().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        ApiCallMeter meter = new ApiCallMeter(database, clock);
        EconomicClient economic = EconomicClient.standard(settings.economic(), http, meter, clock);
        if (settings.demo()) {
            // Live, the preflight below reports this and holds back only the order flow.
            checkAgreement(economic, settings);
        }
        // Before any flow releases the claims of "earlier lives" of this instance id: they must really be dead.
        InstanceDirectory instances = new InstanceDirectory(database.dataSource(), clock, settings.instanceId(),
                ClusteredScheduler.modeFor(database));
        enterPresence(context, database, clock, settings.instanceId(), instances);
        ClusteredScheduler.install(context, database, settings.instanceId(), settings.shops().size());
        registry.bind("instanceDirectory", instances);
        HealthCheckRegistry.get(context).register(new InstanceHealthCheck(instances, clock::skew));
        context.getManagementStrategy().addEventNotifier(new ScheduledRunLog(database.dataSource(), clock,
                settings.instanceId()));
        registry.bind("retention", new Retention(database.dataSource(), clock, settings.store().retention()));
        // Plugin routes are looked up on every call, so what the plugin folder holds when an item runs counts.
        PluginPoints pluginPoints = new PluginPoints(new CamelPluginRoutes(context));
        registry.bind("pluginPoints", pluginPoints);
        registry.bind("pluginBody", new PluginBody());
        // Norce gets a client of its own: its connect timeout is Norce's setting, not e-conomic's.
        HttpClient shopHttp = tracing.traced(settings.shopClient().newHttpClient());
        OrderFlowAssembly orders = OrderFlowAssembly.create(settings, database, economic, shopHttp, clock,
                BackoffSchedule.defaults(), new SplittableRandom(), pluginPoints);
        PreflightService preflight = new PreflightService(new Preflight(settings, new EconomicPreflight(economic),
                orders.shop().tenantCheck(), clock), settings);
        EarlyPreflight early = registry.lookupByNameAndType(EarlyPreflight.BINDING, EarlyPreflight.class);
        if (early != null) {
            preflight.adopt(early.report());
        } else if (!settings.demo()) {
            // Reads both tenants while the rest is assembled; awaited below, before any route can start.
            preflight.startChecking();
        }
        // Plugin routes that find tracking numbers are called like any endpoint; the template is started here.
        ProducerTemplate plugins = context.createProducerTemplate();
        StatusFlowAssembly status = StatusFlowAssembly.create(settings, database, orders.ledger(),
                new ReversalLedger(database, clock), orders.shop(),
                new EconomicStatusEvents(economic), plugins::requestBody, clock, BackoffSchedule.defaults(),
                new SplittableRandom(), pluginPoints);
        ReversalFlowAssembly reversals = ReversalFlowAssembly.create(settings, database, economic, orders, clock,
                BackoffSchedule.defaults(), new SplittableRandom());

        // On the connections (and token caches) the order side opened, one per platform in use.
        ShopCatalog catalog = orders.shop().catalog(Sleeper.REAL);
        ProductFlowAssembly products = ProductFlowAssembly.create(settings, database, economic, catalog.products(),
                clock, pluginPoints);

        registry.bind("clock", clock);
        registry.bind("productFlow", products.flow());
        registry.bind("productStore", products.store());
        registry.bind("initialSyncService", products.service());
        registry.bind("economicClient", economic);
        registry.bind("orderLedger", orders.ledger());
        registry.bind("orderAdminService", new OrderAdminService(orders.ledger(), status.ledger(), reversals.ledger(),
                clock, economic::findDocumentsByReference));
        SupportQueries queries = new SupportQueries(database);
        registry.bind("orderItems", FlowItems.of("orders", shop -> queries.countByState("order_ledger", shop)));
        registry.bind("statusActionItems", FlowItems.of("statusActions",
                shop -> queries.countByState("status_action", shop)));
        registry.bind("reversalItems", FlowItems.of("reversals", shop -> queries.countByState("order_reversal", shop)));
        FlowRuns runs = new FlowRuns(clock);
        context.getManagementStrategy().addEventNotifier(runs);
        registry.bind("flowRuns", runs);
        ParkedItems parked = new ParkedItems(database);
        registry.bind("parkedItems", parked);
        registry.bind("articleAdminService", new ArticleAdminService(products.store(),
                new ArticleSyncStore(database, clock), parked));
        registry.bind("flowsView", new FlowsView(context, settings, runs, queries, meter, economic.governor(), clock));
        registry.bind("routeTracing", tracing);
        if (settings.alerts().enabled()) {
            FlowsView flowsView = registry.lookupByNameAndType("flowsView", FlowsView.class);
            registry.bind("alertMonitor", new AlertMonitor(settings.alerts(), settings.instanceId(),
                    new AlertMonitor.Sources() {
                        @Override
                        public List<FlowsView.Flow> flows() {
                            return flowsView.flows();
                        }

                        @Override
                        public java.time.Instant watchingSince() {
                            return runs.since();
                        }

                        @Override
                        public long economicCallsToday() {
                            return meter.today("economic").calls();
                        }

                        @Override
                        public int economicDailyBudget() {
                            return settings.economic().dailyCallBudget();
                        }
                    }, queries, new AlertStore(database, clock), new WebhookSender(http,
                    settings.alerts().webhookUrl().orElseThrow(), settings.alerts().webhookToken()), clock));
        }
        registry.bind("orderFlow", orders.flow());
        registry.bind("orderReplay", new io.jesync.order.OrderReplay(settings, orders.ledger(), orders.shop(),
                pluginPoints));
        registry.bind("statusLedger", status.ledger());
        registry.bind("statusFlow", status.flow());
        registry.bind("reversalFlow", reversals.flow());
        PaymentFlowAssembly payments = bindPayments(registry, settings, database, economic,
                orders.shop()::snapshot, clock);
        StockPriceAssembly stock = null;
        if (settings.shops().stream().anyMatch(shop -> shop.stockPrices().enabled())) {
            stock = StockPriceAssembly.create(settings, database, economic, http, catalog.stockAndPrices(), clock,
                    Sleeper.REAL, pluginPoints);
            registry.bind("stockPriceFlow", stock.flow());
            // A stop waits for the running tick; once it began, the tick sends no more imports to a shop that hangs.
            stock.flow().stopSendingWhen(context::isStopping);
            registry.bind("articleSyncStore", stock.store());
        }
        List<DayReconciler> reconcilers = new java.util.ArrayList<>(List.of(new OrderReconciler(
                orders.shop(), orders.ledger(), reversals.ledger(), economic,
                shopId -> new WatermarkStore(database, clock).getInstant(OrderFlow.WATERMARK, shopId))));
        if (stock != null) {
            reconcilers.add(new StockPriceReconciler(stock.reader(), stock.store(),
                    new io.jesync.stock.StockPricePlugins(pluginPoints)));
        }
        reconcilers.add(new PaymentReconciler(payments.flow(), payments.ledger(), payments.sources(), economic));
        registry.bind("reconciliation", new Reconciliation(settings, reconcilers,
                new ReconciliationStore(database, clock), meter, clock));

        bindMetricsOnStart(context, settings, orders, payments, economic, stock, clock);
        registry.bind("shopPlatforms", orders.shop());
        guardAdminSide(context, settings, orders.shop().callbackPaths(settings.shops()));

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.register(new StoreHealthCheck(database.dataSource(), STORE_CHECK_DEADLINE));
        registry.bind("preflight", preflight);
        health.register(new PreflightHealthCheck(preflight));
        if (!settings.demo()) {
            try {
                preflight.holdBackBlockedFlows(context);
                if (early != null) {
                    early.countInto(meter);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the preflight", e);
            }
        }
        if (stock != null) {
            health.register(new StockPriceObservability.PacingHealthCheck(stock.flow()));
        }
        List<RemoteAuthHealthCheck> connections = new ArrayList<>();
        connections.add(new RemoteAuthHealthCheck("economic-auth", "e-conomic", () -> {
            EconomicAgreement agreement;
            try {
                agreement = economic.self();
            } catch (io.jesync.economic.EconomicException e) {
                throw new IllegalStateException(e.summary(), e); // the cause and fix, without the call's trace
            }
            // The inventory module may have been switched on since start-up: then the order flow cannot work.
            AgreementFit.problem(agreement, settings).ifPresent(problem -> {
                throw new IllegalStateException(problem.setting() + " " + problem.message());
            });
            return "agreement " + agreement.agreementNumber() + " (" + agreement.companyName() + ")";
        }, true, AUTH_CHECK_CACHE, clock));
        for (ShopSettings shop : settings.shops()) {
            connections.add(new RemoteAuthHealthCheck("shop-" + shop.id() + "-auth", "shop " + shop.id(), () -> {
                orders.shop().checkCredentials(shop);
                return "shop " + shop.id() + " accepts the runtime's credentials";
            }, false, AUTH_CHECK_CACHE, clock));
        }
        connections.forEach(health::register);
        Connections watch = new Connections(connections);
        registry.bind("connections", watch);
        context.getExecutorServiceManager().newSingleThreadScheduledExecutor(watch, "connection-watch")
                .scheduleWithFixedDelay(watch::recheckDown, 10, 10, TimeUnit.SECONDS);
    }

    /** The payment flow of every shop (shop.<id>.payments.*); its routes run only where a shop switched it on. */
    private static PaymentFlowAssembly bindPayments(Registry registry, RuntimeSettings settings, Database database,
                                                    EconomicClient economic, PaymentFlow.Snapshots snapshots,
                                                    Clock clock) {
        PaymentSettings.Shops payments = settings.payments();
        PaymentFlowAssembly assembly = PaymentFlowAssembly.create(settings, payments.byShop(), database, economic,
                snapshots, clock, BackoffSchedule.defaults(),
                new SplittableRandom());
        registry.bind("paymentFlow", assembly.flow());
        registry.bind("paymentLedger", assembly.ledger());
        registry.bind("paymentItems", FlowItems.of("payments", assembly.ledger()::countByState));
        return assembly;
    }

    /**
     * The admin port's HTTP server is up once Camel's services started; the guard goes in front of it before any
     * route starts taking requests.
     */
    private static void guardAdminSide(CamelContext context, RuntimeSettings settings, Set<String> callbackPaths) {
        Set<String> selfGuarded = new java.util.HashSet<>(callbackPaths);
        settings.stockSync().webhookToken().ifPresent(token -> selfGuarded.add(StockPriceRoutes.STOCK_WEBHOOK_PATH));
        try {
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarting(CamelContext starting, boolean alreadyStarted) {
                    AdminGuard.install(starting, settings.admin(), selfGuarded, Clock.systemUTC());
                }

                @Override
                public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                    // the guard is in place before the routes start
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot guard the admin side", e);
        }
    }

    /**
     * Camel's Prometheus support creates its registry (bound as {@code metricsRegistry}) while the context starts;
     * the runtime's gauges join it then, so they appear on the same {@code /observe/metrics}.
     */
    private static void bindMetricsOnStart(CamelContext context, RuntimeSettings settings, OrderFlowAssembly orders,
                                           PaymentFlowAssembly payments, EconomicClient economic,
                                           StockPriceAssembly stock, Clock clock) {
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt((OnCamelContextStarted) started -> {
            MeterRegistry metrics = context.getRegistry().lookupByNameAndType("metricsRegistry",
                    MeterRegistry.class);
            if (metrics == null) {
                LOG.warn("No metrics registry: the runtime's order, payment and budget gauges are not published");
                return;
            }
            RuntimeMetrics.bind(metrics, settings, orders.ledger(), economic.governor(), clock);
            PaymentMetrics.bind(metrics, settings.shops().stream().map(ShopSettings::id).toList(),
                    payments.ledger(), clock);
            if (stock != null) {
                StockPriceObservability.bindMetrics(metrics, stock.flow());
            }
        }));
    }

    /**
     * Refuses to start while another process with the same instance id is alive, then beats for this life every
     * {@link #BEAT} (renewing its claims) until the context stops, and gives the id back then.
     */
    private static void enterPresence(CamelContext context, Database database, DatabaseClock clock, String instanceId,
                                      InstanceDirectory directory) {
        String owner = instanceId + "#" + Long.toHexString(new SplittableRandom().nextLong() & Long.MAX_VALUE);
        InstancePresence presence = new InstancePresence(database, clock, instanceId, owner);
        try {
            presence.enter(3, () -> Thread.sleep(BEAT.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for another instance", e);
        } catch (InstancePresence.InUseException e) {
            throw new ConfigurationException("app.instance-id", e.getMessage());
        }
        try {
            directory.describe(owner, InstanceHealthCheck.hostName(), InstanceHealthCheck.version());
        } catch (java.sql.SQLException e) {
            LOG.warn("Instance {} could not record its host and version: {}", instanceId, e.getMessage());
        }
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "instance-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        beats.scheduleWithFixedDelay(() -> {
            try {
                clock.sync();
            } catch (java.sql.SQLException e) {
                LOG.debug("Instance {} could not read the store's clock: {}", instanceId, e.getMessage());
            }
            try {
                if (!presence.beat()) {
                    LOG.error("Another process took over app.instance-id '{}' while this one stalled: its claims may"
                            + " be taken over; stop this process", instanceId);
                }
            } catch (RuntimeException e) {
                LOG.warn("Heartbeat of instance {} failed: {}", instanceId, e.getMessage());
            }
        }, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt((OnCamelContextStopped) stopped -> {
            beats.shutdownNow();
            try {
                presence.leave();
            } catch (RuntimeException e) {
                LOG.warn("Instance {} could not give its id back: {}", instanceId, e.getMessage());
            }
        }));
    }

    /**
     * e-conomic refuses {@code /orders} writes on agreements with the inventory module, so a shop configured
     * to create orders there would park every order: refuse to start instead. An agreement that cannot be
     * reached now is checked again by the health check; start-up goes on.
     */
    private static void checkAgreement(EconomicClient economic, RuntimeSettings settings) {
        EconomicAgreement agreement;
        try {
            agreement = economic.self();
        } catch (EconomicException e) {
            LOG.warn("e-conomic could not be checked at start-up: {}", e.summary());
            return;
        }
        AgreementFit.problem(agreement, settings).ifPresent(problem -> {
            throw new ConfigurationException(problem.setting(), problem.message());
        });
    }
}
