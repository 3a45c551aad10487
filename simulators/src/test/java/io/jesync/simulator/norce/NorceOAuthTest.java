package io.jesync.simulator.norce;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class NorceOAuthTest extends NorceSimulatorTestSupport {

    @Test
    void client_credentials_grant_issues_a_bearer_token_that_opens_the_apis() {
        Reply reply = requestToken(CLIENT_SECRET);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(reply.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(reply.json().get("scope").asText()).isEqualTo("playground");
        assertThat(query("/commerce/query/2.0/Orders/Orders").status()).isEqualTo(200);
    }

    @Test
    void wrong_secret_is_rejected() {
        Reply reply = requestToken("wrong");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void missing_or_unknown_bearer_gets401() {
        Reply none = send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/commerce/query/2.0/Orders/Orders"))
                .header("applicationId", "1001").GET());
        Reply unknown = send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/commerce/connect/4.0/Job/Get?id=1"))
                .header("Authorization", "Bearer not-issued").GET());

        assertThat(none.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
    }

    @Test
    void token_expires_on_the_simulator_clock() {
        token();
        clock.advance(Duration.ofSeconds(3599));
        assertThat(query("/commerce/query/2.0/Orders/Orders").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        assertThat(query("/commerce/query/2.0/Orders/Orders").status()).isEqualTo(401);
    }

    @Test
    void token_lifetime_is_configurable() {
        sim.tokenLifetime(Duration.ofSeconds(60));
        Reply reply = requestToken(CLIENT_SECRET);
        assertThat(reply.json().get("expires_in").asLong()).isEqualTo(60);

        token();
        clock.advance(Duration.ofSeconds(61));
        assertThat(query("/commerce/query/2.0/Orders/Orders").status()).isEqualTo(401);
    }

    @Test
    void token_endpoint_allows_a_burst_of20_then_three_per_minute() {
        for (int i = 0; i < 20; i++) {
            assertThat(requestToken(CLIENT_SECRET).status()).as("request %d", i + 1).isEqualTo(200);
        }
        Reply limited = requestToken(CLIENT_SECRET);
        assertThat(limited.status()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(20));
        assertThat(requestToken(CLIENT_SECRET).status()).isEqualTo(200);
        assertThat(requestToken(CLIENT_SECRET).status()).isEqualTo(429);
    }
}
