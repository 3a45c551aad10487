package io.jesync.reversal;

/**
 * The steps of one claimed reversal after {@code claim-reversal}, in the order the {@code process-reversal} route runs
 * them; {@link #id()} is the route step's id, the name tracing, route tests and plugins use.
 */
public enum ReversalStep {
    /**
     * Whatever an earlier attempt may have left in e-conomic is looked up first; then the booked invoice is credited
     * (a credit note draft, CREATED) or the open draft or order deleted, or the reversal is parked or ignored as the
     * shop's policy says.
     */
    REVERSE_DOCUMENT("reverse-document"),
    /** The credit note draft booked, or left for the accountant ({@code book-credit-notes=false}). */
    BOOK_CREDIT_NOTE("book-credit-note");

    private final String id;

    ReversalStep(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
