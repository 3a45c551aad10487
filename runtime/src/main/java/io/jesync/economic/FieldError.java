package io.jesync.economic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One rejected property, e.g. {@code lines[2].unitNetPrice} E04740. {@code path} is empty for errors that belong
 * to the whole request (such as a bad filter); {@code value} is what e-conomic says it received, or null.
 */
public record FieldError(String path, String errorCode, String message, JsonNode value) {
}
