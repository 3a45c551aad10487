package io.jesync.order;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Masks credential-like fields before a payload is stored in a trace. The payloads the flows keep (shop orders,
 * e-conomic documents) carry no credentials by design; this is the guard that keeps it so if a platform ever
 * adds one (a PSP token, an API key in a custom field).
 */
public final class PayloadMasker {
    private static final Pattern SENSITIVE = Pattern.compile(
            "(?i).*(secret|token|password|passwd|authorization|apikey|api_key|cardnumber|cvc|ssn).*");
    public static final String MASK = "****";

    private PayloadMasker() {
    }

    /** Whether a field or header of this name holds a credential. */
    public static boolean isSensitive(String name) {
        return name != null && SENSITIVE.matcher(name).matches();
    }

    /** A masked deep copy; the input is not changed. */
    public static JsonNode mask(JsonNode payload) {
        if (payload == null) {
            return null;
        }
        JsonNode copy = payload.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (SENSITIVE.matcher(field.getKey()).matches() && field.getValue().isValueNode()
                        && !field.getValue().isNull()) {
                    field.setValue(object.textNode(MASK));
                } else {
                    maskInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(PayloadMasker::maskInPlace);
        }
    }
}
