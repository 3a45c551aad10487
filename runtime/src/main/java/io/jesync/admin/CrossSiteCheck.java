package io.jesync.admin;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The cross-site request forgery check for every state-changing request to the admin port. A browser adds the
 * admin's Basic credentials to any request to the port, including one a foreign page makes, so a change is accepted
 * only when (1) an {@code Origin} the browser sent names this runtime itself (the {@code Host} it was addressed as),
 * (2) a {@code Sec-Fetch-Site} the browser sent says {@code same-origin} (or {@code none}: typed by the user), and
 * (3) with Basic credentials, the request carries {@value #REQUIRED_HEADER}, which the console sends and which a
 * foreign page can only send after a CORS preflight that this runtime never grants. A Bearer token is never added by
 * a browser on its own, so scripts using {@code admin.token} need only (1) and (2), which they pass by sending
 * neither.
 */
public final class CrossSiteCheck {
    /** The header the console (and a script using Basic credentials) sends with every change. */
    public static final String REQUIRED_HEADER = "X-Requested-With";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private CrossSiteCheck() {
    }

    /** Why the request is refused, or empty when it may go on. */
    public static Optional<String> refusal(String method, String origin, String fetchSite, String host,
                                           String authorization, String requiredHeader) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (origin != null && !sameHost(origin, host)) {
            return Optional.of("cross-site request refused: Origin " + origin + " is not this runtime (" + host
                    + ")");
        }
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return Optional.of("cross-site request refused: the browser says it comes from a " + fetchSite
                    + " page");
        }
        boolean basic = authorization != null && authorization.strip().toLowerCase(Locale.ROOT).startsWith("basic ");
        if (basic && (requiredHeader == null || requiredHeader.isBlank())) {
            return Optional.of("a change with Basic credentials must carry the header " + REQUIRED_HEADER
                    + " (any value, e.g. " + REQUIRED_HEADER + ": curl), which a foreign web page cannot send; or"
                    + " use Bearer with admin.token");
        }
        return Optional.empty();
    }

    /**
     * The scheme is not compared: behind a proxy that ends TLS the runtime sees http while the browser says https.
     * Host and port are, as the browser addressed them.
     */
    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return authority.equalsIgnoreCase(host.strip()) || withoutDefaultPort(host.strip(), uri.getScheme())
                    .equalsIgnoreCase(authority);
        } catch (IllegalArgumentException notAnOrigin) {
            return false;
        }
    }

    private static String withoutDefaultPort(String host, String scheme) {
        String port = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
        return host.endsWith(port) ? host.substring(0, host.length() - port.length()) : host;
    }
}
