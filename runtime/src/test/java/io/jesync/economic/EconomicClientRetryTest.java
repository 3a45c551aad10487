package io.jesync.economic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jesync.config.EconomicSettings;
import io.jesync.config.Secret;
import io.jesync.simulator.Fault;
import io.jesync.simulator.FaultRule;

class EconomicClientRetryTest extends EconomicClientTestSupport {

    @Test
    void lost_response_without_keyed_retries_is_an_unknown_outcome_and_the_look_up_finds_the_one_draft() {
        EconomicClient client = client(RetryPolicy.standard().withRetryKeyedWrites(false));
        int customer = createCustomer(client, "Anna");
        simulator.faults().script("POST /invoices/drafts", Fault.LOST_RESPONSE);

        assertThatThrownBy(() -> client.createDocument(DocumentKind.DRAFT_INVOICE, draftBody(customer, "SHOP-5"),
                "order-5-draft"))
                .isInstanceOfSatisfying(EconomicOutcomeUnknownException.class, e -> {
                    assertThat(e.method()).isEqualTo("POST");
                    assertThat(e.path()).isEqualTo("/invoices/drafts");
                    assertThat(e.status()).isZero();
                    assertThat(e.summary()).contains("look the document up");
                });

        assertThat(journal("POST /invoices/drafts")).hasSize(1);
        assertThat(simulator.draftInvoices()).hasSize(1);
        assertThat(client.findDocumentsByReference("SHOP-5")).singleElement()
                .extracting(FoundDocument::collection).isEqualTo(DocumentCollection.INVOICE_DRAFTS);
        schemaCheck.assertNoViolations();
    }

    @Test
    void lost_response_with_keyed_retry_gets_the_replay_of_the_same_draft() {
        EconomicClient client = client();
        int customer = createCustomer(client, "Anna");
        simulator.faults().script("POST /invoices/drafts", Fault.LOST_RESPONSE);

        DocumentResult draft = client.createDocument(DocumentKind.DRAFT_INVOICE, draftBody(customer, "SHOP-6"),
                "order-6-draft");

        assertThat(draft.fromCache()).isTrue();
        assertThat(draft.amounts().grossAmount()).isEqualByComparingTo("285.25");
        assertThat(journal("POST /invoices/drafts")).hasSize(2)
                .allSatisfy(r -> assertThat(r.headers().get("idempotency-key")).containsExactly("order-6-draft"));
        assertThat(simulator.draftInvoices()).singleElement()
                .satisfies(view -> assertThat(view.number()).isEqualTo(draft.number()));
        schemaCheck.assertNoViolations();
    }

    @Test
    void keyed_retry_stops_when_the_replay_window_would_be_over() {
        EconomicClient client = client(new RetryPolicy(4, Duration.ofMinutes(20), Duration.ofMinutes(40), true,
                Duration.ofMinutes(30), Duration.ofHours(1)));
        int customer = createCustomer(client, "Anna");
        simulator.faults().script("POST /invoices/drafts", Fault.SERVER_ERROR, Fault.SERVER_ERROR,
                Fault.SERVER_ERROR);

        assertThatThrownBy(() -> client.createDocument(DocumentKind.DRAFT_INVOICE, draftBody(customer, "SHOP-8"),
                "order-8-draft")).isInstanceOfSatisfying(EconomicOutcomeUnknownException.class,
                e -> assertThat(e.status()).isEqualTo(500));
        assertThat(journal("POST /invoices/drafts").size()).isLessThan(4);
    }

