package io.jesync.economic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** e-conomic's two escaping rules: ids in REST paths and values inside a filter. */
public final class EconomicEncoding {
    // The index is the code between the underscores.
    private static final List<String> PATH_SPECIALS =
            List.of("<", ">", "*", "%", ":", "&", "/", "\\", "_", " ", "?", ".", "#", "+");

    private EconomicEncoding() {
    }

    /**
     * One path segment for an id such as a product number: {@code A_B/C} → {@code A_8_B_6_C}. Mapping character by
     * character has the effect of replacing {@code _} first: no code's own underscores get escaped again.
     */
    public static String pathId(String id) {
        StringBuilder out = new StringBuilder();
        id.codePoints().forEach(codePoint -> {
            String ch = Character.toString(codePoint);
            int code = PATH_SPECIALS.indexOf(ch);
            out.append(code >= 0 ? "_" + code + "_" : percentEncode(ch));
        });
        return out.toString();
    }

    /**
     * A literal value for {@code $eq:} and friends. Brackets stay raw: e-conomic does not honour {@code $[}/{@code $]}
     * (seen on a live agreement), so escaping them would search for a literal {@code $[}.
     */
    public static String filterValue(String value) {
        return value.replace("$", "$$")
                .replace("(", "$(")
                .replace(")", "$)")
                .replace("*", "$*")
                .replace(",", "$,");
    }

    /** A whole query parameter value; spaces become {@code %20}, not {@code +}, which not every server decodes. */
    public static String queryValue(String value) {
        return percentEncode(value);
    }

    private static String percentEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
