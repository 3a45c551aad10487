package io.jesync.order;

/**
 * Proof that the caller, and nobody else, may work on an order until the lease ends. Pass
 * {@code entry().version()} to the first {@link OrderLedger#transition}; once the lease is taken
 * over by someone else that version no longer matches.
 *
 * @param newOrder true when this claim created the ledger row, false when it took over a retryable one
 */
public record Claim(LedgerEntry entry, boolean newOrder) {

    public long version() {
        return entry.row().version();
    }

    public OrderState state() {
        return entry.state();
    }
}
