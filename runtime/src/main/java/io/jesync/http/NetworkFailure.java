package io.jesync.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

import javax.net.ssl.SSLException;

/**
 * Why a call got no answer, in the words a support person acts on. Java's HTTP client reports an unknown host as a
 * {@code ConnectException} without a message (the cause is buried two levels down), which the log and the console
 * used to show as "null"; this names the host and the setting to check instead.
 */
public final class NetworkFailure {
    private NetworkFailure() {
    }

    /**
     * @param failure the exception the HTTP client threw
     * @param target  the address that was called
     * @param setting the setting holding that address, named in the fix
     * @return e.g. {@code host acme.example not found – check shop.se.base-url}
     */
    public static String describe(Throwable failure, URI target, String setting) {
        String host = target == null || target.getHost() == null ? "the host" : target.getHost();
        String where = target == null ? host : host + (target.getPort() > 0 ? ":" + target.getPort() : "");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "host " + host + " not found – check " + setting;
            }
            if (t instanceof SSLException) {
                return "the secure connection to " + where + " failed (" + text(t) + ") – check " + setting
                        + " and the host's certificate";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection to " + where + " within the timeout – check " + setting + " and the network";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer from " + where + " within the timeout – it is slow or down; the flows try again";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "nothing answers at " + where + " (connection refused) – check " + setting
                        + ", or whether the service is down";
            }
        }
        return "the connection to " + where + " broke (" + text(failure) + ")";
    }

    private static String text(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": "
                + t.getMessage();
    }
}