    @Test
    void server_error_on_a_write_without_retries_is_unknown_but_unavailable_is_retried_safely() {
        EconomicClient client = client(RetryPolicy.standard().withRetryKeyedWrites(false));
        simulator.faults().script("POST /customers", Fault.SERVER_ERROR);

        assertThatThrownBy(() -> createCustomer(client, "Anna"))
                .isInstanceOfSatisfying(EconomicOutcomeUnknownException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.requestId()).isNotBlank();
                });

        simulator.faults().script("POST /customers", Fault.UNAVAILABLE);
        assertThat(createCustomer(client, "Bo")).isPositive();
        assertThat(journal("POST /customers")).extracting(r -> r.status()).containsExactly(500, 503, 201);
        schemaCheck.assertNoViolations();
    }

    @Test
    void rate_limited_with_retry_after_waits_at_least_that_long() {
        simulator.faults().configure(1, List.of(FaultRule.none("GET /self").withRateLimited(0.0, 7)));
        simulator.faults().script("GET /self", Fault.RATE_LIMITED);

        EconomicAgreement agreement = client().self();

        assertThat(agreement.baseCurrency()).isEqualTo("SEK");
        assertThat(waits).isNotEmpty();
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
        assertThat(journal("GET /self")).extracting(r -> r.status()).containsExactly(429, 200);
    }

    @Test
    void rate_limited_without_retry_after_waits_until_the_bucket_has_room() {
        simulator.budget().configure(5, Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            assertThat(rawGet("/vat-zones")).isEqualTo(200);
        }

        EconomicAgreement agreement = client().self();

        assertThat(agreement.agreementNumber()).isPositive();
        // 5/5 used, cost 1, refill 5 per 60 s: one token needs 12 s.
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
        assertThat(journal("GET /self")).extracting(r -> r.status()).containsExactly(429, 200);
    }

    @Test
    void server_error_on_a_read_is_retried() {
        EconomicClient client = client();
        createCustomer(client, "Anna");
        simulator.faults().script("GET /customers", Fault.SERVER_ERROR);

        assertThat(client.findCustomersByEmail("anna@example.se")).hasSize(1);
        assertThat(journal("GET /customers")).extracting(r -> r.status()).containsExactly(500, 200);
        assertThat(waits).hasSize(1);
    }

    @Test
    void connection_reset_on_a_read_is_retried() {
        simulator.faults().script("GET /self", Fault.CONNECTION_RESET);

        assertThat(client().self().companyName()).isNotBlank();
        assertThat(journal("GET /self")).extracting(r -> r.fault()).containsExactly(Fault.CONNECTION_RESET, null);
    }

    @Test
    void too_many_failures_end_as_unavailable_with_the_last_status() {
        simulator.faults().script("GET /self", Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR,
                Fault.UNAVAILABLE);
        RetryPolicy policy = RetryPolicy.standard();

        assertThatThrownBy(() -> client(policy).self())
                .isInstanceOfSatisfying(EconomicUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThat(journal("GET /self")).hasSize(policy.maxAttempts());
        assertThat(waits).hasSize(policy.maxAttempts() - 1)
                .allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(policy.cap()));
    }

    @Test
    void back_off_is_full_jitter_under_a_growing_ceiling_and_repeats_with_the_same_seed() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5), true,
                Duration.ofMinutes(50), Duration.ofMinutes(2));
        simulator.faults().script("GET /self", Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR,
                Fault.SERVER_ERROR, Fault.SERVER_ERROR);
        client(policy).self();
        List<Duration> first = List.copyOf(waits);
        waits.clear();
        simulator.faults().script("GET /self", Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR,
                Fault.SERVER_ERROR, Fault.SERVER_ERROR);
        client(policy).self();

        assertThat(waits).isEqualTo(first).hasSize(5);
        long[] ceilings = {1000, 2000, 4000, 5000, 5000};
        for (int i = 0; i < ceilings.length; i++) {
            assertThat(first.get(i).toMillis()).isBetween(0L, ceilings[i]);
        }
    }

    @Test
    void refused_connection_is_unavailable_even_for_a_write() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EconomicSettings nowhere = new EconomicSettings(URI.create("http://127.0.0.1:" + closedPort),
                Secret.of(APP_SECRET), Secret.of(GRANT), 50_000, Duration.ofSeconds(2), Duration.ofSeconds(2));
        EconomicClient client = client(nowhere, RetryPolicy.standard().withMaxAttempts(2), null);

        assertThatThrownBy(() -> client.createCustomer(customerBody("Anna", "a@b.se", "1"), "k"))
                .isInstanceOfSatisfying(EconomicUnavailableException.class, e -> assertThat(e.status()).isZero());
        assertThat(waits).hasSize(1);
    }

    @Test
    void read_timeout_on_a_write_is_an_unknown_outcome() {
        simulator.faults().configure(1, List.of(FaultRule.none("POST /customers").withSlow(0.0, 1500)));
        simulator.faults().script("POST /customers", Fault.SLOW);
        EconomicClient client = client(settings(APP_SECRET, GRANT, Duration.ofMillis(300)),
                RetryPolicy.standard().withRetryKeyedWrites(false), null);

        assertThatThrownBy(() -> createCustomer(client, "Anna"))
                .isInstanceOfSatisfying(EconomicOutcomeUnknownException.class,
                        e -> assertThat(e.summary()).contains("No answer"));
    }
}
