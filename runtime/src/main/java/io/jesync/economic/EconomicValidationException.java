package io.jesync.economic;

import java.util.List;

/**
 * e-conomic refused the request as it stands (400, 404, other 4xx). Permanent: sending it again gives the same
 * answer, so the flow parks the order with {@link #fieldErrors()} for a person to fix.
 */
public final class EconomicValidationException extends EconomicException {
    private final List<FieldError> fieldErrors;
    private final List<String> allowedFilteringFields;

    EconomicValidationException(CallTrace trace, String summary, List<FieldError> fieldErrors,
                                List<String> allowedFilteringFields) {
        super(trace, summary, null);
        this.fieldErrors = List.copyOf(fieldErrors);
        this.allowedFilteringFields = List.copyOf(allowedFilteringFields);
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Filled only when a filter was refused: the properties e-conomic really lets us filter on. */
    public List<String> allowedFilteringFields() {
        return allowedFilteringFields;
    }
}
