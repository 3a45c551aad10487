package io.jesync.product;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicValidationException;
import io.jesync.shop.ShopProductPort;

/**
 * The writes both product flows and the initial sync make: one product into e-conomic (POST when new, else
 * read-merge-PUT with only the source's fields), and a batch of products into the shop as imports followed to
 * their end. A refusal of one product comes back as its {@link ProductProblem}; anything that may pass on a later
 * try (429, 5xx, no answer) is thrown, so the caller stops and resumes later without losing the product.
 */
public final class ProductWrites {
    /** What happened to one product. {@code fields} are the fields written (all of them on create). */
    public record Written(String articleNumber, boolean created, Set<ProductField> fields,
                          Optional<ProductProblem> problem) {
    }

    private final EconomicClient economic;
    private final ShopProductPort shop;

    public ProductWrites(EconomicClient economic, ShopProductPort shop) {
        this.economic = economic;
        this.shop = shop;
    }

    public ShopProductPort shop() {
        return shop;
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
        void submitted(String reference);
    }

    /**
     * Imports one batch into the shop (creates and updates go in separate batches, since an import's field lists
     * apply to every row) and follows it to its end. Rows the shop names as refused come back with their problem;
     * the rest are written.
     */
    public List<Written> toShop(ShopSettings shop, List<Product> batch, boolean create, Set<ProductField> owned,
                                JobListener listener) throws IOException, InterruptedException {
        String reference = this.shop.submit(shop, batch.stream().map(ShopProducts::toShop).toList(), create,
                ShopProducts.fields(owned));
        listener.submitted(reference);
        return follow(shop, reference, batch, create, owned).orElseThrow(() -> new IOException("shop " + shop.id()
                + " does not know its own import " + reference + " right after it was submitted"));
    }

    /**
     * Follows an import submitted earlier (e.g. before a restart) and sorts its rows into written and refused;
     * empty when the shop no longer knows the import.
     */
    public Optional<List<Written>> follow(ShopSettings shop, String reference, List<Product> batch, boolean create,
                                          Set<ProductField> owned) throws IOException, InterruptedException {
        Optional<ShopProductPort.ImportOutcome> outcome = this.shop.follow(shop, reference,
                batch.stream().map(Product::articleNumber).toList());
        if (outcome.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> refused = outcome.get().refused();
        Set<ProductField> written = create ? Set.of(ProductField.values()) : owned;
        List<Written> results = new ArrayList<>();
        for (Product product : batch) {
            String reason = refused.get(product.articleNumber());
            results.add(reason == null
                    ? new Written(product.articleNumber(), create, written, Optional.empty())
                    : new Written(product.articleNumber(), false, Set.of(), Optional.of(new ProductProblem(
                            ProductProblem.Code.REJECTED, product.articleNumber(), "product", null, "Article "
                            + product.articleNumber() + ": " + reason))));
        }
        return Optional.of(results);
    }
}
