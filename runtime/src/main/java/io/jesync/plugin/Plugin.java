package io.jesync.plugin;

/**
 * One plugin route listening on a point.
 *
 * @param routeId  the route's id, which names the plugin in park reasons and logs
 * @param endpoint the endpoint it consumes from, as written in its file
 * @param file     the file it was loaded from (file name only), or "" for a route not loaded from a file
 */
public record Plugin(String routeId, String endpoint, String file) {

    /** How park reasons and logs name it: {@code 'surcharge' (surcharge.yaml)}. */
    public String label() {
        return "'" + routeId + "'" + (file.isEmpty() ? "" : " (" + file + ")");
    }
}
