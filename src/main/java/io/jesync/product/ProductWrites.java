package io.jesync.product;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ProductSettings;
import io.jesync.config.ShopSettings;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicValidationException;
import io.jesync.economic.model.EconomicJson;
import io.jesync.shop.norce.NorceProductCatalog;
import io.jesync.shop.norce.NorceProductCatalog.JobLogEntry;
import io.jesync.shop.norce.NorceProductCatalog.JobState;

/**
 * The writes both product flows and the initial sync make: one product into e-conomic (POST when new, else
 * read-merge-PUT with only the source's fields), and a batch of products into Norce as import jobs followed to
 * their end. A refusal of one product comes back as its {@link ProductProblem}; anything that may pass on a later
 * try (429, 5xx, no answer) is thrown, so the caller stops and resumes later without losing the product.
 */
public final class ProductWrites {
    private static final Duration MAX_JOB_POLL = Duration.ofSeconds(10);

    /** What happened to one product. {@code fields} are the fields written (all of them on create). */
    public record Written(String articleNumber, boolean created, Set<ProductField> fields,
                          Optional<ProductProblem> problem) {
    }

    /** Waits between job polls; tests pass a no-op. */
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final EconomicClient economic;
    private final NorceProductCatalog norce;
    private final Pause pause;

    public ProductWrites(EconomicClient economic, NorceProductCatalog norce, Pause pause) {
        this.economic = economic;
        this.norce = norce;
        this.pause = pause;
    }

    public NorceProductCatalog norce() {
        return norce;
    }

    public EconomicClient economic() {
        return economic;
    }

    /**
     * Creates {@code product} in e-conomic, or merges it into the existing one. {@code existing} is the product as
     * read (empty: not there when read); if a create finds the number taken after all, the product is read and
     * merged instead, so a create repeated after a crash never fails or duplicates.
     */
    public Written toEconomic(Product product, Optional<JsonNode> existing, Set<ProductField> owned,
                              ProductSettings settings, String idempotencyKey) {
        try {
            if (existing.isEmpty()) {
                try {
                    economic.createProduct(EconomicProductMapper.newProduct(product, product.productGroup(),
                            settings), idempotencyKey + ":create");
                    return new Written(product.articleNumber(), true, Set.of(ProductField.values()), Optional.empty());
                } catch (EconomicValidationException e) {
                    Optional<JsonNode> found = e.status() == 400 ? economic.findProduct(product.articleNumber())
                            : Optional.empty();
                    if (found.isEmpty()) {
                        throw e;
                    }
                    existing = found;
                }
            }
            ObjectNode body = EconomicProductMapper.merged(existing.get(), product, product.productGroup(), owned);
            economic.updateProduct(product.articleNumber(), body, idempotencyKey + ":update");
            return new Written(product.articleNumber(), false, owned, Optional.empty());
        } catch (EconomicValidationException e) {
            return new Written(product.articleNumber(), false, Set.of(), Optional.of(new ProductProblem(
                    ProductProblem.Code.REJECTED, product.articleNumber(), "product", null, "Article "
                    + product.articleNumber() + ": e-conomic refused it: " + e.summary())));
        }
    }

    /** A job submitted for a batch, so a caller can record it before following it. */
    public interface JobListener {
        void submitted(long jobId);
    }

    /**
     * Imports one batch into Norce as one job (creates and updates go in separate batches, since the header's
     * field lists apply to every row) and follows it to its end. Rows Norce's log names as failed come back with
     * their problem; the rest are written.
     */
    public List<Written> toShop(ShopSettings shop, List<Product> batch, boolean create, Set<ProductField> owned,
                                JobListener listener) throws IOException, InterruptedException {
        ProductSettings settings = shop.products();
        ArrayNode items = EconomicJson.MAPPER.createArrayNode();
        for (Product product : batch) {
            items.add(NorceProductMapper.importItem(product, create, owned, settings));
        }
        long jobId = norce.importProducts(shop, NorceProductMapper.importHeader(create, owned, settings), items);
        listener.submitted(jobId);
        return follow(shop, jobId, batch, create, owned);
    }

    /** Follows a job submitted earlier (e.g. before a restart) and sorts its rows into written and refused. */
    public List<Written> follow(ShopSettings shop, long jobId, List<Product> batch, boolean create,
                                Set<ProductField> owned) throws IOException, InterruptedException {
        Duration wait = shop.products().jobPollInterval();
        JobState state = norce.job(shop, jobId);
        while (!state.finished() && state.statusId() != 2 && state.statusId() != 3 && state.statusId() != 4) {
            pause.sleep(wait);
            wait = wait.multipliedBy(2).compareTo(MAX_JOB_POLL) > 0 ? MAX_JOB_POLL : wait.multipliedBy(2);
            state = norce.job(shop, jobId);
        }
        Map<String, String> refused = new HashMap<>();
        String jobFailure = null;
        if (!state.succeeded() || state.fail() > 0) {
            List<JobLogEntry> log = norce.jobLog(shop, jobId);
            for (JobLogEntry entry : log) {
                if (!entry.error()) {
                    continue;
                }
                List<String> parts = partNos(entry.importedRow());
                if (parts.isEmpty()) {
                    jobFailure = jobFailure == null ? entry.message() : jobFailure;
                }
                parts.forEach(part -> refused.merge(part, entry.message(), (a, b) -> a + " " + b));
            }
            if (!state.succeeded() && jobFailure == null) {
                jobFailure = "the job ended with status " + state.statusId();
            }
        }
        Set<ProductField> written = create ? Set.of(ProductField.values()) : owned;
        List<Written> results = new ArrayList<>();
        for (Product product : batch) {
            String reason = refused.get(product.articleNumber());
            if (reason == null && !state.succeeded()) {
                reason = jobFailure;
            }
            results.add(reason == null
                    ? new Written(product.articleNumber(), create, written, Optional.empty())
                    : new Written(product.articleNumber(), false, Set.of(), Optional.of(new ProductProblem(
                            ProductProblem.Code.REJECTED, product.articleNumber(), "product", null, "Article "
                            + product.articleNumber() + ": Norce import job " + jobId + " refused it: " + reason))));
        }
        return results;
    }

    /** The PartNos of an ImportedRow: a product item's SKUs, or a row's own PartNo. */
    static List<String> partNos(String importedRow) {
        List<String> parts = new ArrayList<>();
        if (importedRow == null || importedRow.isBlank()) {
            return parts;
        }
        try {
            JsonNode row = EconomicJson.MAPPER.readTree(importedRow);
            if (row.hasNonNull("PartNo")) {
                parts.add(row.get("PartNo").asText());
            }
            for (JsonNode variant : row.path("Variants")) {
                for (JsonNode sku : variant.path("Skus")) {
                    if (sku.hasNonNull("PartNo")) {
                        parts.add(sku.get("PartNo").asText());
                    }
                }
            }
        } catch (IOException notJson) {
            // A row Norce logged in another form names no article; the message still reaches the job's failure.
        }
        return parts;
    }
}
