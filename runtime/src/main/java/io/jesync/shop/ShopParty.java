package io.jesync.shop;

/**
 * A buyer, payer or recipient of a shop order. {@code customerCode} is the shop's customer key (null for a guest);
 * {@code companyName}, {@code organisationNumber} and {@code vatNumber} are set for business buyers.
 */
public record ShopParty(
        String customerCode,
        String firstName,
        String lastName,
        String companyName,
        String organisationNumber,
        String vatNumber,
        String email,
        String phone,
        ShopAddress address) {

    public boolean isBusiness() {
        return companyName != null && !companyName.isBlank();
    }

    public boolean isGuest() {
        return customerCode == null || customerCode.isBlank();
    }

    /** "Company AB" for businesses, "First Last" for people; blank parts dropped. */
    public String displayName() {
        if (isBusiness()) {
            return companyName.strip();
        }
        String first = firstName == null ? "" : firstName.strip();
        String last = lastName == null ? "" : lastName.strip();
        return (first + " " + last).strip();
    }
}
