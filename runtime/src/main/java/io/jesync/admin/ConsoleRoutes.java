package io.jesync.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The support console at {@code /console}: static files from the jar (no build step), which call the admin API from
 * the browser. It sits on the admin port, so {@link AdminGuard} asks for credentials before any file is served, and the
 * browser then sends the same credentials with the console's calls to {@code /api/...}.
 */
public class ConsoleRoutes extends RouteBuilder {
    private static final String ROOT = "/console/";
    /** Only plain file names: nothing outside the console's own folder can be asked for. */
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    @Override
    public void configure() {
        from("platform-http:/console?httpMethodRestrict=GET").routeId("console")
                .process(e -> serve(e, "index.html"));
        from("platform-http:/console/*?httpMethodRestrict=GET").routeId("console-assets")
                .process(e -> {
                    String path = e.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
                    if (path == null || path.isEmpty()) {
                        path = e.getMessage().getHeader(Exchange.HTTP_URI, String.class);
                    }
                    String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
                    serve(e, name.isEmpty() ? "index.html" : name);
                });
    }

    private static void serve(Exchange exchange, String name) throws IOException {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getMessage().setBody("Not part of the console: " + name);
        if (!ASSET.matcher(name).matches()) {
            return;
        }
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return;
            }
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            // The console is small; always fresh files mean an upgrade never shows a stale mix of old and new.
            exchange.getMessage().setHeader("Cache-Control", "no-cache");
            exchange.getMessage().setBody(in.readAllBytes());
        }
    }
}
