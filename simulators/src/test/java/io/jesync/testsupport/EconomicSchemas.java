package io.jesync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The tests' one draft-03 schema checker, and e-conomic's published schemas ({@code <resource>.<verb>.schema.json})
 * for the contract profile ({@code mvn -Pcontract -Deconomic.schemas=<folder>}): they are reference material
 * outside the project, so only the contract tests read them, and a missing folder fails those tests. The default
 * suite checks with {@link #violations(JsonNode, JsonNode)} against the project's transcription instead
 * ({@link EconomicSchemaCheck}). Supports what those schemas use: type, properties, required (draft-03 boolean on
 * the property), readOnly (not written, so not checked), minLength, maxLength, pattern (unanchored, as JSON Schema
 * defines it), minimum, maximum, exclusiveMinimum, maxDecimal (e-conomic's own keyword), enum, items and format
 * date / full-date.
 */
public final class EconomicSchemas {
    /** The system property naming the folder; Maven passes {@code -Deconomic.schemas} on to the tests. */
    public static final String PROPERTY = "economic.schemas";

    /** Two of the published files carry trailing commas; the oracle tolerates them like the browser did. */
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private final Path directory;
    private final Map<String, JsonNode> cache = new ConcurrentHashMap<>();

    private EconomicSchemas(Path directory) {
        this.directory = directory;
    }

    /** The schemas in the folder named by {@code -Deconomic.schemas}; fails the calling test when there are none. */
    public static EconomicSchemas fromProperty() {
        String folder = System.getProperty(PROPERTY, "");
        if (folder.isBlank()) {
            throw new AssertionError("The e-conomic contract tests need e-conomic's published schemas: run "
                    + "mvn -B -Pcontract -D" + PROPERTY + "=<folder holding *.schema.json> test");
        }
        Path dir = Path.of(folder).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("invoices.drafts.post.schema.json"))) {
            throw new AssertionError("-D" + PROPERTY + "=" + folder + ": no e-conomic schemas in " + dir
                    + " (expected files such as invoices.drafts.post.schema.json)");
        }
        return new EconomicSchemas(dir);
    }

    public Path directory() {
        return directory;
    }

    public boolean has(String name) {
        return Files.isRegularFile(file(name));
    }

    /** @param name e.g. {@code invoices.drafts.post} */
    public JsonNode schema(String name) {
        return cache.computeIfAbsent(name, n -> {
            try {
                return LENIENT.readTree(Files.readString(file(n)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + n, e);
            }
        });
    }

    /** Every violation of {@code body} against the named published schema, as "$.path: problem"; empty when valid. */
    public List<String> validate(String name, JsonNode body) {
        return violations(schema(name), body);
    }

    /** Every violation of {@code body} against a draft-03 {@code schema}, as "$.path: problem"; empty when valid. */
    public static List<String> violations(JsonNode schema, JsonNode body) {
        List<String> violations = new ArrayList<>();
        check(schema, body, "$", violations);
        return violations;
    }

    private Path file(String name) {
        return directory.resolve(name + ".schema.json");
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        if (!typeMatches(schema.get("type"), value)) {
            out.add(path + ": expected type " + schema.get("type") + " but got " + value.getNodeType());
            return;
        }
        JsonNode enumValues = schema.get("enum");
        if (enumValues != null && !contains(enumValues, value)) {
            out.add(path + ": " + value + " is not one of " + enumValues);
        }
        if (value.isTextual()) {
            checkString(schema, value.asText(), path, out);
        }
        if (value.isNumber()) {
            checkNumber(schema, value.decimalValue(), path, out);
        }
        if (value.isObject()) {
            checkObject(schema, value, path, out);
        }
        if (value.isArray() && schema.get("items") != null && schema.get("items").isObject()) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static void checkObject(JsonNode schema, JsonNode value, String path, List<String> out) {
        JsonNode properties = schema.path("properties");
        Iterator<Map.Entry<String, JsonNode>> declared = properties.fields();
        while (declared.hasNext()) {
            Map.Entry<String, JsonNode> property = declared.next();
            JsonNode child = value.get(property.getKey());
            if (child == null) {
                if (property.getValue().path("required").asBoolean(false)) {
                    out.add(path + "." + property.getKey() + ": required property missing");
                }
            } else if (!property.getValue().path("readOnly").asBoolean(false)) {
                check(property.getValue(), child, path + "." + property.getKey(), out);
            }
        }
        JsonNode requiredList = schema.get("required");
        if (requiredList != null && requiredList.isArray()) {
            requiredList.forEach(name -> {
                if (!value.has(name.asText())) {
                    out.add(path + "." + name.asText() + ": required property missing");
                }
            });
        }
    }

    private static void checkString(JsonNode schema, String text, String path, List<String> out) {
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            out.add(path + ": shorter than minLength " + schema.get("minLength").asInt());
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            out.add(path + ": longer than maxLength " + schema.get("maxLength").asInt());
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            out.add(path + ": does not match pattern " + schema.get("pattern").asText());
        }
        String format = schema.path("format").asText("");
        if (format.equals("date") || format.equals("full-date")) {
            try {
                LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                out.add(path + ": not a " + format + ": " + text);
            }
        }
    }

    private static void checkNumber(JsonNode schema, BigDecimal number, String path, List<String> out) {
        if (schema.has("minimum")) {
            BigDecimal minimum = schema.get("minimum").decimalValue();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? number.compareTo(minimum) <= 0 : number.compareTo(minimum) < 0) {
                out.add(path + ": below minimum " + minimum + (exclusive ? " (exclusive)" : ""));
            }
        }
        if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
            out.add(path + ": above maximum " + schema.get("maximum").decimalValue());
        }
        if (schema.has("maxDecimal") && number.stripTrailingZeros().scale() > schema.get("maxDecimal").asInt()) {
            out.add(path + ": more than " + schema.get("maxDecimal").asInt() + " decimals: " + number.toPlainString());
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type == null) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (typeMatches(option, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static boolean contains(JsonNode enumValues, JsonNode value) {
        for (JsonNode option : enumValues) {
            if (option.equals(value) || option.isNumber() && value.isNumber()
                    && option.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
        }
        return false;
    }
}
