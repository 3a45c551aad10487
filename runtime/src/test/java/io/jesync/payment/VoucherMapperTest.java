package io.jesync.payment;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The voucher a payment and a refund become, against golden fixtures in {@code src/test/resources/payment}. */
class VoucherMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_captured_klarna_payment_settles_its_invoice_on_the_clearing_account() throws Exception {
        String text = VoucherMapper.entryText("se", "1209001", ShopPayment.Kind.PAYMENT, "kco", "capture:17");
        assertThat(sent(VoucherMapper.toJson(new VoucherMapper.Voucher(3, "2026", 12, 1005, new BigDecimal("3682.4"),
                "SEK", LocalDate.of(2026, 12, 3), 5820, text)))).isEqualTo(fixture("klarna-payment-voucher.json"));
    }

    @Test
    void a_refund_is_a_negative_entry_against_the_credit_note() throws Exception {
        String text = VoucherMapper.entryText("se", "1209001", ShopPayment.Kind.REFUND, "KCO", "refund:1209001/1");
        assertThat(sent(VoucherMapper.toJson(new VoucherMapper.Voucher(3, "2026", 12, 1009, new BigDecimal("-249"),
                "SEK", LocalDate.of(2026, 12, 5), 5820, text)))).isEqualTo(fixture("refund-voucher.json"));
    }

    @Test
    void a_long_payment_method_gives_way_so_the_tag_that_finds_the_entry_is_never_cut() {
        String text = VoucherMapper.entryText("se", "1209001", ShopPayment.Kind.PAYMENT, "X".repeat(400),
                "capture:17");
        assertThat(text).hasSize(VoucherMapper.TEXT_LIMIT).endsWith(" #jesync-se-capture:17");
    }

    /** As it goes over the wire and e-conomic reads it. */
    private static Object sent(com.fasterxml.jackson.databind.JsonNode body) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(body));
    }

    private static Object fixture(String name) throws Exception {
        return JSON.readTree(Files.readString(Path.of("runtime/src/test/resources/payment", name)));
    }
}
