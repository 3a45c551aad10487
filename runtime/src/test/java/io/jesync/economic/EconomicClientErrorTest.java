package io.jesync.economic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

class EconomicClientErrorTest extends EconomicClientTestSupport {

    @Test
    void validation_error_lists_field_paths_and_is_not_retried() {
        EconomicClient client = client();
        int customer = createCustomer(client, "Anna");
        ObjectNode body = draftBody(customer, "SHOP-4");
        ((ObjectNode) body.path("lines").get(1)).put("unitNetPrice", 10.12345);

        assertThatThrownBy(() -> client.createDocument(DocumentKind.DRAFT_INVOICE, body, "order-4-draft"))
                .isInstanceOfSatisfying(EconomicValidationException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.logId()).isNotBlank();
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.fieldErrors()).extracting(FieldError::path, FieldError::errorCode)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("lines[1].unitNetPrice", "E04740"));
                    assertThat(e.summary()).contains("lines[1].unitNetPrice");
                });
        assertThat(journal("POST /invoices/drafts")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void refused_filter_carries_the_allowed_fields() {
        assertThatThrownBy(() -> client().listAll("/customers", "shoeSize$eq:42"))
                .isInstanceOfSatisfying(EconomicValidationException.class, e -> {
                    assertThat(e.allowedFilteringFields()).contains("email", "corporateIdentificationNumber");
                    assertThat(e.fieldErrors()).isNotEmpty().allSatisfy(f -> assertThat(f.message()).isNotBlank());
                });
        assertThat(journal("GET /customers")).hasSize(1);
    }

    @Test
    void legacy_error_body_is_flattened_into_paths() {
        EconomicErrorBody body = EconomicErrorBody.parse("""
                { "message": "Validation error.", "logId": "c7ca5bc2", "httpStatusCode": 400,
                  "errors": {
                    "currency": { "errors": [ { "errorCode": "E06000", "message": "currency does not exist.",
                                                "value": "ZUL" } ] },
                    "recipient": { "vatZone": { "errors": [ { "errorCode": "E06000", "message": "no zone" } ] } },
                    "lines": [ { "arrayIndex": 2,
                                 "unitNetPrice": { "errors": [ { "errorCode": "E04740", "message": "scale",
                                                                 "value": 10.12345 } ] } } ] } }
                """);

        assertThat(body.logId()).isEqualTo("c7ca5bc2");
        assertThat(body.fieldErrors()).extracting(FieldError::path, FieldError::errorCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("currency", "E06000"),
                org.assertj.core.groups.Tuple.tuple("recipient.vatZone", "E06000"),
                org.assertj.core.groups.Tuple.tuple("lines[2].unitNetPrice", "E04740"));
        assertThat(body.fieldErrors().get(2).value().decimalValue()).isEqualByComparingTo("10.12345");
        assertThat(EconomicErrorBody.parse("<html>bad gateway</html>").fieldErrors()).isEmpty();
    }

    @Test
    void wrong_token_is_an_auth_error_that_never_shows_a_token_and_is_not_retried() {
        String wrongGrant = "wrong-grant-91ab77";
        EconomicClient client = client(settings(APP_SECRET, wrongGrant, Duration.ofSeconds(5)),
                RetryPolicy.standard(), null);

        assertThatThrownBy(client::self).isInstanceOfSatisfying(EconomicAuthException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.summary()).contains("new grant");
            for (String text : List.of(e.getMessage(), e.toString(), String.valueOf(e.getCause()))) {
                assertThat(text).doesNotContain(APP_SECRET).doesNotContain(wrongGrant).doesNotContain(GRANT);
            }
        });
        assertThat(journal("GET /self")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void requests_and_unknown_outcomes_never_show_tokens() {
        EconomicClient client = client(RetryPolicy.standard().withRetryKeyedWrites(false));
        simulator.faults().script("POST /customers", io.jesync.simulator.Fault.LOST_RESPONSE);

        assertThatThrownBy(() -> createCustomer(client, "Anna")).isInstanceOfSatisfying(
                EconomicOutcomeUnknownException.class, e -> {
                    assertThat(e.getMessage()).contains("POST /customers").doesNotContain(APP_SECRET)
                            .doesNotContain(GRANT);
                    assertThat(String.valueOf(e.getCause())).doesNotContain(APP_SECRET).doesNotContain(GRANT);
                });
        EconomicRequest request = EconomicRequest.write("POST", "/customers", customerBody("A", "a@b.se", "1"), "k");
        assertThat(request.toString()).isEqualTo("POST /customers [Idempotency-Key k]");
        assertThat(settings(APP_SECRET, GRANT, Duration.ofSeconds(1)).toString())
                .doesNotContain(APP_SECRET).doesNotContain(GRANT);
    }
}
