package io.jesync.order;

import io.jesync.shop.ShopAddress;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopOrderLine.Kind;
import io.jesync.shop.ShopParty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Small shop orders for unit tests; the golden fixtures cover full orders. */
final class TestOrders {
    static final String ORDER_NO = "10023";

    private TestOrders() {
    }

    static ShopAddress address(String countryCode) {
        return new ShopAddress("Storgatan 1", null, null, "111 22", "Stockholm", countryCode);
    }

    static ShopParty person(String countryCode) {
        return new ShopParty("C-1", "Anna", "Svensson", null, null, null, "anna@example.se", "+46701234567",
                address(countryCode));
    }

    static ShopParty company(String countryCode, String vatNumber) {
        return new ShopParty("B-1", null, null, "Acme AB", "556677-8899", vatNumber, "acme@example.se", "08-123456",
                address(countryCode));
    }

    static ShopOrderLine product(int lineNumber, String article, String quantity, String unitPrice) {
        return new ShopOrderLine(lineNumber, Kind.PRODUCT, article, "Kaffe", new BigDecimal(quantity),
                new BigDecimal(unitPrice), BigDecimal.ZERO, new BigDecimal("25"));
    }

    /** One product at 100.00 ex VAT, 25 % VAT: 125.00 incl. VAT. */
    static ShopOrder order(ShopParty buyer) {
        return order(buyer, List.of(product(1, "KAF-001", "1", "100.00")), "125.00");
    }

    static ShopOrder order(ShopParty buyer, List<ShopOrderLine> lines, String totalIncVat) {
        return new ShopOrder("demo", ORDER_NO, 1L, 1001, 3, Instant.parse("2026-11-20T10:15:00Z"),
                Instant.parse("2026-11-20T10:15:00Z"), "SEK", buyer, null, lines, BigDecimal.ZERO,
                new BigDecimal(totalIncVat), "KCO", "kco-1");
    }

    static ShopOrder withCurrency(ShopOrder o, String currency) {
        return new ShopOrder(o.shopId(), o.orderNo(), o.platformOrderId(), o.channelId(), o.statusId(), o.orderDate(),
                o.updated(), currency, o.buyer(), o.shipTo(), o.lines(), o.orderDiscountExVat(), o.totalIncVat(),
                o.paymentMethod(), o.paymentReference());
    }

    static ShopOrder withShipTo(ShopOrder o, ShopParty shipTo) {
        return new ShopOrder(o.shopId(), o.orderNo(), o.platformOrderId(), o.channelId(), o.statusId(), o.orderDate(),
                o.updated(), o.currency(), o.buyer(), shipTo, o.lines(), o.orderDiscountExVat(), o.totalIncVat(),
                o.paymentMethod(), o.paymentReference());
    }

    static ShopOrder withShopId(ShopOrder o, String shopId) {
        return new ShopOrder(shopId, o.orderNo(), o.platformOrderId(), o.channelId(), o.statusId(), o.orderDate(),
                o.updated(), o.currency(), o.buyer(), o.shipTo(), o.lines(), o.orderDiscountExVat(), o.totalIncVat(),
                o.paymentMethod(), o.paymentReference());
    }

    static ShopOrder withOrderDiscount(ShopOrder o, String discount) {
        return new ShopOrder(o.shopId(), o.orderNo(), o.platformOrderId(), o.channelId(), o.statusId(), o.orderDate(),
                o.updated(), o.currency(), o.buyer(), o.shipTo(), o.lines(), new BigDecimal(discount),
                o.totalIncVat(), o.paymentMethod(), o.paymentReference());
    }

    static ShopParty withEmail(ShopParty p, String email) {
        return new ShopParty(p.customerCode(), p.firstName(), p.lastName(), p.companyName(), p.organisationNumber(),
                p.vatNumber(), email, p.phone(), p.address());
    }

    static ShopParty withVatNumber(ShopParty p, String vatNumber) {
        return new ShopParty(p.customerCode(), p.firstName(), p.lastName(), p.companyName(), p.organisationNumber(),
                vatNumber, p.email(), p.phone(), p.address());
    }
}
