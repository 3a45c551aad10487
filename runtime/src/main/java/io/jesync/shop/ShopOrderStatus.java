package io.jesync.shop;

/**
 * An order status of the shop platform as settings name it: the platform's id (what the order carries) and the
 * name its write API takes (e.g. Norce 2, "Confirmed").
 */
public record ShopOrderStatus(int id, String name) {
}
