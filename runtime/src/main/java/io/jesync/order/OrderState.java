package io.jesync.order;

/** Where an order is on its way to exactly one e-conomic document (DESIGN.md, "Exactly-once documents"). */
public enum OrderState {
    NEW,
    SENDING,
    /** The send may or may not have reached e-conomic; look the document up before sending again. */
    IN_DOUBT,
    CREATED,
    BOOKED,
    ACKNOWLEDGED,
    /** Needs a person; never retried automatically. */
    PARKED,
    /** Retried when {@code next_attempt_at} is set and due; otherwise final. */
    FAILED,
    /** An operator decided the order is not to be sent (reason says why); undone only by an operator. */
    SKIPPED
}
