package io.jesync.economic;

/**
 * 401 or 403: the tokens are wrong or revoked, or the app role or the agreement's modules do not allow the
 * resource. Permanent until someone changes the grant or the settings; retrying only burns budget.
 */
public final class EconomicAuthException extends EconomicException {
    EconomicAuthException(CallTrace trace, String summary) {
        super(trace, summary, null);
    }
}
