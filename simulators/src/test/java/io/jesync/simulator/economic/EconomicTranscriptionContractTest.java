package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jesync.testsupport.EconomicSchemas;

/**
 * Contract profile ({@code mvn -Pcontract -Deconomic.schemas=<folder>}): the project's transcription of
 * e-conomic's write rules ({@link EconomicModels}) accepts nothing e-conomic's published schema rejects. For
 * every writable property it declares, each keyword of the published schema is matched or tightened (a shorter
 * maxLength, a minimum where none is published, a required property, a stricter date check). Properties it
 * declares read-only are not compared: the default suite's {@code EconomicSchemaCheck} fails any test in which the
 * runtime sends one, or sends a property the transcription does not declare. Together this makes the
 * transcription a sound oracle for what the runtime sends.
 */
class EconomicTranscriptionContractTest {
    /** The pattern e-conomic publishes for dates; a transcribed date is parsed as ISO yyyy-MM-dd, which implies it. */
    private static final String DATE_PATTERN = "\\d{4}-\\d{2}-\\d{2}";

    private static EconomicSchemas schemas;

    @BeforeAll
    static void loadPublishedSchemas() {
        schemas = EconomicSchemas.fromProperty();
    }

    static Stream<String> transcribed() {
        return EconomicWriteRules.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcribed")
    void transcription_accepts_nothing_the_published_schema_rejects(String name) {
        // e-conomic publishes no schema for marking an order sent; the body is the draft order's document.
        String published = name.equals("orders.sent.post") ? "orders.drafts.post" : name;
        assertThat(schemas.has(published)).as("published schema %s in %s", published, schemas.directory()).isTrue();

        List<String> looser = new ArrayList<>();
        compare(EconomicWriteRules.schema(name), schemas.schema(published), "$", looser);

        assertThat(looser).as("%s: where the transcription (EconomicModels) is looser than %s.schema.json", name,
                published).isEmpty();
    }

    private static void compare(JsonNode transcribed, JsonNode published, String path, List<String> out) {
        for (Map.Entry<String, JsonNode> property : transcribed.path("properties").properties()) {
            JsonNode rule = property.getValue();
            if (rule.path("readOnly").asBoolean(false)) {
                continue;
            }
            JsonNode counterpart = published.path("properties").get(property.getKey());
            String at = path + "." + property.getKey();
            if (counterpart == null) {
                out.add(at + ": transcribed as writable, but the published schema has no such property");
            } else {
                keywords(rule, counterpart, at, out);
                compare(rule, counterpart, at, out);
                if (rule.has("items")) {
                    compare(rule.get("items"), counterpart.path("items"), at + "[]", out);
                }
            }
        }
    }

    private static void keywords(JsonNode transcribed, JsonNode published, String path, List<String> out) {
        String type = transcribed.path("type").asText();
        if (published.path("required").asBoolean(false) && !transcribed.path("required").asBoolean(false)) {
            out.add(path + ": required published, not transcribed");
        }
        if (published.has("type") && !typeAllows(published.get("type"), type)) {
            out.add(path + ": type transcribed " + type + ", published " + published.get("type"));
        }
        atLeast(out, path, "minLength", number(transcribed, "minLength"), number(published, "minLength"));
        atMost(out, path, "maxLength", number(transcribed, "maxLength"), number(published, "maxLength"));
        atLeast(out, path, "minimum", number(transcribed, "minimum"), minimum(published, type, path, out));
        atMost(out, path, "maximum", number(transcribed, "maximum"), number(published, "maximum"));
        atMost(out, path, "maxDecimal", number(transcribed, "maxDecimal"),
                number(published, published.has("maxDecimal") ? "maxDecimal" : "maxDecimals"));
        boolean date = isDate(transcribed);
        if (isDate(published) && !date) {
            out.add(path + ": a date published, not transcribed");
        }
        String pattern = published.path("pattern").asText(null);
        if (pattern != null && !pattern.equals(transcribed.path("pattern").asText(null))
                && !(date && pattern.equals(DATE_PATTERN))) {
            out.add(path + ": pattern " + pattern + " published, transcribed " + transcribed.get("pattern"));
        }
        if (published.has("enum")) {
            Set<String> allowed = values(published.get("enum"));
            Set<String> accepted = values(transcribed.get("enum"));
            if (accepted == null || !allowed.containsAll(accepted)) {
                out.add(path + ": enum transcribed " + accepted + ", published " + allowed);
            }
        }
    }

    /** The published lower bound; for integers an exclusive minimum m is the inclusive m + 1. */
    private static BigDecimal minimum(JsonNode published, String type, String path, List<String> out) {
        BigDecimal minimum = number(published, "minimum");
        if (minimum == null || !published.path("exclusiveMinimum").asBoolean(false)) {
            return minimum;
        }
        if (!type.equals("integer")) {
            out.add(path + ": exclusiveMinimum " + minimum + " published on a " + type);
        }
        return minimum.add(BigDecimal.ONE);
    }

    private static void atLeast(List<String> out, String path, String keyword, BigDecimal transcribed,
                                BigDecimal published) {
        if (published != null && (transcribed == null || transcribed.compareTo(published) < 0)) {
            out.add(path + ": " + keyword + " transcribed " + transcribed + ", published " + published);
        }
    }

    private static void atMost(List<String> out, String path, String keyword, BigDecimal transcribed,
                               BigDecimal published) {
        if (published != null && (transcribed == null || transcribed.compareTo(published) > 0)) {
            out.add(path + ": " + keyword + " transcribed " + transcribed + ", published " + published);
        }
    }

    private static boolean typeAllows(JsonNode type, String transcribed) {
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (option.asText().equals(transcribed)) {
                    return true;
                }
            }
            return false;
        }
        return type.asText().equals(transcribed);
    }

    private static BigDecimal number(JsonNode schema, String keyword) {
        return schema.has(keyword) ? schema.get(keyword).decimalValue() : null;
    }

    private static boolean isDate(JsonNode schema) {
        String format = schema.path("format").asText("");
        return format.equals("date") || format.equals("full-date");
    }

    private static Set<String> values(JsonNode values) {
        if (values == null) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        values.forEach(v -> out.add(v.isNull() ? "null" : v.asText()));
        return out;
    }
}
