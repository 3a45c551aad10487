package io.jesync.admin;

import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.HttpHeaders;
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
 */
public final class AdminGuard {
    private static final Logger LOG = LoggerFactory.getLogger(AdminGuard.class);
    public static final String OPEN_PATH = "/observe/health";

    private final AdminAuthenticator authenticator;
    private final Set<String> selfGuardedPaths;

    public AdminGuard(AdminAuthenticator authenticator, Set<String> selfGuardedPaths) {
        this.authenticator = authenticator;
        this.selfGuardedPaths = Set.copyOf(selfGuardedPaths);
    }

    /**
     * Puts the guard in front of the admin port's router. It must be called before Camel starts its HTTP server (the
     * server reads its authentication entries when it starts), so no request is ever served unguarded; start-up
     * fails when the server is missing or already running rather than run open.
     */
    public static void install(CamelContext context, AdminSettings settings, Set<String> selfGuardedPaths) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null || server.getPort() != settings.port() || ServiceHelper.isStarted(server)) {
            throw new IllegalStateException("the admin HTTP server on port " + settings.port() + " cannot be"
                    + " guarded; refusing to start without credentials in front of it");
        }
        AdminGuard guard = new AdminGuard(new AdminAuthenticator(settings), selfGuardedPaths);
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
        String path = request.normalizedPath();
        if (isOpen(path)) {
            request.next();
            return;
        }
        AdminAuthenticator.Verdict verdict = authenticator.check(request.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (verdict == AdminAuthenticator.Verdict.ACCEPTED) {
            request.next();
            return;
        }
        if (verdict == AdminAuthenticator.Verdict.REFUSED) {
            // Neither the header nor the user name is logged: a password typed into the wrong field would show.
            LOG.warn("Admin side: wrong credentials for {} {} from {}", request.request().method(), path,
                    request.request().remoteAddress());
        }
        request.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", AdminAuthenticator.CHALLENGE)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end("{\"error\":\"credentials required: HTTP Basic with admin.username and admin.password, or"
                        + " Bearer with admin.token\"}");
    }
}
