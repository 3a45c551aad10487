package io.jesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.rest.RestApiEndpoint;
import org.apache.camel.component.rest.RestEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.AdminRuntime;

/**
 * The lock on the admin port and the API's contract, over the routes the running runtime registered: every admin
 * route, present and future, answers 401 without credentials, and the OpenAPI document generated from the REST DSL
 * lists exactly the registered {@code /api} routes, each with the credentials it asks for.
 */
class AdminSecurityTest {
    @TempDir
    static Path dir;
    static AdminRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = AdminRuntime.start(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /**
     * Every HTTP route registered in Camel, as method and a concrete path: those declared on the REST DSL, the
     * generated document's own, and any plain {@code platform-http} route (the console, metrics, a plugin's).
     */
    static List<String[]> adminRoutes() {
        List<String[]> routes = new ArrayList<>();
        for (Route route : runtime.camel().getRoutes()) {
            String path;
            String methods;
            if (route.getEndpoint() instanceof PlatformHttpEndpoint http) {
                path = http.getPath();
                methods = http.getHttpMethodRestrict() == null ? "GET" : http.getHttpMethodRestrict();
            } else if (route.getEndpoint() instanceof RestEndpoint rest) {
                path = rest.getPath() + (rest.getUriTemplate() == null ? "" : rest.getUriTemplate());
                methods = rest.getMethod().toUpperCase(java.util.Locale.ROOT);
            } else if (route.getEndpoint() instanceof RestApiEndpoint) {
                path = AdminApiRoutes.OPENAPI_PATH;
                methods = "GET";
            } else {
                continue;
            }
            if (!path.startsWith(AdminGuard.OPEN_PATH)) {
                for (String method : methods.split(",")) {
                    routes.add(new String[] {method.strip(), path.replaceAll("\\{[^}]+}", "x")});
                }
            }
        }
        return routes;
    }

    @Test
    void every_admin_route_answers_401_with_a_challenge_without_or_with_wrong_credentials() {
        List<String[]> routes = adminRoutes();
        assertThat(routes).as("the admin API is registered").hasSizeGreaterThan(5);
        for (String[] route : routes) {
            for (String authorization : new String[] {null, AdminRuntime.basic(AdminRuntime.USER, "wrong"),
                    AdminRuntime.basic("root", AdminRuntime.PASSWORD), "Bearer wrong-token", "Digest abc"}) {
                HttpResponse<String> response = runtime.send(route[0], route[1], route[0].equals("GET") ? null
                        : "{}", authorization);
                assertThat(response.statusCode()).as(route[0] + " " + route[1] + " with " + authorization)
                        .isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(AdminAuthenticator.CHALLENGE);
            }
            // A right login clears this address's count of wrong ones, which would otherwise lock it out
            // (LoginThrottleTest) long before every route was asked.
            assertThat(runtime.get("/api/orders").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void the_generated_openapi_document_lists_exactly_the_registered_api_routes_each_behind_credentials()
            throws Exception {
        java.util.Set<String> registered = new java.util.TreeSet<>();
        for (String[] route : adminRoutes()) {
            if (route[1].startsWith("/api/") && !route[1].equals(AdminApiRoutes.OPENAPI_PATH)) {
                registered.add(route[0] + " " + route[1]);
            }
        }
        java.util.Set<String> documented = new java.util.TreeSet<>();
        com.fasterxml.jackson.databind.JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(runtime.get(AdminApiRoutes.OPENAPI_PATH).body());
        com.fasterxml.jackson.databind.JsonNode paths = document.path("paths");
        paths.fieldNames().forEachRemaining(path -> paths.path(path).fieldNames().forEachRemaining(method -> {
            documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.replaceAll("\\{[^}]+}", "x"));
            com.fasterxml.jackson.databind.JsonNode operation = paths.path(path).path(method);
            assertThat(operation.path("security").toString()).as(method + " " + path)
                    .contains("\"basic\"", "\"bearer\"");
            assertThat(operation.path("responses").has("401")).as(method + " " + path).isTrue();
        }));

        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(registered).as("the admin API is registered").hasSizeGreaterThan(25);
        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void health_stays_open_for_container_checks_while_metrics_and_unknown_paths_need_credentials() {
        assertThat(runtime.send("GET", "/observe/health", null, null).statusCode()).isEqualTo(200);
        assertThat(runtime.send("GET", "/observe/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(runtime.get("/observe/metrics").statusCode()).isEqualTo(200);
        assertThat(runtime.send("GET", "/api/no-such-thing", null, null).statusCode()).isEqualTo(401);
        assertThat(runtime.send("GET", "/observe/healthz", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void basic_and_bearer_credentials_are_accepted() {
        assertThat(runtime.get("/api/orders").statusCode()).isEqualTo(200);
        assertThat(runtime.send("GET", "/api/orders", null, "Bearer " + AdminRuntime.TOKEN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void the_authenticator_tells_missing_from_refused() {
        AdminAuthenticator authenticator = new AdminAuthenticator(runtime.settings.admin());
        assertThat(authenticator.check(null)).isEqualTo(AdminAuthenticator.Verdict.MISSING);
        assertThat(authenticator.check("Basic !!!")).isEqualTo(AdminAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.check("Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes())))
                .isEqualTo(AdminAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.check(AdminRuntime.basic(AdminRuntime.USER, AdminRuntime.PASSWORD)))
                .isEqualTo(AdminAuthenticator.Verdict.ACCEPTED);
    }
}
