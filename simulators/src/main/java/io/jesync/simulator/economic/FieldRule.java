package io.jesync.simulator.economic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;

/**
 * The structural part of e-conomic's write validation, written as a small tree that mirrors the published
 * draft-03 schemas (which must not ship with the product). It produces e-conomic's annotated REST error tree and
 * projects a payload onto its declared, writable properties, because unknown and read-only properties are
 * ignored on write.
 */
final class FieldRule {
    enum Type { STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ARRAY }

    private final Type type;
    private boolean required;
    private boolean readOnly;
    private Integer minLength;
    private Integer maxLength;
    private Pattern pattern;
    private boolean date;
    private BigDecimal minimum;
    private BigDecimal maximum;
    private Integer maxDecimal;
    private List<String> enumValues;
    private final Map<String, FieldRule> properties = new LinkedHashMap<>();
    private FieldRule items;

    private FieldRule(Type type) {
        this.type = type;
    }

    static FieldRule string() {
        return new FieldRule(Type.STRING);
    }

    static FieldRule string(int maxLength) {
        return string().maxLength(maxLength);
    }

    static FieldRule date() {
        FieldRule rule = string();
        rule.date = true;
        return rule;
    }

    static FieldRule integer() {
        return new FieldRule(Type.INTEGER);
    }

    static FieldRule number() {
        return new FieldRule(Type.NUMBER);
    }

    static FieldRule money() {
        return number().maxDecimal(2);
    }

    static FieldRule bool() {
        return new FieldRule(Type.BOOLEAN);
    }

    static FieldRule object() {
        return new FieldRule(Type.OBJECT);
    }

    static FieldRule array(FieldRule items) {
        FieldRule rule = new FieldRule(Type.ARRAY);
        rule.items = items;
        return rule;
    }

    /** A reference such as {@code {"customerNumber": 5}} or {@code {"self": "https://..."}}. */
    static FieldRule reference(String numberProperty) {
        return object().prop(numberProperty, integer().minimum(1)).prop("self", string());
    }

    FieldRule required() {
        this.required = true;
        return this;
    }

    FieldRule readOnly() {
        this.readOnly = true;
        return this;
    }

    FieldRule minLength(int value) {
        this.minLength = value;
        return this;
    }

    FieldRule maxLength(int value) {
        this.maxLength = value;
        return this;
    }

    FieldRule pattern(String regex) {
        this.pattern = Pattern.compile(regex);
        return this;
    }

    FieldRule minimum(long value) {
        this.minimum = BigDecimal.valueOf(value);
        return this;
    }

    FieldRule maximum(long value) {
        this.maximum = BigDecimal.valueOf(value);
        return this;
    }

    FieldRule maxDecimal(int value) {
        this.maxDecimal = value;
        return this;
    }

    FieldRule oneOf(String... values) {
        this.enumValues = List.of(values);
        return this;
    }

    FieldRule prop(String name, FieldRule rule) {
        properties.put(name, rule);
        return this;
    }

    /** Validates an object payload; the result is empty when the payload passes. */
    ObjectNode check(JsonNode body) {
        ObjectNode tree = Json.object();
        for (Map.Entry<String, FieldRule> entry : properties.entrySet()) {
            String name = entry.getKey();
            FieldRule rule = entry.getValue();
            JsonNode value = body.get(name);
            if (value == null) {
                if (rule.required) {
                    tree.set(name, EconomicErrors.leaf(EconomicErrors.REQUIRED, name + " is required.", null));
                }
                continue;
            }
            if (rule.readOnly) {
                continue;
            }
            JsonNode problem = rule.checkValue(name, value);
            if (problem != null) {
                tree.set(name, problem);
            }
        }
        return tree;
    }

    private JsonNode checkValue(String name, JsonNode value) {
        if (value.isNull()) {
            return EconomicErrors.leaf(EconomicErrors.WRONG_TYPE, "Expected " + typeName() + " but got Null.", null);
        }
        return switch (type) {
            case OBJECT -> {
                if (!value.isObject()) {
                    yield wrongType(name, value);
                }
                ObjectNode inner = check(value);
                yield inner.isEmpty() ? null : inner;
            }
            case ARRAY -> value.isArray() ? checkItems(value) : wrongType(name, value);
            case STRING -> value.isTextual() ? checkString(name, value) : wrongType(name, value);
            case INTEGER -> value.isIntegralNumber() ? checkRange(name, value) : wrongType(name, value);
            case NUMBER -> value.isNumber() ? checkNumber(name, value) : wrongType(name, value);
            case BOOLEAN -> value.isBoolean() ? null : wrongType(name, value);
        };
    }

    private JsonNode checkItems(JsonNode array) {
        ArrayNode problems = Json.array();
        for (int i = 0; i < array.size(); i++) {
            JsonNode problem = items.checkValue("item", array.get(i));
            if (problem != null) {
                ObjectNode indexed = problems.addObject();
                indexed.put("arrayIndex", i);
                if (problem.isObject()) {
                    indexed.setAll((ObjectNode) problem);
                }
            }
        }
        return problems.isEmpty() ? null : problems;
    }

    private JsonNode checkString(String name, JsonNode value) {
        String text = value.asText();
        if (minLength != null && text.length() < minLength) {
            return EconomicErrors.leaf(EconomicErrors.TOO_SHORT,
                    name + " must be at least " + minLength + " characters long.", value);
        }
        if (maxLength != null && text.length() > maxLength) {
            return EconomicErrors.leaf(EconomicErrors.TOO_LONG,
                    name + " cannot be longer than " + maxLength + " characters.", value);
        }
        if (pattern != null && !pattern.matcher(text).find()) {
            return EconomicErrors.leaf(EconomicErrors.BAD_FORMAT, name + " has an invalid format.", value);
        }
        if (date) {
            try {
                LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return EconomicErrors.leaf(EconomicErrors.BAD_FORMAT, name + " must be a date as YYYY-MM-DD.", value);
            }
        }
        if (enumValues != null && !enumValues.contains(text)) {
            return EconomicErrors.leaf(EconomicErrors.NOT_IN_ENUM,
                    name + " must be one of " + String.join(", ", enumValues) + ".", value);
        }
        return null;
    }

