package io.jesync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jesync.economic.EconomicClient.SetupCollection;
import io.jesync.product.SyncDirection;
import io.jesync.status.StatusEventType;

class EnumKeysTest {

    @Test
    void a_key_is_the_constant_name_in_kebab_case() {
        assertEquals("credit-note-booked", StatusEventType.CREDIT_NOTE_BOOKED.key());
        assertEquals("shop-to-economic", SyncDirection.SHOP_TO_ECONOMIC.key());
        assertEquals("/payment-terms", SetupCollection.PAYMENT_TERMS.path());
    }

    @Test
    void a_key_is_found_whatever_its_case_and_surrounding_white_space() {
        assertEquals(Optional.of(SyncDirection.ECONOMIC_TO_SHOP), EnumKeys.find(SyncDirection.class, " Economic-To-Shop\n"));
    }

    @Test
    void nothing_is_found_for_null_an_unknown_key_or_the_constant_name_itself() {
        assertEquals(Optional.empty(), EnumKeys.find(SyncDirection.class, null));
        assertEquals(Optional.empty(), EnumKeys.find(SyncDirection.class, "sideways"));
        assertEquals(Optional.empty(), EnumKeys.find(SyncDirection.class, "SHOP_TO_ECONOMIC"));
    }
}
