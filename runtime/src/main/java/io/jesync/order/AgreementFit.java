package io.jesync.order;

import java.util.Optional;

import io.jesync.economic.EconomicAgreement;

/**
 * Whether the e-conomic agreement can take what the shops are set to send. e-conomic refuses every write under
 * {@code /orders} on agreements with the inventory module, so a shop creating orders there cannot work. Checked at
 * start-up, and again by readiness, because the module can be switched on while the runtime runs (or e-conomic was
 * unreachable at start-up, so the first check could not be made).
 */
public final class AgreementFit {
    private AgreementFit() {
    }

    /** The problem with the first shop that does not fit, naming its setting; empty when all fit. */
    public static Optional<Problem> problem(EconomicAgreement agreement, RuntimeSettings settings) {
        if (!agreement.inventoryModule()) {
            return Optional.empty();
        }
        for (ShopSettings shop : settings.shops()) {
            if (shop.orders().enabled() && shop.orders().documentType() == OrderFlowSettings.DocumentType.ORDER) {
                return Optional.of(new Problem("shop." + shop.id() + ".orders.document-type", "is order, but"
                        + " e-conomic agreement " + agreement.agreementNumber() + " has the inventory module, which"
                        + " refuses orders through the API; use draft-invoice or booked-invoice"));
            }
        }
        return Optional.empty();
    }

    /** @param setting the key to change; {@code message} says why, after the key */
    public record Problem(String setting, String message) {
    }
}
