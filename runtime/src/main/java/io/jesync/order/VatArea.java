package io.jesync.order;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which places inside an EU member state are outside the EU VAT area, and which places outside one are inside it,
 * by country and postcode. The list follows the territories the EU VAT Directive (2006/112/EC, Articles 6 and 7)
 * names; docs/flows/orders-mapping.md gives the table and the source. A buyer in an excluded territory is
 * treated as outside the EU (no VAT, export zone), whatever the country code says; one in an included place (Monaco)
 * as being in the member state it belongs to for VAT.
 */
public final class VatArea {

    /** A territory by country and postcode prefix (digits only, as the postcode reads without spaces or dashes). */
    public record Territory(String country, String postcodePrefix, String name) {
    }

    /** Parts of member states outside the EU VAT area (Directive 2006/112/EC, Article 6). */
    public static final List<Territory> EXCLUDED = List.of(
            new Territory("FI", "22", "Åland"),
            new Territory("ES", "35", "Canary Islands (Las Palmas)"),
            new Territory("ES", "38", "Canary Islands (Santa Cruz de Tenerife)"),
            new Territory("ES", "51", "Ceuta"),
            new Territory("ES", "52", "Melilla"),
            new Territory("GR", "63086", "Mount Athos"),
            new Territory("GR", "63087", "Mount Athos"),
            new Territory("DE", "78266", "Büsingen am Hochrhein"),
            new Territory("DE", "27498", "Heligoland"),
            new Territory("IT", "23041", "Livigno"),
            new Territory("IT", "22061", "Campione d'Italia"),
            new Territory("FR", "971", "Guadeloupe"),
            new Territory("FR", "972", "Martinique"),
            new Territory("FR", "973", "French Guiana"),
            new Territory("FR", "974", "Réunion"),
            new Territory("FR", "976", "Mayotte"),
            new Territory("FR", "97150", "Saint-Martin"));

    /** Countries outside the EU that are inside a member state's VAT area (Article 7): Monaco is France for VAT. */
    private static final List<String[]> INCLUDED = List.<String[]>of(new String[] {"MC", "FR"});

    private VatArea() {
    }

    /** The excluded territory a buyer in {@code country} with {@code postcode} is in, if any. */
    public static Optional<Territory> excluded(String country, String postcode) {
        String digits = postcode == null ? "" : postcode.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        String code = country.strip().toUpperCase(Locale.ROOT);
        // The longest prefix wins, so Saint-Martin (97150) is told apart from Guadeloupe (971).
        return EXCLUDED.stream().filter(t -> t.country().equals(code) && digits.startsWith(t.postcodePrefix()))
                .max(java.util.Comparator.comparingInt(t -> t.postcodePrefix().length()));
    }

    /** The member state whose VAT area {@code country} belongs to, or {@code country} itself. */
    public static String vatCountry(String country) {
        String code = country.strip().toUpperCase(Locale.ROOT);
        return INCLUDED.stream().filter(pair -> pair[0].equals(code)).map(pair -> pair[1]).findFirst().orElse(code);
    }
}
