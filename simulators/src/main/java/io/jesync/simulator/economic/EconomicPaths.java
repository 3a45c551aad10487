package io.jesync.simulator.economic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * e-conomic's own escaping of special characters in resource ids such as product numbers:
 * {@code _8_} for an underscore, {@code _6_} for a slash and so on, everything else percent-encoded.
 */
public final class EconomicPaths {
    private static final String[] SPECIALS = {"<", ">", "*", "%", ":", "&", "/", "\\", "_", " ", "?", ".", "#", "+"};
    private static final Map<String, Integer> CODE_BY_CHAR;
    private static final Pattern CODE = Pattern.compile("_(\\d{1,2})_");

    static {
        java.util.HashMap<String, Integer> codes = new java.util.HashMap<>();
        for (int i = 0; i < SPECIALS.length; i++) {
            codes.put(SPECIALS[i], i);
        }
        CODE_BY_CHAR = Map.copyOf(codes);
    }

    private EconomicPaths() {
    }

    /** Encodes an id for use as one path segment. */
    public static String encodeId(String id) {
        StringBuilder out = new StringBuilder();
        id.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            Integer code = CODE_BY_CHAR.get(ch);
            out.append(code != null ? "_" + code + "_" : URLEncoder.encode(ch, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    /** Reverses {@link #encodeId} on an already percent-decoded path segment. */
    public static String decodeId(String segment) {
        Matcher m = CODE.matcher(segment);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int code = Integer.parseInt(m.group(1));
            String replacement = code < SPECIALS.length ? SPECIALS[code] : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
