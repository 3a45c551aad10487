package io.jesync.payment;

import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.jesync.economic.EconomicClient;
import io.jesync.order.BackoffSchedule;
import io.jesync.store.Database;
import io.jesync.store.WatermarkStore;

/** The payment flow's parts, for the runtime and tests. */
public record PaymentFlowAssembly(PaymentLedger ledger, PaymentSources sources, PaymentRegistration registration,
                                  PaymentFlow flow) {

    public static PaymentFlowAssembly create(RuntimeSettings settings, Map<String, PaymentSettings> payments,
                                             Database database, EconomicClient economic,
                                             PaymentFlow.Snapshots snapshots, Clock clock, BackoffSchedule retry,
                                             RandomGenerator random) {
        PaymentLedger ledger = new PaymentLedger(database, clock);
        PaymentSources sources = new PaymentSources(database);
        String owner = settings.instanceId() + "#" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        // A restart resumes its dead predecessor's payments at once instead of waiting out their leases.
        ledger.expireClaimsOfEarlierLives(settings.instanceId(), owner);
        PaymentRegistration registration = new PaymentRegistration(ledger, sources, economic, clock, owner, retry,
                random);
        return new PaymentFlowAssembly(ledger, sources, registration, new PaymentFlow(settings, payments, ledger,
                sources, registration, economic, snapshots, new WatermarkStore(database, clock), clock));
    }
}
