package io.jesync.order;

/** Text limits e-conomic enforces, applied without breaking characters. */
public final class Texts {
    private static final String ELLIPSIS = "…";

    private Texts() {
    }

    /**
     * Cuts {@code text} to at most {@code maxChars} UTF-16 units, ending in "…" when cut. The limit is counted in
     * UTF-16 units because that is the stricter of e-conomic's (.NET string) and JSON Schema's (code point) counts;
     * the cut never lands inside a surrogate pair, so an emoji is kept whole or dropped whole.
     */
    public static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - ELLIPSIS.length();
        if (end > 0 && Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    /** A value quoted in a park message: null shows as empty, anything long is cut safely. */
    static String shorten(String value, int maxChars) {
        return value == null ? "" : truncate(value, maxChars);
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    static String blankToNull(String text) {
        return isBlank(text) ? null : text.strip();
    }
}
