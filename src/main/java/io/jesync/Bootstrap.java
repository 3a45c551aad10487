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

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.RuntimeSettings;
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
        ConfigSource source;
        RuntimeSettings settings;
        try {
            source = ConfigSource.load(environment, Map.of());
            settings = RuntimeSettings.load(source);
        } catch (ConfigurationException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return CONFIGURATION_ERROR;
        }

        DemoEnvironment demo = null;
        Database database = null;
        try {
            if (settings.demo()) {
                try {
                    demo = DemoEnvironment.start(settings);
                } catch (IllegalStateException e) {
                    System.err.println("Demo error: " + e.getMessage()
                            + " (choose free ports with simulator.economic.port / simulator.norce.port)");
                    return STARTUP_ERROR;
                }
            }
            database = new Database(settings.store().jdbcUrl(), settings.store().username(),
                    settings.store().password().map(io.jesync.config.Secret::reveal).orElse(""));
            new Migrations(database).migrate();
            if (demo != null) {
                DemoEnvironment.emptyStore(database);
                if (io.jesync.payment.PaymentSettings.loadAll(source, settings).anyEnabled()) {
                    demo.paymentsThroughJournal(io.jesync.simulator.economic.EconomicSeed.JOURNAL_DAYBOOK);
                }
            }
            Optional<InitialSyncCommand> initialSync = InitialSyncCommand.parse(args);
            if (initialSync.isPresent()) {
                // A one-off job: it runs, prints its report and exits; no schedule or server starts.
                return initialSync.get().run(settings, database, System.out);
            }

            Main main = camelMain(source, settings, database, demo);
            closeWithCamel(main, database, demo);
            main.run(args);
            return main.getExitCode();
        } catch (ConfigurationException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return CONFIGURATION_ERROR;
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

    /** The Camel side of the runtime, with what start-up prepared bound; tests start it in-process the same way. */
    public static Main camelMain(ConfigSource source, RuntimeSettings settings, Database database,
                                 DemoEnvironment demo) {
        Main main = new Main(SyncApplication.class);
        main.bind(RuntimeBeans.SETTINGS, settings);
        main.bind(RuntimeBeans.DATABASE, database);
        main.bind("dataSource", database.dataSource());
        main.bind(RuntimeBeans.PAYMENT_SETTINGS, io.jesync.payment.PaymentSettings.loadAll(source, settings));
        if (demo != null) {
            main.bind(RuntimeBeans.DEMO, demo);
        }
        camelProperties(source, settings).forEach(main::addOverrideProperty);
        return main;
    }

    /**
     * Ctrl-C and {@code docker stop} end the JVM from Camel's shutdown hook, so what must close cleanly (the
     * store, the demo simulators) closes when Camel reports itself stopped: after in-flight orders finished,
     * and before the JVM halts.
     */
    private static void closeWithCamel(Main main, AutoCloseable... resources) {
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
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
        properties.put("camel.management.health-check-enabled", "true");
        properties.put("camel.management.metrics-enabled", "true");
        // Camel's developer endpoints can read and change the running routes: never exposed.
        properties.put("camel.management.dev-console-enabled", "false");
        properties.put("camel.management.upload-enabled", "false");
        properties.put("camel.management.download-enabled", "false");
        properties.put("camel.management.send-enabled", "false");
        properties.put("camel.management.jolokia-enabled", "false");
        properties.put("camel.health.enabled", "true");
        java.nio.file.Path plugins = java.nio.file.Path.of(source.get("plugins.routes-dir").orElse("routes"));
        if (java.nio.file.Files.isDirectory(plugins)) {
            properties.put("camel.main.routes-include-pattern", "file:" + plugins.toAbsolutePath().normalize()
                    + "/*.yaml");
        }
        return properties;
    }
}
