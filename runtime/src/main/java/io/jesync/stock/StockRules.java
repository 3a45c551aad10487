package io.jesync.stock;

import java.math.BigDecimal;

import io.jesync.shop.ShopStock;

/**
 * What a shop shows for an article, from e-conomic's reading and the shop's rules. A pure function: the value is
 * absolute, computed afresh from the newest reading each time, never adjusted by a delta.
 */
public final class StockRules {
    private StockRules() {
    }

    /**
     * @param pending quantity of this shop's orders that e-conomic's stock does not include yet
     */
    public static ShopStock shopStock(ArticleReading reading, BigDecimal pending, StockPriceSettings rules) {
        BigDecimal figure = rules.figure() == StockPriceSettings.StockFigure.AVAILABLE ? reading.available()
                : reading.inStock();
        BigDecimal onhand = figure.subtract(rules.subtractPendingOrders() ? pending : BigDecimal.ZERO)
                .subtract(rules.safetyBuffer()).max(BigDecimal.ZERO);
        BigDecimal incoming = rules.sendIncoming() ? reading.incoming().max(BigDecimal.ZERO) : BigDecimal.ZERO;
        Integer leadTime;
        if (onhand.signum() > 0) {
            leadTime = rules.leadTimeInStock();
        } else if (incoming.signum() > 0) {
            leadTime = rules.leadTimeIncoming();
        } else {
            leadTime = rules.leadTimeOutOfStock();
        }
        return new ShopStock(onhand, incoming, leadTime);
    }

    /** The status a shop derives from the figures; shown in the flow's trace and docs. */
    public enum Status { IN_STOCK, INCOMING, OUT_OF_STOCK }

    public static Status status(ShopStock stock) {
        if (stock.onhand().signum() > 0) {
            return Status.IN_STOCK;
        }
        return stock.incoming().signum() > 0 ? Status.INCOMING : Status.OUT_OF_STOCK;
    }
}
