package io.jesync;

import java.util.Map;
import java.util.Optional;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.settings.RuntimeSettings;
import io.jesync.admin.AdminSideSummary;
import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.demo.DemoEnvironment;
import io.jesync.store.Database;
import io.jesync.store.Migrations;
import io.jesync.store.StoreException;

/**
 * Start-up order: check every setting, then (demo only) start the simulators, then open and migrate the
 * store, then hand over to Camel. Each step that fails stops start-up with one line saying why; nothing
 * starts half-configured.
 */
public final class Bootstrap {
    static final int CONFIGURATION_ERROR = 2;
    static final int STARTUP_ERROR = 3;
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    private final Map<String, String> environment;

    public Bootstrap(Map<String, String> environment) {
        this.environment = environment;
    }

    public int run(String[] args) {
        if (java.util.Arrays.asList(args).contains("--benchmark")
                || java.util.Arrays.asList(args).contains("--benchmark-catalogue")) {
            // Self-contained: its own simulators, store and settings; nothing of this installation is read.
            return io.jesync.benchmark.Benchmark.run(args, System.out);
        }
        ConfigSource source;
        RuntimeSettings settings;
        Optional<InitialSyncCommand> initialSync;
        Optional<PreflightCommand> check;
        Optional<ReplayCommand> replay;
        try {
            source = ConfigSource.load(environment, Map.of());
            settings = RuntimeSettings.load(source);
            initialSync = InitialSyncCommand.parse(args);
            check = PreflightCommand.parse(args);
            replay = ReplayCommand.parse(args);
        } catch (ConfigurationException e) {
            return configurationError(e);
        } catch (IllegalArgumentException e) {
            System.err.println("Usage error: " + e.getMessage());
            return CONFIGURATION_ERROR;
        }

        DemoEnvironment demo = null;
        Database database = null;
        try {
            if (settings.demo()) {
                try {
                    demo = DemoEnvironment.start(settings, initialSync.isEmpty() && check.isEmpty()
                            && replay.isEmpty());
                } catch (IllegalStateException e) {
                    System.err.println("Demo error: " + e.getMessage() + (initialSync.isPresent()
                            ? alreadyRunning(settings) : " (choose free ports with simulator.economic.port /"
                            + " simulator.norce.port)"));
                    return STARTUP_ERROR;
                }
            }
            database = openStore(settings, initialSync.isPresent());
            if (database == null) {
                return STARTUP_ERROR;
            }
            // Live, the preflight reads both tenants while the store is migrated and Camel boots; routes wait for it.
            // It starts once the store has opened, so a store that cannot be reached stays the start's one line.
            EarlyPreflight early = settings.demo() || check.isPresent() || replay.isPresent() || initialSync.isPresent()
                    ? null : EarlyPreflight.start(settings);
            new Migrations(database).migrate();
            io.jesync.cluster.StoreFiles.restrict(settings.store().jdbcUrl());
            if (demo != null) {
                DemoEnvironment.emptyStore(database);
                if (settings.payments().anyEnabled()) {
                    demo.paymentsThroughJournal(io.jesync.simulator.economic.EconomicSeed.JOURNAL_DAYBOOK);
                }
            }
            if (check.isPresent()) {
                // Reads both tenants, prints what does not fit and exits; nothing starts.
                return check.get().run(settings, database, System.out);
            }
            if (replay.isPresent()) {
                // Prints what would be sent for one order and exits; nothing is written.
                return replay.get().run(settings, database, java.nio.file.Path.of(source.get("plugins.routes-dir")
                        .orElse("routes")), System.out);
            }
            if (initialSync.isPresent()) {
                // A one-off job: it runs, prints its report and exits; no schedule or server starts.
                return initialSync.get().run(settings, database, System.out);
            }

            Main main = camelMain(source, settings, database, demo);
            if (early != null) {
                main.bind(EarlyPreflight.BINDING, early);
            }
            closeWithCamel(main, settings, database, demo);
            main.run(args);
            return main.getExitCode();
        } catch (ConfigurationException e) {
            return configurationError(e);
        } catch (IllegalArgumentException e) {
            System.err.println("Usage error: " + e.getMessage());
            return CONFIGURATION_ERROR;
        } catch (StoreException e) {
            System.err.println("Store error: " + e.getMessage());
            return STARTUP_ERROR;
        } catch (Exception e) {
            LOG.error("Start-up failed: {}", e.getMessage(), e);
            return STARTUP_ERROR;
        } finally {
            if (database != null) {
                database.close();
            }
            if (demo != null) {
                demo.close();
            }
        }
    }

    /**
     * Opens the store, or says in one line why it cannot: the URL (its password masked) and the root cause, rather
     * than the connection pool's stack trace. An H2 file held by a running service is named as such, with what to
     * run instead.
     */
    private static Database openStore(RuntimeSettings settings, boolean job) {
        String password = settings.store().password().map(io.jesync.config.Secret::reveal).orElse("");
        try {
            return new Database(settings.store().jdbcUrl(), settings.store().username(), password);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("store.jdbc-url", e.getMessage());
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            why = why.lines().findFirst().orElse("").strip();
            if (!password.isEmpty()) {
                why = why.replace(password, "****");
            }
            String url = StoreUrls.withoutPassword(settings.store().jdbcUrl());
            if (held(e)) {
                System.err.println("Store error: " + url + " is in use by a running service (H2 lets one process"
                        + " open it)" + (job ? alreadyRunning(settings) : "; stop that service first"));
            } else {
                System.err.println("Store error: cannot open " + url + ": " + why);
            }
            return null;
        }
    }

