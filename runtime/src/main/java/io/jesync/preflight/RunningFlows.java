package io.jesync.preflight;

import io.jesync.findings.SyncFlow;

/** Which of a shop's flows its settings switch on: a problem blocks only the flows that would run. */
final class RunningFlows {
    private RunningFlows() {
    }

    static boolean enabled(SyncFlow flow, ShopSettings shop) {
        return switch (flow) {
            case ORDERS -> shop.orders().enabled();
            case STATUS -> shop.status().enabled();
            case REVERSAL -> shop.reversal().enabled();
            case PRODUCTS -> shop.products().enabled();
            case STOCK -> shop.stockPrices().stockEnabled();
            case PRICES -> shop.stockPrices().pricesEnabled();
        };
    }
}
