package io.jesync;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.health.HealthCheckRegistry;

import io.jesync.config.RuntimeSettings;
import io.jesync.config.ShopSettings;
import io.jesync.economic.EconomicAgreement;
import io.jesync.economic.EconomicClient;
import io.jesync.observe.RemoteAuthHealthCheck;
import io.jesync.shop.norce.NorceTokenProvider;
import io.jesync.store.ApiCallMeter;
import io.jesync.store.Database;

/**
 * The runtime's shared beans. Settings, the data source and (in demo) the simulators are bound by
 * {@link Bootstrap} before Camel starts; everything here is built from them.
 */
@Configuration
public class RuntimeBeans implements CamelConfiguration {
    public static final String SETTINGS = "runtimeSettings";
    public static final String DATA_SOURCE = "dataSource";
    public static final String DEMO = "demoEnvironment";
    public static final String DATABASE = "database";
    public static final String ECONOMIC_CLIENT = "economicClient";
    private static final Duration AUTH_CHECK_CACHE = Duration.ofSeconds(60);

    @BindToRegistry("clock")
    public Clock clock() {
        return Clock.systemUTC();
    }

    @BindToRegistry("remoteHttpClient")
    public HttpClient remoteHttpClient(CamelContext context) {
        RuntimeSettings settings = settings(context);
        return HttpClient.newBuilder()
                .connectTimeout(settings.economic().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void configure(CamelContext context) {
        RuntimeSettings settings = settings(context);
        HttpClient http = context.getRegistry().lookupByNameAndType("remoteHttpClient", HttpClient.class);
        Clock clock = context.getRegistry().lookupByNameAndType("clock", Clock.class);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);

        Database database = context.getRegistry().lookupByNameAndType(DATABASE, Database.class);
        EconomicClient economic = EconomicClient.standard(settings.economic(), http,
                database == null ? null : new ApiCallMeter(database, clock), clock);
        context.getRegistry().bind(ECONOMIC_CLIENT, economic);
        health.register(new RemoteAuthHealthCheck("economic-auth", () -> {
            EconomicAgreement agreement = economic.self();
            return "agreement " + agreement.agreementNumber() + " (" + agreement.companyName() + ")";
        }, AUTH_CHECK_CACHE, clock));

        for (ShopSettings shop : settings.shops()) {
            NorceTokenProvider tokens = new NorceTokenProvider(shop, http, clock);
            context.getRegistry().bind("norceTokens-" + shop.id(), tokens);
            health.register(new RemoteAuthHealthCheck("shop-" + shop.id() + "-auth", () -> {
                tokens.token();
                return "Norce OAuth client accepted for shop " + shop.id();
            }, AUTH_CHECK_CACHE, clock));
        }
    }

    static RuntimeSettings settings(CamelContext context) {
        RuntimeSettings settings = context.getRegistry().lookupByNameAndType(SETTINGS, RuntimeSettings.class);
        if (settings == null) {
            throw new IllegalStateException("runtime settings were not bound before Camel started");
        }
        return settings;
    }
}
