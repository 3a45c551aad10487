package io.jesync.json;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The runtime's one JSON configuration, for what it sends to e-conomic and the shop, stores and answers on the
 * admin API.
 * <ul>
 *   <li>Numbers with a fraction are read as {@link java.math.BigDecimal}, so money stays exact, and keep the scale
 *   they were written with ({@code 10.00} stays {@code 10.00}).</li>
 *   <li>BigDecimal is written plain: {@code 1E+1} goes out as {@code 10}, because neither e-conomic's nor Norce's
 *   published API descriptions show a server accepting exponent notation.</li>
 *   <li>Nulls are written as null. The records sent to e-conomic ({@code io.jesync.economic.model}) leave their
 *   null properties out themselves ({@code @JsonInclude(NON_NULL)}), because e-conomic reads an explicit null as
 *   "clear this field".</li>
 *   <li>java.time values are ISO-8601 text, not epoch numbers.</li>
 *   <li>Unknown properties are ignored, because both remote APIs add fields without notice.</li>
 * </ul>
 * Never reconfigure {@link #MAPPER}; take {@code MAPPER.copy()} (tests), {@link #pretty()}, or build a stricter
 * mapper on top of it with {@code MAPPER.rebuild()} (as {@code io.jesync.plugin.PluginJson} does).
 */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new JavaTimeModule())
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** Indented output for files and the console, with the same number and null rules. */
    public static ObjectWriter pretty() {
        return PRETTY;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }
}
