package io.jesync.product;

/**
 * Why one product cannot be synchronised, in words a shop owner acts on: the article, the field, the value and
 * what to do. Invalid products are reported by the initial sync and parked by the incremental flows.
 *
 * @param field where the problem is, as the report names fields (e.g. {@code articleNumber}, {@code vat-rate})
 */
public record ProductProblem(Code code, String articleNumber, String field, String value, String message) {

    public enum Code {
        MISSING_ARTICLE_NUMBER,
        ARTICLE_NUMBER_TOO_LONG,
        ARTICLE_NUMBER_CHARACTERS,
        DUPLICATE_ARTICLE_NUMBER,
        MISSING_VAT_RATE,
        NO_PRODUCT_GROUP,
        MISSING_NAME,
        TEXT_TOO_LONG,
        /** Only in an initial sync: the two sides disagree in a way no rule settles. */
        CONFLICT_CASE,
        CONFLICT_VAT_RATE,
        /** Refused by the other system when written (e-conomic's 400, a Norce import row error). */
        REJECTED,
        /** A plugin on direct:plugin-product-mapped failed or broke its rules. */
        PLUGIN
    }
}
