package io.jesync.product;

/** The system whose value of a product field wins. */
public enum Owner {
    SHOP("shop"), ECONOMIC("e-conomic");

    private final String label;

    Owner(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
