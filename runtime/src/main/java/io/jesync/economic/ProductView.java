package io.jesync.economic;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What this process last saw of e-conomic's products: for each product number, whether it existed and was barred.
 * Every product the client reads or writes passes through it (a single GET, a page of a listing, the stock poll's
 * {@code lastUpdated} pages, a {@code $in} batch, a create or an update), so the flows that read products anyway keep
 * it current and the order flow asks e-conomic only about numbers nobody has read yet.
 *
 * <p>It can be stale in one direction only: a product deleted or barred in e-conomic after it was seen is still
 * here, because no listing shows a deletion. So the view is an accelerator, never the last word: a number it does not
 * hold is confirmed with a single GET before anything is created or parked for it, and a document e-conomic refuses
 * drops the order's numbers from the view and has them read again (see {@code ArticleCheck}).
 */
public final class ProductView {
    /** One product as last seen. */
    public record Seen(String productNumber, boolean barred) {
    }

    private final ConcurrentMap<String, Boolean> barred = new ConcurrentHashMap<>();

    public Optional<Seen> find(String productNumber) {
        Boolean b = barred.get(productNumber);
        return b == null ? Optional.empty() : Optional.of(new Seen(productNumber, b));
    }

    public boolean contains(String productNumber) {
        return barred.containsKey(productNumber);
    }

    /** Records a product as e-conomic returned it; anything without a product number is ignored. */
    public void saw(JsonNode product) {
        String number = product.path("productNumber").asText(null);
        if (number != null && !number.isEmpty()) {
            barred.put(number, product.path("barred").asBoolean(false));
        }
    }

    /** Records every item of a collection page ({@code {"collection": [...]}}). */
    public void sawPage(JsonNode page) {
        page.path("collection").forEach(this::saw);
    }

    /** e-conomic said the number does not exist (404), or refused a document naming it: read it again next time. */
    public void forget(String productNumber) {
        barred.remove(productNumber);
    }

    public int size() {
        return barred.size();
    }
}
