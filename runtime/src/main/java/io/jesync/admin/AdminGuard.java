package io.jesync.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.RoutingContext;

/**
 * The lock on the admin port. One Vert.x handler ahead of every route of the HTTP server that carries the admin API,
 * the console, metrics and plugin endpoints: everything needs credentials except {@code /observe/health}, which
 * container health checks call without any, and callers that cannot send admin credentials and are checked by their
 * own route instead (e-conomic's stock webhook, which carries its own token in the URL). Being in front of the router
 * rather than in each Camel route, it also covers endpoints added later and paths that match no route, so nothing new
 * can be left open by mistake.
 *
 * <p>In the same place, for every request: the browser-hardening headers; failed-login throttling per client address
 * ({@link LoginThrottle}); the cross-site check on every state-changing request ({@link CrossSiteCheck}); and the JSON
 * 404 and 405 (with {@code Allow}) for {@code /api} paths and methods no route serves ({@link ApiPaths}).
 */
public final class AdminGuard {
    private static final Logger LOG = LoggerFactory.getLogger(AdminGuard.class);
    public static final String OPEN_PATH = "/observe/health";
    /**
     * The console is plain files from the jar: scripts only from the runtime itself, never framed; styles may be set
     * inline by the console's script.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    private final AdminAuthenticator authenticator;
    private final Set<String> selfGuardedPaths;
    private final LoginThrottle throttle;
    private final ApiPaths apiPaths;

    public AdminGuard(AdminAuthenticator authenticator, Set<String> selfGuardedPaths, LoginThrottle throttle,
                      ApiPaths apiPaths) {
        this.authenticator = authenticator;
        this.selfGuardedPaths = Set.copyOf(selfGuardedPaths);
        this.throttle = throttle;
        this.apiPaths = apiPaths;
    }

    /**
     * Puts the guard in front of the admin port's router. It must be called before Camel starts its HTTP server (the
     * server reads its authentication entries when it starts), so no request is ever served unguarded; start-up
     * fails when the server is missing or already running rather than run open.
     */
    public static void install(CamelContext context, AdminSettings settings, Set<String> selfGuardedPaths,
                               Clock clock) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null || server.getPort() != settings.port() || ServiceHelper.isStarted(server)) {
            throw new IllegalStateException("the admin HTTP server on port " + settings.port() + " cannot be"
                    + " guarded; refusing to start without credentials in front of it");
        }
        AdminGuard guard = new AdminGuard(new AdminAuthenticator(settings), selfGuardedPaths, new LoginThrottle(clock),
                new ApiPaths(context));
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T unused) {
                return guard::handle;
            }
        });
        AuthenticationConfig authentication = server.getConfiguration().getAuthenticationConfig();
        authentication.getEntries().add(entry);
        authentication.setEnabled(true);
    }

    boolean isOpen(String path) {
        return path.equals(OPEN_PATH) || path.startsWith(OPEN_PATH + "/") || selfGuardedPaths.contains(path);
    }

    void handle(RoutingContext request) {
        HttpServerResponse response = request.response();
        response.putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("Referrer-Policy", "no-referrer");
        // Only the path: the stock webhook's token may be in the query, which is never logged.
        String path = request.normalizedPath();
        if (isOpen(path)) {
            request.next();
            return;
        }
        String address = request.request().remoteAddress() == null ? "unknown"
                : request.request().remoteAddress().host();
        Optional<Duration> locked = throttle.lockedFor(address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            end(request, 429, "too many wrong logins from " + address + "; try again in " + seconds + " s",
                    HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            return;
        }
        String authorization = request.request().getHeader(HttpHeaders.AUTHORIZATION);
        AdminAuthenticator.Verdict verdict = authenticator.check(authorization);
        if (verdict != AdminAuthenticator.Verdict.ACCEPTED) {
            if (verdict == AdminAuthenticator.Verdict.REFUSED) {
                // Neither the header nor the user name is logged: a password typed into the wrong field would show.
                LOG.warn("Admin side: wrong credentials for {} {} from {}", request.request().method(), path,
                        address);
                throttle.failed(address).ifPresent(lockout -> LOG.warn("Admin side: {} wrong logins in a row from"
                        + " {}; it is answered 429 for {} s", LoginThrottle.MAX_FAILURES, address,
                        lockout.toSeconds()));
            }
            end(request, 401, "credentials required: HTTP Basic with admin.username and admin.password, or Bearer"
                    + " with admin.token", "WWW-Authenticate", AdminAuthenticator.CHALLENGE);
            return;
        }
        throttle.succeeded(address);
        Optional<String> crossSite = CrossSiteCheck.refusal(request.request().method().name(),
                request.request().getHeader(HttpHeaders.ORIGIN), request.request().getHeader("Sec-Fetch-Site"),
                authority(request), authorization,
                request.request().getHeader(CrossSiteCheck.REQUIRED_HEADER));
        if (crossSite.isPresent()) {
            LOG.warn("Admin side: refused {} {} from {}: {}", request.request().method(), path, address,
                    crossSite.get());
            end(request, 403, crossSite.get(), null, null);
            return;
        }
        if (ApiPaths.isApi(path)) {
            Set<String> allowed = apiPaths.methodsOf(path);
            if (allowed.isEmpty()) {
                end(request, 404, "no API path " + path + "; GET " + AdminApiRoutes.OPENAPI_PATH + " lists them",
                        null, null);
                return;
            }
            if (!allowed.contains(request.request().method().name())) {
                end(request, 405, request.request().method().name() + " is not served at " + path + "; it takes "
                        + String.join(", ", allowed), HttpHeaders.ALLOW, String.join(", ", allowed));
                return;
            }
        }
        request.next();
    }

    /** The host and port the client addressed: the Host header, or HTTP/2's {@code :authority}. */
    private static String authority(RoutingContext request) {
        io.vertx.core.net.HostAndPort authority = request.request().authority();
        return authority == null ? null : authority.host() + (authority.port() < 0 ? "" : ":" + authority.port());
    }

    /** Ends the request with a JSON error and, where {@code header} is not null, one more header. */
    private static void end(RoutingContext request, int status, String message, CharSequence header, String value) {
        HttpServerResponse response = request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (header != null) {
            response.putHeader(header, value);
        }
        response.end(ApiAnswers.error(message).toString());
    }
}