    /** H2's "database may be already in use" (error 90020, "the file is locked"): another process holds the file. */
    private static boolean held(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020
                    || String.valueOf(t.getMessage()).contains("The file is locked")) {
                return true;
            }
        }
        return false;
    }

    /** What to run instead of {@code --initial-sync} while the service runs: the same job through its admin API. */
    private static String alreadyRunning(RuntimeSettings settings) {
        return "; while the service runs, start the initial sync through it: curl -u " + settings.admin().username()
                + " -X POST -H 'Content-Type: application/json' -H 'X-Requested-With: curl' -d '{\"direction\":\"shop-to-economic\","
                + "\"dryRun\":true}' http://" + settings.admin().host() + ":" + settings.admin().port()
                + "/api/initial-sync";
    }

    /** Every problem of the start on a line of its own, so one look at the output is enough to fix them all. */
    private static int configurationError(ConfigurationException e) {
        for (ConfigurationException problem : e.problems()) {
            System.err.println("Configuration error: " + problem.getMessage());
        }
        if (e.problems().size() > 1) {
            System.err.println(e.problems().size() + " configuration errors; nothing was started");
        }
        return CONFIGURATION_ERROR;
    }

    /** The Camel side of the runtime, with what start-up prepared bound; tests start it in-process the same way. */
    public static Main camelMain(ConfigSource source, RuntimeSettings settings, Database database,
                                 DemoEnvironment demo) {
        Main main = new Main(SyncApplication.class);
        main.bind(RuntimeBeans.SETTINGS, settings);
        main.bind(RuntimeBeans.DATABASE, database);
        main.bind("dataSource", database.dataSource());
        if (demo != null) {
            main.bind(RuntimeBeans.DEMO, demo);
        }
        camelProperties(source, settings).forEach(main::addOverrideProperty);
        reloadPlugins(main, source);
        return main;
    }

    /**
     * Ctrl-C and {@code docker stop} end the JVM from Camel's shutdown hook, so what must close cleanly (the
     * store, the demo simulators) closes when Camel reports itself stopped: after in-flight orders finished,
     * and before the JVM halts. The one line saying where the admin side listens is hooked in at the same point.
     */
    private static void closeWithCamel(Main main, RuntimeSettings settings, AutoCloseable... resources) {
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                configured.getCamelContext().getManagementStrategy().addEventNotifier(new AdminSideSummary(
                        configured.getCamelContext(), settings.admin()));
                configured.getCamelContext().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                    @Override
                    public boolean isEnabled(CamelEvent event) {
                        return event instanceof CamelEvent.CamelContextStoppedEvent;
                    }

                    @Override
                    public void notify(CamelEvent event) throws Exception {
                        for (AutoCloseable resource : resources) {
                            if (resource != null) {
                                resource.close();
                            }
                        }
                    }
                });
            }
        });
    }

    /** A plugin file changed while the runtime runs takes effect without a restart (docs/plugins.md). */
    private static void reloadPlugins(Main main, ConfigSource source) {
        java.nio.file.Path plugins = java.nio.file.Path.of(source.get("plugins.routes-dir").orElse("routes"));
        if (!java.nio.file.Files.isDirectory(plugins)) {
            return;
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                try {
                    configured.getCamelContext().addService(new io.jesync.plugin.PluginReload(plugins));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot watch the plugin folder " + plugins, e);
                }
            }
        });
    }

    /**
     * Camel's own settings: the user's {@code camel.*} keys as written, plus the admin side, which is one
     * server on {@code admin.host:admin.port} carrying health, metrics and (later) the admin API.
     */
    static Map<String, String> camelProperties(ConfigSource source, RuntimeSettings settings) {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (String key : source.keys()) {
            if (key.startsWith("camel.")) {
                source.get(key).ifPresent(value -> properties.put(key, value));
            }
        }
        String host = settings.admin().host();
        String port = Integer.toString(settings.admin().port());
        properties.put("camel.server.enabled", "true");
        properties.put("camel.server.host", host);
        properties.put("camel.server.port", port);
        properties.put("camel.management.enabled", "true");
        properties.put("camel.management.host", host);
        properties.put("camel.management.port", port);
        // HealthRoutes serves health: Camel's endpoint would show every check's details to anyone asking.
        properties.put("camel.management.health-check-enabled", "false");
        properties.put("camel.management.metrics-enabled", "true");
        // Camel's developer endpoints can read and change the running routes: never exposed.
        properties.put("camel.management.dev-console-enabled", "false");
        properties.put("camel.management.upload-enabled", "false");
        properties.put("camel.management.download-enabled", "false");
        properties.put("camel.management.send-enabled", "false");
        properties.put("camel.management.jolokia-enabled", "false");
        properties.put("camel.health.enabled", "true");
        // The admin API is declared on the REST DSL; its OpenAPI document is generated from those declarations.
        properties.put("camel.rest.component", "platform-http");
        properties.put("camel.rest.api-context-path", io.jesync.admin.AdminApiRoutes.OPENAPI_PATH);
        java.nio.file.Path plugins = java.nio.file.Path.of(source.get("plugins.routes-dir").orElse("routes"));
        if (java.nio.file.Files.isDirectory(plugins)) {
            properties.put("camel.main.routes-include-pattern", "file:" + plugins.toAbsolutePath().normalize()
                    + "/*.yaml");
        }
        return properties;
    }
}
