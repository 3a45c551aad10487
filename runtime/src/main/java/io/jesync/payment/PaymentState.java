package io.jesync.payment;

/**
 * Where one shop payment stands. {@code WAITING}: its invoice is not booked yet; {@code ENTERED}: the entry waits in
 * the journal for the accountant; {@code SETTLED}: the journal was booked, the invoice's open amount went down;
 * {@code NOT_REGISTERED}: the payment method is left to the bank match.
 */
public enum PaymentState {
    NEW, WAITING, SENDING, IN_DOUBT, ENTERED, SETTLED, NOT_REGISTERED, PARKED, FAILED
}
