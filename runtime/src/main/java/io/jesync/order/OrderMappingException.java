package io.jesync.order;

/** The order breaks a rule e-conomic or the mapping depends on; the flow parks it with {@link #reason()}. */
public final class OrderMappingException extends RuntimeException {
    private final ParkReason reason;

    public OrderMappingException(ParkReason reason) {
        super(reason.message());
        this.reason = reason;
    }

    public ParkReason reason() {
        return reason;
    }
}
