package io.jesync.observe;

import java.util.Map;

/**
 * The items one flow keeps per shop, counted by state, for the flows view and alerts. The runtime binds one for
 * orders, status actions and reversals; a flow added later (products, stock, prices) binds its own bean of this type
 * in the registry and appears in {@code GET /api/flows} without any change here.
 */
public interface FlowItems {

    /** The key in the flows view, e.g. {@code orders}. */
    String name();

    Map<String, Long> countByState(String shopId);

    static FlowItems of(String name, java.util.function.Function<String, Map<String, Long>> counts) {
        return new FlowItems() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Long> countByState(String shopId) {
                return counts.apply(shopId);
            }
        };
    }
}
