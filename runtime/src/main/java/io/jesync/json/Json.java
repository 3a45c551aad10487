package io.jesync.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
 *   <li>Nesting deeper than {@link #MAX_NESTING_DEPTH} fails the read (as do Jackson's own limits on the length of
 *   numbers and texts), with a {@link StreamConstraintsException}: {@link #beyondLimits} tells it apart.</li>
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
    /**
     * The deepest nesting read: a Norce order or an e-conomic document is under ten levels deep, so a hundred leaves
     * room and keeps every walk over a tree (the mappers, the payload masker) far from the stack's limit.
     */
    public static final int MAX_NESTING_DEPTH = 100;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
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

    /** Whether {@code failure} (or a cause) is a read refused for its depth or the length of a number or text. */
    public static boolean beyondLimits(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
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
