package io.jesync.order;

import io.jesync.shop.ShopAddress;
import io.jesync.shop.ShopOrder;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses the e-conomic VAT zone of a buyer. e-conomic derives the VAT of every line from the recipient's zone
 * (and the product group's sales account for that zone), so this choice decides whether VAT is charged at all.
 */
public final class VatZoneRule {

    /** The 27 EU member states in 2026, as ISO 3166-1 codes (Greece is GR here, not its VAT prefix EL). */
    public static final Set<String> EU_MEMBERS = Set.of(
            "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
            "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /** Where a buyer is, seen from the merchant; also picks the customer group. */
    public enum Region {
        DOMESTIC, EU, ABROAD
    }

    private VatZoneRule() {
    }

    /** The buyer's zone; an unknown or missing buyer country parks the order. */
    public static int zoneFor(ShopOrder order, OrderMappingSettings s) {
        String country = knownCountry(order.orderNo(), "buyer.address.countryCode", order.buyer().address());
        return zoneFor(country, order.buyer().address().zip(), order.buyer().vatNumber(), s);
    }

    /**
     * As {@link #zoneFor(String, String, OrderMappingSettings)}, for a buyer at {@code postcode}: a territory outside
     * the EU VAT area (Åland, the Canary Islands, …, see {@link VatArea}) is abroad, whatever its country code.
     */
    public static int zoneFor(String countryCode, String postcode, String vatNumber, OrderMappingSettings s) {
        String country = countryCode.strip().toUpperCase(Locale.ROOT);
        Integer override = s.countryVatZones().get(country);
        if (override != null) {
            return override;
        }
        return switch (regionOf(country, postcode, s)) {
            case DOMESTIC -> s.domesticVatZone();
            case EU -> Texts.isBlank(vatNumber) ? s.euPrivateVatZone() : s.euVatZone();
            case ABROAD -> s.abroadVatZone();
        };
    }

    /** Where a buyer at {@code postcode} in {@code countryCode} is for VAT, seen from the merchant. */
    public static Region regionOf(String countryCode, String postcode, OrderMappingSettings s) {
        Region region = regionOf(countryCode, s);
        if (region != Region.ABROAD && VatArea.excluded(countryCode, postcode).isPresent()) {
            return Region.ABROAD;
        }
        return region;
    }

    /**
     * The zone for a buyer in {@code countryCode} (a known ISO code). A VAT number makes an EU buyer a business
     * that accounts for the VAT itself (reverse charge); without one the buyer is treated as private, whether a
     * person or a company that gave no VAT number, because the merchant may only skip VAT on a verified number.
     */
    public static int zoneFor(String countryCode, String vatNumber, OrderMappingSettings s) {
        String country = countryCode.strip().toUpperCase(Locale.ROOT);
        Integer override = s.countryVatZones().get(country);
        if (override != null) {
            return override;
        }
        return switch (regionOf(country, s)) {
            case DOMESTIC -> s.domesticVatZone();
            case EU -> Texts.isBlank(vatNumber) ? s.euPrivateVatZone() : s.euVatZone();
            case ABROAD -> s.abroadVatZone();
        };
    }

    public static Region regionOf(String countryCode, OrderMappingSettings s) {
        String country = countryCode.strip().toUpperCase(Locale.ROOT);
        if (!ISO_COUNTRIES.contains(country)) {
            throw new IllegalArgumentException("not an ISO 3166-1 country code: " + countryCode);
        }
        String vatCountry = VatArea.vatCountry(country);
        if (vatCountry.equals(s.homeCountry())) {
            return Region.DOMESTIC;
        }
        return EU_MEMBERS.contains(vatCountry) ? Region.EU : Region.ABROAD;
    }

    /**
     * Whether e-conomic adds VAT to lines in {@code zone}. The EU (reverse charge) and abroad (export) zones carry
     * none; every other zone, including per-country OSS zones, charges the rate the shop charged.
     */
    public static boolean chargesVat(int zone, OrderMappingSettings s) {
        return zone != s.euVatZone() && zone != s.abroadVatZone();
    }

    /** The address's country as an upper-case ISO code, or the order is parked naming {@code field}. */
    static String knownCountry(String orderNo, String field, ShopAddress address) {
        String code = address == null ? null : address.countryCode();
        String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!ISO_COUNTRIES.contains(normalised)) {
            throw Park.unknownCountry(orderNo, field, code);
        }
        return normalised;
    }

    /** e-conomic's country field is free text, and invoices read better with "Germany" than with "DE". */
    static String englishName(String isoCode) {
        return new Locale("", isoCode).getDisplayCountry(Locale.ENGLISH);
    }
}
