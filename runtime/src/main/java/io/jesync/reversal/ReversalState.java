package io.jesync.reversal;

/**
 * Where one reversal of a transferred order stands. {@code CREATED}: the credit note exists as a draft and is still
 * to be booked; {@code DONE}: nothing more to do in e-conomic; {@code SKIPPED}: an operator decided it is not to be
 * carried out (the reason says why).
 */
public enum ReversalState {
    NEW, SENDING, IN_DOUBT, CREATED, DONE, PARKED, FAILED, SKIPPED
}
