package io.jesync.shop;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.jesync.config.ShopSettings;

/**
 * The shop's product catalogue, platform-neutral: reads by page, by change time and by article number, and writes
 * as asynchronous imports that are submitted, recorded by their reference and followed to their end. Anything that
 * may pass on a later try (429, 5xx, no answer) is an {@link IOException}; a refused row is an answer, not an error.
 */
public interface ShopProductPort {

    /** How an import ended. {@code refused}: article number to the shop's reason, for rows that were not written. */
    record ImportOutcome(String reference, Map<String, String> refused) {
    }

    /** Every SKU, page by page; each page goes to {@code pages} before the next is read. */
    void allProducts(ShopSettings shop, Consumer<List<ShopProduct>> pages) throws IOException, InterruptedException;

    /** SKUs changed at or after {@code since} (never-updated ones by creation time). */
    List<ShopProduct> changedSince(ShopSettings shop, Instant since) throws IOException, InterruptedException;

    /** The SKUs with these article numbers that exist. */
    List<ShopProduct> byArticleNumbers(ShopSettings shop, List<String> articleNumbers)
            throws IOException, InterruptedException;

    /**
     * Submits one import of new products ({@code create}: every field) or of updates limited to {@code fields};
     * returns the shop's reference for {@link #follow}.
     */
    String submit(ShopSettings shop, List<ShopProduct> products, boolean create, Set<ShopProduct.Field> fields)
            throws IOException, InterruptedException;

    /**
     * Waits for an import to end. Every article of {@code articleNumbers} not in the outcome's {@code refused} was
     * written. Empty when the shop no longer knows the reference (the import may be submitted again: imports
     * match by article number).
     */
    Optional<ImportOutcome> follow(ShopSettings shop, String reference, List<String> articleNumbers)
            throws IOException, InterruptedException;
}
