package io.jesync.product;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.jesync.config.SyncMode;

/**
 * Who owns each product field in each flow (DESIGN.md, docs/configuration.md "Field ownership"). The runtime only
 * ever writes a field into the system that does not own it: an update from the shop to e-conomic carries the
 * shop's fields and keeps e-conomic's; an import into the shop lists only e-conomic's fields as set. Creating a
 * product is the exception: the new record needs every field, so it takes the source's values once.
 *
 * <p>Prices are e-conomic's wherever prices flow back (erp-master, combo) and the VAT rate follows the product
 * master; both are fixed by the flow. Name, barcode, active and unit may be given to the other side per shop.
 */
public final class FieldOwnership {
    /** Fields whose owner a shop may change with {@code shop.<id>.products.owner.<field>}. */
    public static final Set<ProductField> CONFIGURABLE = Collections.unmodifiableSet(EnumSet.of(ProductField.NAME,
            ProductField.BARCODE, ProductField.ACTIVE, ProductField.UNIT));

    private final SyncMode mode;
    private final Map<ProductField, Owner> owners;

    private FieldOwnership(SyncMode mode, Map<ProductField, Owner> owners) {
        this.mode = mode;
        this.owners = Collections.unmodifiableMap(owners);
    }

    /** The defaults of the flow with the shop's overrides of {@link #CONFIGURABLE} fields. */
    public static FieldOwnership of(SyncMode mode, Map<ProductField, Owner> overrides) {
        Map<ProductField, Owner> owners = new EnumMap<>(ProductField.class);
        for (ProductField field : ProductField.values()) {
            owners.put(field, defaultOwner(mode, field));
        }
        overrides.forEach((field, owner) -> {
            if (!CONFIGURABLE.contains(field)) {
                throw new IllegalArgumentException("the owner of " + field.key() + " follows from sync.mode");
            }
            owners.put(field, owner);
        });
        return new FieldOwnership(mode, owners);
    }

    /** The table in docs/configuration.md, as code. */
    public static Owner defaultOwner(SyncMode mode, ProductField field) {
        return switch (field) {
            // The shop has no unit in its SKU data the runtime reads, so e-conomic keeps it in every flow.
            case UNIT -> Owner.ECONOMIC;
            case SALES_PRICE -> mode == SyncMode.ECOM_MASTER ? Owner.SHOP : Owner.ECONOMIC;
            case NAME, VAT_RATE, BARCODE, ACTIVE -> mode == SyncMode.ERP_MASTER ? Owner.ECONOMIC : Owner.SHOP;
        };
    }

    public SyncMode mode() {
        return mode;
    }

    public Owner owner(ProductField field) {
        return owners.get(field);
    }

    /** The fields {@code owner} may write into the other system. */
    public Set<ProductField> ownedBy(Owner owner) {
        Set<ProductField> fields = EnumSet.noneOf(ProductField.class);
        owners.forEach((field, o) -> {
            if (o == owner) {
                fields.add(field);
            }
        });
        return fields;
    }

    /** Products move shop → e-conomic in ecom-master and combo, e-conomic → shop in erp-master. */
    public Owner productMaster() {
        return mode == SyncMode.ERP_MASTER ? Owner.ECONOMIC : Owner.SHOP;
    }
}
