package io.jesync.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.spi.RestRegistry;

/**
 * The {@code /api} paths and methods the running routes serve, read from Camel's routes (REST DSL, the generated
 * document, and any plain {@code platform-http} route a plugin adds), so the guard can answer a path no route serves
 * with a JSON 404 and a method a path does not take with 405 and {@code Allow}, instead of the HTTP server's HTML page
 * and empty {@code Allow}. Read again whenever the number of routes changes (plugins can be reloaded).
 */
public final class ApiPaths {
    private final CamelContext context;
    private volatile Snapshot snapshot = new Snapshot(-1, List.of());

    private record Served(Pattern path, String method) {
    }

    private record Snapshot(int routes, List<Served> served) {
    }

    public ApiPaths(CamelContext context) {
        this.context = context;
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** The methods served at {@code path}, empty when no route serves it. */
    public Set<String> methodsOf(String path) {
        Set<String> methods = new TreeSet<>();
        for (Served served : current().served()) {
            if (served.path().matcher(path).matches()) {
                methods.add(served.method());
            }
        }
        return methods;
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        int routes = context.getRoutesSize();
        if (known.routes() == routes) {
            return known;
        }
        List<Served> served = new ArrayList<>();
        add(served, AdminApiRoutes.OPENAPI_PATH, "GET");
        for (RestRegistry.RestService rest : context.getRestRegistry().listAllRestServices()) {
            add(served, rest.getBasePath() + (rest.getUriTemplate() == null ? "" : rest.getUriTemplate()),
                    rest.getMethod());
        }
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint http) {
                String methods = http.getHttpMethodRestrict();
                for (String method : (methods == null ? "GET,POST,PUT,PATCH,DELETE" : methods).split(",")) {
                    add(served, http.getPath(), method);
                }
            }
        }
        Snapshot fresh = new Snapshot(routes, List.copyOf(served));
        snapshot = fresh;
        return fresh;
    }

    private static void add(List<Served> served, String template, String method) {
        String path = template.startsWith("/") ? template : "/" + template;
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=})")) {
            if (part.startsWith("{") && part.endsWith("}")) {
                regex.append("[^/]+");
            } else if (part.endsWith("*")) {
                regex.append(Pattern.quote(part.substring(0, part.length() - 1))).append(".*");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        served.add(new Served(Pattern.compile(regex.toString()), method.strip().toUpperCase(Locale.ROOT)));
    }
}
