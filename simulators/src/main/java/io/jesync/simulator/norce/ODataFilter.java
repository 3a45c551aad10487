package io.jesync.simulator.norce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData v4 {@code $filter} subset a poller sends: comparisons ({@code eq ne gt ge lt le}), {@code in (...)},
 * {@code and}, {@code or}, {@code not} and parentheses, over the flat properties an entity set declares.
 * Parsing happens once per request; evaluation reads properties through an accessor, so 100,000 rows are
 * filtered without rendering any JSON.
 */
public final class ODataFilter {

    /** Raised for any filter the simulated service would answer with 400. */
    public static final class InvalidFilterException extends RuntimeException {
        public InvalidFilterException(String message) {
            super(message, null, false, false);
        }
    }

    /** A compiled filter; reads each row's properties through the accessor given at evaluation. */
    public interface Predicate {
        boolean test(Function<String, Object> row);
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(\\()|(\\))|(,)|('(?:[^']|'')*')"
                    + "|(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:\\d{2}))"
                    + "|(-?\\d+(?:\\.\\d+)?)|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Set<String> COMPARATORS = Set.of("eq", "ne", "gt", "ge", "lt", "le");

    private record Token(String kind, String text) {
    }

    private final List<Token> tokens;
    private final Set<String> properties;
    private int pos;

    private ODataFilter(List<Token> tokens, Set<String> properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    /** Compiles {@code text}; an empty or absent filter matches every row. */
    public static Predicate parse(String text, Set<String> properties) {
        if (text == null || text.isBlank()) {
            return row -> true;
        }
        ODataFilter parser = new ODataFilter(tokenize(text), properties);
        Predicate predicate = parser.orExpr();
        if (parser.pos != parser.tokens.size()) {
            throw new InvalidFilterException("unexpected '" + parser.tokens.get(parser.pos).text() + "'");
        }
        return predicate;
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                throw new InvalidFilterException("syntax error at position " + at);
            }
            String[] kinds = {"(", ")", ",", "string", "datetime", "number", "word"};
            for (int g = 1; g <= kinds.length; g++) {
                if (m.group(g) != null) {
                    tokens.add(new Token(kinds[g - 1], m.group(g)));
                }
            }
            at = m.end();
        }
        return tokens;
    }

    private Predicate orExpr() {
        Predicate left = andExpr();
        while (peekWord("or")) {
            pos++;
            Predicate l = left;
            Predicate r = andExpr();
            left = row -> l.test(row) || r.test(row);
        }
        return left;
    }

    private Predicate andExpr() {
        Predicate left = unary();
        while (peekWord("and")) {
            pos++;
            Predicate l = left;
            Predicate r = unary();
            left = row -> l.test(row) && r.test(row);
        }
        return left;
    }

    private Predicate unary() {
        if (peekWord("not")) {
            pos++;
            Predicate inner = unary();
            return row -> !inner.test(row);
        }
        if (peek("(")) {
            pos++;
            Predicate inner = orExpr();
            expect(")");
            return inner;
        }
        return comparison();
    }

    private Predicate comparison() {
        Token property = next("property name");
        if (!property.kind().equals("word") || !properties.contains(property.text())) {
            throw new InvalidFilterException("Could not find a property named '" + property.text() + "'");
        }
        String name = property.text();
        Token op = next("operator");
        String operator = op.text().toLowerCase(Locale.ROOT);
        if (operator.equals("in")) {
            expect("(");
            List<Object> values = new ArrayList<>();
            values.add(literal());
            while (peek(",")) {
                pos++;
                values.add(literal());
            }
            expect(")");
            return row -> {
                Object actual = row.apply(name);
                return values.stream().anyMatch(v -> Integer.valueOf(0).equals(compare(actual, v)));
            };
        }
        if (!op.kind().equals("word") || !COMPARATORS.contains(operator)) {
            throw new InvalidFilterException("unknown operator '" + op.text() + "'");
        }
        Object expected = literal();
        return row -> {
            Integer c = compare(row.apply(name), expected);
            return switch (operator) {
                case "eq" -> c != null && c == 0;
                case "ne" -> c == null || c != 0;
                case "gt" -> c != null && c != NULL_MISMATCH && c > 0;
                case "ge" -> c != null && c != NULL_MISMATCH && c >= 0;
                case "lt" -> c != null && c != NULL_MISMATCH && c < 0;
                default -> c != null && c != NULL_MISMATCH && c <= 0;
            };
        };
    }

    /** Marks a comparison where exactly one side is null: only {@code ne} holds then, as in OData. */
    private static final int NULL_MISMATCH = Integer.MIN_VALUE;

    private static Integer compare(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == expected ? Integer.valueOf(0) : Integer.valueOf(NULL_MISMATCH);
        }
        if (expected instanceof BigDecimal number) {
            if (actual instanceof Number n) {
                return Integer.signum(new BigDecimal(n.toString()).compareTo(number));
            }
            return null;
        }
        if (expected instanceof Instant instant) {
            return actual instanceof Instant a ? Integer.signum(a.compareTo(instant)) : null;
        }
        if (expected instanceof Boolean b) {
            return actual instanceof Boolean a ? (a.equals(b) ? 0 : 1) : null;
        }
        return Integer.signum(actual.toString().compareTo(expected.toString()));
    }

    private Object literal() {
        Token token = next("value");
        return switch (token.kind()) {
            case "string" -> token.text().substring(1, token.text().length() - 1).replace("''", "'");
            case "number" -> new BigDecimal(token.text());
            case "datetime" -> {
                try {
                    yield OffsetDateTime.parse(token.text()).toInstant();
                } catch (DateTimeParseException e) {
                    throw new InvalidFilterException("invalid DateTimeOffset '" + token.text() + "'");
                }
            }
            case "word" -> switch (token.text()) {
                case "null" -> null;
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new InvalidFilterException("expected a value, found '" + token.text() + "'");
            };
            default -> throw new InvalidFilterException("expected a value, found '" + token.text() + "'");
        };
    }

    private Token next(String what) {
        if (pos >= tokens.size()) {
            throw new InvalidFilterException("expected " + what + " at end of filter");
        }
        return tokens.get(pos++);
    }

    private boolean peek(String kind) {
        return pos < tokens.size() && tokens.get(pos).kind().equals(kind);
    }

    private boolean peekWord(String word) {
        return pos < tokens.size() && tokens.get(pos).kind().equals("word") && tokens.get(pos).text().equals(word);
    }

    private void expect(String kind) {
        if (!peek(kind)) {
            throw new InvalidFilterException("expected '" + kind + "'");
        }
        pos++;
    }
}