    private JsonNode checkNumber(String name, JsonNode value) {
        if (maxDecimal != null && value.decimalValue().stripTrailingZeros().scale() > maxDecimal) {
            String places = maxDecimal == 2 ? "two" : Integer.toString(maxDecimal);
            return EconomicErrors.leaf(EconomicErrors.TOO_MANY_DECIMALS,
                    name + " scale cannot be greater then " + places + " decimal places.", value);
        }
        return checkRange(name, value);
    }

    private JsonNode checkRange(String name, JsonNode value) {
        BigDecimal number = value.decimalValue();
        if (minimum != null && number.compareTo(minimum) < 0) {
            return EconomicErrors.leaf(EconomicErrors.OUT_OF_RANGE, name + " must be at least " + minimum + ".", value);
        }
        if (maximum != null && number.compareTo(maximum) > 0) {
            return EconomicErrors.leaf(EconomicErrors.OUT_OF_RANGE, name + " must be at most " + maximum + ".", value);
        }
        return null;
    }

    private JsonNode wrongType(String name, JsonNode value) {
        return EconomicErrors.leaf(EconomicErrors.WRONG_TYPE,
                "Expected " + typeName() + " but got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                        + " for " + name + ".", value);
    }

    private String typeName() {
        String lower = type.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /**
     * Every problem {@link #check} finds in an object payload, flattened to "$.path: message" lines, so a test
     * can name the offending field of what the runtime sent.
     */
    List<String> violations(JsonNode body) {
        if (!body.isObject()) {
            return List.of("$: the body must be a JSON object");
        }
        List<String> out = new ArrayList<>();
        flatten(check(body), "$", out);
        return out;
    }

    private static void flatten(JsonNode tree, String path, List<String> out) {
        if (tree.has("errors") && tree.get("errors").isArray()) {
            tree.get("errors").forEach(error -> out.add(path + ": " + error.path("message").asText()));
            return;
        }
        if (tree.isArray()) {
            tree.forEach(item -> {
                ObjectNode rest = ((ObjectNode) item).deepCopy();
                int index = rest.remove("arrayIndex").asInt();
                flatten(rest, path + "[" + index + "]", out);
            });
            return;
        }
        tree.properties().forEach(entry -> flatten(entry.getValue(), path + "." + entry.getKey(), out));
    }

    /**
     * The properties of a payload that are not written: undeclared ones and read-only ones, as "$.path: why"
     * lines. e-conomic ignores them on write, so the simulator does too; a test uses this to prove the runtime only
     * sends fields whose rules are transcribed (and so checked) and that e-conomic takes.
     */
    List<String> unwritten(JsonNode value) {
        List<String> out = new ArrayList<>();
        collectUnwritten(value, "$", out);
        return out;
    }

    private void collectUnwritten(JsonNode value, String path, List<String> out) {
        if (type == Type.OBJECT && value.isObject()) {
            value.properties().forEach(field -> {
                FieldRule rule = properties.get(field.getKey());
                String at = path + "." + field.getKey();
                if (rule == null) {
                    out.add(at + ": not a property of the transcribed rule");
                } else if (rule.readOnly) {
                    out.add(at + ": read-only, e-conomic ignores it on write");
                } else {
                    rule.collectUnwritten(field.getValue(), at, out);
                }
            });
        } else if (type == Type.ARRAY && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                items.collectUnwritten(value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /**
     * This rule in the vocabulary of e-conomic's draft-03 schemas (type, required, readOnly, maxLength, ...),
     * so the contract tests can hold the transcription against the published files keyword by keyword.
     */
    ObjectNode describe() {
        ObjectNode out = Json.object();
        out.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        if (required) {
            out.put("required", true);
        }
        if (readOnly) {
            out.put("readOnly", true);
        }
        if (minLength != null) {
            out.put("minLength", minLength);
        }
        if (maxLength != null) {
            out.put("maxLength", maxLength);
        }
        if (pattern != null) {
            out.put("pattern", pattern.pattern());
        }
        if (date) {
            out.put("format", "full-date");
        }
        if (minimum != null) {
            out.put("minimum", minimum);
        }
        if (maximum != null) {
            out.put("maximum", maximum);
        }
        if (maxDecimal != null) {
            out.put("maxDecimal", maxDecimal);
        }
        if (enumValues != null) {
            ArrayNode values = out.putArray("enum");
            enumValues.forEach(values::add);
        }
        if (!properties.isEmpty()) {
            ObjectNode declared = out.putObject("properties");
            properties.forEach((name, rule) -> declared.set(name, rule.describe()));
        }
        if (items != null) {
            out.set("items", items.describe());
        }
        return out;
    }

    /** Copies only the declared, writable properties of an already validated payload. */
    JsonNode project(JsonNode value) {
        if (type == Type.OBJECT && value.isObject()) {
            ObjectNode copy = Json.object();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                FieldRule rule = properties.get(field.getKey());
                if (rule != null && !rule.readOnly && !field.getValue().isNull()) {
                    copy.set(field.getKey(), rule.project(field.getValue()));
                }
            }
            return copy;
        }
        if (type == Type.ARRAY && value.isArray()) {
            ArrayNode copy = Json.array();
            value.forEach(item -> copy.add(items.project(item)));
            return copy;
        }
        return value.deepCopy();
    }
}
