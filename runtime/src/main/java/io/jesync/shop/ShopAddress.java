package io.jesync.shop;

/** A postal address as the shop has it; {@code countryCode} is ISO 3166-1 alpha-2 (null when the shop had none). */
public record ShopAddress(String line1, String line2, String careOf, String zip, String city, String countryCode) {
}
