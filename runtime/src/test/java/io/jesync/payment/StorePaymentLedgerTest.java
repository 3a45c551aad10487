package io.jesync.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.store.MigratedStoreTest;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases.Kind;

/** The payment ledger's claims across process lives, on a clock that reads finer than a millisecond. */
@Tag("harness")
class StorePaymentLedgerTest extends MigratedStoreTest {
    private static final Duration LEASE = Duration.ofMinutes(5);

    /*
     * The ledger reads the clock to the millisecond, the release of earlier lives' claims is shared with ledgers that
     * read microseconds: a lease it ends must be over for a claim made in the same millisecond.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_restart_takes_up_a_payment_its_dead_predecessor_held_in_the_same_millisecond(Kind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00.123456Z"));
        PaymentLedger ledger = new PaymentLedger(openMigrated(kind), clock);
        ShopPayment recorded = ledger.insert(new PaymentLedger.NewPayment("se", "1001", "capture-1",
                ShopPayment.Kind.PAYMENT, "klarna", new BigDecimal("125.00"), "SEK", clock.instant(), 20001L,
                "Order 1001 paid", "payment-se-capture-1")).orElseThrow();
        ledger.claim(recorded, "host-a#1", LEASE).orElseThrow();

        assertThat(ledger.expireClaimsOfEarlierLives("host-a", "host-a#2")).isEqualTo(1);

        assertThat(ledger.due("se", 10)).extracting(ShopPayment::id).containsExactly(recorded.id());
        assertThat(ledger.claim(recorded, "host-a#2", LEASE)).isPresent();
    }
}
