package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jesync.testsupport.EconomicSchemas;

/**
 * Contract profile ({@code mvn -Pcontract -Deconomic.schemas=<folder>}): every property the project's
 * transcription ({@link EconomicModels}) declares carries exactly the rules e-conomic's published schema gives
 * it, keyword by keyword. Together with the default suite, where {@code EconomicSchemaCheck} rejects any property
 * the transcription does not declare, this makes the transcription a faithful oracle for what the runtime sends.
 */
class EconomicTranscriptionContractTest {
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
    void transcriptionCarriesThePublishedRules(String name) {
        // e-conomic publishes no schema for marking an order sent; the body is the draft order's document.
        String published = name.equals("orders.sent.post") ? "orders.drafts.post" : name;
        assertThat(schemas.has(published)).as("published schema %s in %s", published, schemas.directory()).isTrue();

        List<String> differences = new ArrayList<>();
        compare(EconomicModels.BY_SCHEMA.get(name).describe(), schemas.schema(published), "$", differences);

        assertThat(differences).as("%s: transcription (EconomicModels) against %s.schema.json", name, published)
                .isEmpty();
    }

    private static void compare(JsonNode transcribed, JsonNode published, String path, List<String> out) {
        keywords(transcribed, published, path, out);
        if (readOnly(transcribed) && readOnly(published)) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : transcribed.path("properties").properties()) {
            JsonNode counterpart = published.path("properties").get(property.getKey());
            String at = path + "." + property.getKey();
            if (counterpart == null) {
                out.add(at + ": transcribed, but not a property of the published schema");
            } else {
                compare(property.getValue(), counterpart, at, out);
            }
        }
        if (transcribed.has("items")) {
            compare(transcribed.get("items"), published.path("items"), path + "[]", out);
        }
    }

    private static void keywords(JsonNode transcribed, JsonNode published, String path, List<String> out) {
        differ(out, path, "readOnly", readOnly(transcribed), readOnly(published));
        differ(out, path, "required", transcribed.path("required").asBoolean(false),
                published.path("required").asBoolean(false));
        if (readOnly(transcribed) && readOnly(published)) {
            return;
        }
        JsonNode type = published.get("type");
        if (type != null && !typeAllows(type, transcribed.path("type").asText())) {
            out.add(path + ": type transcribed " + transcribed.path("type").asText() + ", published " + type);
        }
        differ(out, path, "minLength", number(transcribed, "minLength"), number(published, "minLength"));
        differ(out, path, "maxLength", number(transcribed, "maxLength"), number(published, "maxLength"));
        differ(out, path, "minimum", number(transcribed, "minimum"), number(published, "minimum"));
        differ(out, path, "maximum", number(transcribed, "maximum"), number(published, "maximum"));
        differ(out, path, "maxDecimal", number(transcribed, "maxDecimal"),
                number(published, published.has("maxDecimal") ? "maxDecimal" : "maxDecimals"));
        differ(out, path, "pattern", transcribed.path("pattern").asText(null), published.path("pattern").asText(null));
        differ(out, path, "date format", isDate(transcribed), isDate(published));
        differ(out, path, "enum", values(transcribed.get("enum")), values(published.get("enum")));
        if (published.path("exclusiveMinimum").asBoolean(false)) {
            out.add(path + ": exclusiveMinimum published, not transcribed");
        }
    }

    private static void differ(List<String> out, String path, String keyword, Object transcribed, Object published) {
        if (!Objects.equals(transcribed, published)) {
            out.add(path + ": " + keyword + " transcribed " + transcribed + ", published " + published);
        }
    }

    private static boolean readOnly(JsonNode schema) {
        return schema.path("readOnly").asBoolean(false) || schema.path("readonly").asBoolean(false);
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
        return schema.has(keyword) ? schema.get(keyword).decimalValue().stripTrailingZeros() : null;
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
