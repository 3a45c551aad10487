package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopStatusPort;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.WriteBack;
import io.jesync.simulator.norce.NorceModel.WriteBackKind;

/** The Connect write-backs name the order the way each operation's contract does. */
class NorceOrderWriterTest extends NorceOrderTestSupport {

    private ShopOrder transferred(Order placed) throws Exception {
        return mapped(placed.applicationId(), List.of(reader.fetchOne(shop, placed.applicationId(), placed.id())
                .orElseThrow())).get(0);
    }

    @Test
    void a_delivery_note_names_the_order_by_the_order_no_norce_shows_now_and_carries_the_parcel() throws Exception {
        Order placed = sim.placeOrder(simple(SE_APP, 2));
        ShopOrder order = transferred(placed);
        NorceOrderWriter writer = new NorceOrderWriter(connection, clock);
        writer.setStatus(shop, new ShopStatusPort.StatusChange(order.orderNo(), "SO-1", "Confirmed"));
        sim.renumberOrder(placed.id(), "SO-1");

        ShopStatusPort.Write write = writer.createDeliveryNote(shop, new ShopStatusPort.DeliveryNote(order.orderNo(),
                "SO-1", "SO-1-D1", order.lines().subList(0, 1), List.of("00370712345678901"), order));

        WriteBack note = sim.writeBacks().stream().filter(w -> w.kind() == WriteBackKind.DELIVERY_NOTE).findFirst()
                .orElseThrow();
        assertThat(write).isEqualTo(ShopStatusPort.Write.DONE);
        assertThat(note.request().get("OrderNo").asText()).isEqualTo("SO-1");
        assertThat(note.request().has("ClientOrderRef")).isFalse();
        assertThat(note.request().at("/DeliveryNotePackages/0/ParcelNumber").asText()).isEqualTo("00370712345678901");
        assertThat(sim.writeBacks().get(0).request().get("ClientOrderRef").asInt()).isEqualTo(placed.quotationId());
    }

    @Test
    void a_fractional_quantity_is_refused_before_an_invoice_is_sent() throws Exception {
        ShopOrder order = transferred(sim.placeOrder(simple(SE_APP, 2)));
        ShopOrderLine half = new ShopOrderLine(1, ShopOrderLine.Kind.PRODUCT, "KAF-00001", "Kaffe",
                new BigDecimal("1.5"), new BigDecimal("100"), BigDecimal.ZERO, new BigDecimal("12"));

        NorceRequestException e = catchThrowableOfType(NorceRequestException.class, () ->
                new NorceOrderWriter(connection, clock).createInvoice(shop, new ShopStatusPort.Capture(order.orderNo(),
                        "SO-1", "SO-1-I1", "SEK", List.of(half), null, new BigDecimal("168.00"), "KCO")));

        assertThat(e.getMessage()).contains("line 1 has the quantity 1.5").contains("whole quantities");
        assertThat(sim.writeBacks()).isEmpty();
    }
}
