package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * e-conomic's REST filter language: {@code prop$op:value} clauses joined by {@code $and:} / {@code $or:} and
 * grouped with parentheses ({@code $and:} binds tighter). String matching ignores case, {@code $like:}
 * without {@code *} means "contains", {@code $null:} is the null value, {@code $in:[..]} takes at most 200
 * values. Escapes {@code $$ $( $) $* $,} are honoured; {@code $[ $]} are not (live finding), so they stay
 * literal. A clause on a missing property matches only {@code $eq:$null:} (SQL-like null semantics).
 */
final class EconomicFilter {
    static final int MAX_IN_VALUES = 200;
    /** Stands for an escaped {@code $*} inside $like values, so it is not taken as a wildcard. */
    private static final char LITERAL_STAR = '\uE000';
    private static final Set<String> OPERATORS = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "like", "in", "nin");

    /** A filter the server refuses; {@code problems} become the list-of-strings {@code errors}. */
    static final class FilterException extends RuntimeException {
        private final List<String> problems;

        FilterException(String problem) {
            super(problem, null, false, false);
            this.problems = List.of(problem);
        }

        List<String> problems() {
            return problems;
        }
    }

    private sealed interface Node permits All, Any, Clause {
        boolean matches(Function<String, JsonNode> fields);
    }

    private record All(List<Node> parts) implements Node {
        public boolean matches(Function<String, JsonNode> fields) {
            return parts.stream().allMatch(p -> p.matches(fields));
        }
    }

    private record Any(List<Node> parts) implements Node {
        public boolean matches(Function<String, JsonNode> fields) {
            return parts.stream().anyMatch(p -> p.matches(fields));
        }
    }

    /**
     * {@code values} holds one value, or the list of $in/$nin; a null entry is {@code $null:}. {@code like} is
     * the compiled $like pattern, built once because a clause runs against every item of a collection.
     */
    private record Clause(String field, String op, List<String> values, Pattern like) implements Node {
        Clause(String field, String op, List<String> values) {
            this(field, op, values, op.equals("like") && values.get(0) != null ? likePattern(values.get(0)) : null);
        }

        public boolean matches(Function<String, JsonNode> fields) {
            JsonNode actual = fields.apply(field);
            boolean absent = actual == null || actual.isNull() || actual.isMissingNode();
            return switch (op) {
                case "in" -> !absent && values.stream().anyMatch(v -> compare(actual, v) == 0);
                case "nin" -> !absent && values.stream().noneMatch(v -> compare(actual, v) == 0);
                default -> {
                    String value = values.get(0);
                    if (value == null) {
                        yield op.equals("eq") ? absent : op.equals("ne") && !absent;
                    }
                    if (absent) {
                        yield false;
                    }
                    if (like != null) {
                        yield like.matcher(actual.asText()).matches();
                    }
                    Integer c = compare(actual, value);
                    if (c == null) {
                        yield false;
                    }
                    yield switch (op) {
                        case "eq" -> c == 0;
                        case "ne" -> c != 0;
                        case "gt" -> c > 0;
                        case "gte" -> c >= 0;
                        case "lt" -> c < 0;
                        default -> c <= 0;
                    };
                }
            };
        }
    }

    private final Node root;

    private EconomicFilter(Node root) {
        this.root = root;
    }

    boolean matches(Function<String, JsonNode> fields) {
        return root.matches(fields);
    }

    static EconomicFilter parse(String text, Set<String> filterable) {
        Parser parser = new Parser(text, filterable);
        Node node = parser.expression();
        if (parser.pos != text.length()) {
            throw new FilterException("Unexpected ')' at position " + parser.pos + " in filter.");
        }
        return new EconomicFilter(node);
    }

    /** Compares by the stored value's type; null when the filter value cannot be read as that type. */
    static Integer compare(JsonNode actual, String expected) {
        if (expected == null) {
            return null;
        }
        if (actual.isNumber()) {
            try {
                return actual.decimalValue().compareTo(new BigDecimal(expected.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (actual.isBoolean()) {
            if (!expected.equalsIgnoreCase("true") && !expected.equalsIgnoreCase("false")) {
                return null;
            }
            return Boolean.compare(actual.booleanValue(), Boolean.parseBoolean(expected));
        }
        return Integer.signum(actual.asText().toLowerCase(Locale.ROOT).compareTo(expected.toLowerCase(Locale.ROOT)));
    }

    private static Pattern likePattern(String pattern) {
        String p = pattern.indexOf('*') < 0 ? "*" + pattern + "*" : pattern;
        StringBuilder regex = new StringBuilder();
        for (char ch : p.toCharArray()) {
            if (ch == '*') {
                regex.append(".*");
            } else if (ch == LITERAL_STAR) {
                regex.append(Pattern.quote("*"));
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    private static final class Parser {
        private final String text;
        private final Set<String> filterable;
        private int pos;

        Parser(String text, Set<String> filterable) {
            this.text = text;
            this.filterable = filterable;
        }

        Node expression() {
            List<Node> alternatives = new ArrayList<>();
            alternatives.add(conjunction());
            while (text.startsWith("$or:", pos)) {
                pos += 4;
                alternatives.add(conjunction());
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new Any(alternatives);
        }

        private Node conjunction() {
            List<Node> parts = new ArrayList<>();
            parts.add(term());
            while (text.startsWith("$and:", pos)) {
                pos += 5;
                parts.add(term());
            }
            return parts.size() == 1 ? parts.get(0) : new All(parts);
        }

        private Node term() {
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                Node inner = expression();
                if (pos >= text.length() || text.charAt(pos) != ')') {
                    throw new FilterException("Missing ')' in filter.");
                }
                pos++;
                return inner;
            }
            return clause();
        }

        private Node clause() {
            int dollar = text.indexOf('$', pos);
            if (dollar <= pos) {
                throw new FilterException("Expected a property name at position " + pos + " in filter.");
            }
            String field = text.substring(pos, dollar);
            int colon = text.indexOf(':', dollar);
            if (colon < 0) {
                throw new FilterException("Expected an operator after '" + field + "' in filter.");
            }
            String op = text.substring(dollar + 1, colon).toLowerCase(Locale.ROOT);
            if (!OPERATORS.contains(op)) {
                throw new FilterException("The operator '$" + op + ":' is not supported.");
            }
            if (!filterable.contains(field)) {
                throw new FilterException("The property '" + field + "' is not filterable.");
            }
            pos = colon + 1;
            if (op.equals("in") || op.equals("nin")) {
                return new Clause(field, op, list());
            }
            List<String> single = new ArrayList<>();
            single.add(value(false, op.equals("like")));
            return new Clause(field, op, single);
        }

        private List<String> list() {
            if (pos >= text.length() || text.charAt(pos) != '[') {
                throw new FilterException("$in: and $nin: take a list in brackets, e.g. [1,2,3].");
            }
            pos++;
            List<String> values = new ArrayList<>();
            while (true) {
                values.add(value(true, false));
                if (pos >= text.length()) {
                    throw new FilterException("Missing ']' in filter list.");
                }
                char ch = text.charAt(pos++);
                if (ch == ']') {
                    break;
                }
            }
            if (values.size() > MAX_IN_VALUES) {
                throw new FilterException("A filter list can hold at most " + MAX_IN_VALUES + " values.");
            }
            return values;
        }

        /** Reads a value up to an unescaped ')' , '$and:' / '$or:' or, inside a list, ',' / ']'. */
        private String value(boolean inList, boolean like) {
            if (text.startsWith("$null:", pos)) {
                pos += 6;
                return null;
            }
            StringBuilder value = new StringBuilder();
            while (pos < text.length()) {
                char ch = text.charAt(pos);
                if (ch == '$') {
                    if (text.startsWith("$and:", pos) || text.startsWith("$or:", pos)) {
                        break;
                    }
                    char next = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
                    if (next == '$' || next == '(' || next == ')' || next == ',') {
                        value.append(next);
                        pos += 2;
                        continue;
                    }
                    if (next == '*') {
                        value.append(like ? LITERAL_STAR : '*');
                        pos += 2;
                        continue;
                    }
                } else if (ch == ')' || (inList && (ch == ',' || ch == ']'))) {
                    break;
                }
                value.append(ch);
                pos++;
            }
            return value.toString();
        }
    }
}
