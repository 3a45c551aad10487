package io.jesync.simulator.norce;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.simulator.DemoCatalog;

/**
 * The simulated tenant's catalogue side: the Query sets as Norce documents them (and 400 for any name they do not
 * have), and Connect imports checked against the contracts with the documented FieldsThatAreSet semantics.
 */
class NorceCatalogSimulatorTest extends NorceSimulatorTestSupport {
    private static final String SKUS = "/commerce/query/2.0/Products/ProductSkus";

    private JsonNode finished(int jobId) {
        for (int i = 0; i < 10; i++) {
            Reply reply = connectGet("/Job/Get?id=" + jobId);
            if (reply.json().get("IsFinished").asBoolean()) {
                return reply.json();
            }
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    private int submitted(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.json().get("JobId").asInt();
    }

    @Test
    void product_skus_are_keyed_by_part_no_and_never_updated_ones_have_no_updated() {
        Reply reply = query(SKUS + "?$filter=" + enc("PartNo eq 'KAF-00001'"));

        JsonNode sku = reply.json().get("value").get(0);
        assertThat(sku.has("Id")).as("ProductSku has no Id; PartNo is its key").isFalse();
        assertThat(sku.get("ClientId").asInt()).isEqualTo(NorceStore.CLIENT_ID);
        assertThat(sku.get("Updated").isNull()).isTrue();
        assertThat(sku.get("Created").asText()).isNotEmpty();
    }

    @Test
    void price_lists_carry_tenant_ids_and_their_code_as_agreement() {
        JsonNode lists = query("/commerce/query/2.0/Application/ClientPriceLists").json().get("value");

        assertThat(lists).extracting(l -> l.get("Agreement").asText()).contains("SE-B2C", "SE-B2B", "EU-B2C");
        assertThat(lists).allSatisfy(l -> assertThat(l.get("PriceListId").asInt()).isGreaterThan(7000));
        JsonNode prices = query("/commerce/query/2.0/Products/ProductSkuPriceLists?$filter="
                + enc("PartNo eq 'KAF-00001' and PriceListId eq " + NorceStore.PRICE_LIST_ID_SE_B2B)).json()
                .get("value");
        assertThat(prices).singleElement().satisfies(p -> assertThat(p.has("PriceListCode")).isFalse());
        JsonNode expanded = query(SKUS + "?$filter=" + enc("PartNo eq 'KAF-00001'") + "&$expand="
                + enc("PriceLists($filter=PriceListId eq " + NorceStore.PRICE_LIST_ID_SE_B2C
                + ";$select=PriceListId,PriceSale)")).json().get("value").get(0).get("PriceLists");
        assertThat(expanded).singleElement().satisfies(p -> assertThat(p.size()).isEqualTo(2));
    }

    @Test
    void names_the_sets_do_not_have_are_answered_400() {
        assertThat(query(SKUS + "?$select=PartNo,Name").status()).isEqualTo(400);
        assertThat(query(SKUS + "?$select=PriceStandard").status()).isEqualTo(400);
        assertThat(query(SKUS + "?$expand=Onhand").status()).isEqualTo(400);
        assertThat(query(SKUS + "?$filter=" + enc("Id gt 5")).status()).isEqualTo(400);
        assertThat(query(SKUS + "?$orderby=Id").status()).isEqualTo(400);
        assertThat(query(SKUS + "?$expand=" + enc("PriceLists($select=PriceListCode)")).status()).isEqualTo(400);
        Reply oldSet = query("/commerce/query/2.0/Products/Skus");
        assertThat(oldSet.status()).isEqualTo(404);
        assertThat(query(SKUS + "?$select=PartNo,ErpName").json().get("value").get(0).get("Name")).isNull();
    }

    @Test
    void a_header_member_or_field_name_outside_the_contract_is_refused() {
        Reply jobKey = importCall("ImportOnhands", "{\"AccountId\":1,\"JobKey\":\"x\",\"SkuOnhandFieldsThatAreSet\":"
                + "[\"OnhandValue\"]}", "[]");
        Reply badField = importCall("ImportOnhands", "{\"AccountId\":1,\"SkuOnhandFieldsThatAreSet\":[\"Onhand\"]}",
                "[]");
        Reply fullFileOnPriceLists = importCall("ImportPriceLists", "{\"AccountId\":1,\"FullFile\":false}", "[]");

        assertThat(jobKey.status()).isEqualTo(400);
        assertThat(jobKey.json().get("Description").asText()).contains("JobKey");
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.json().get("Description").asText()).contains("'Onhand'");
        assertThat(fullFileOnPriceLists.status()).isEqualTo(400);
    }

    @Test
    void a_row_member_outside_the_contract_fails_validation_and_the_rest_are_imported() {
        int jobId = submitted(importCall("ImportOnhands", "{\"AccountId\":1,\"SkuOnhandFieldsThatAreSet\":[3]}",
                "[{\"PartNo\":\"KAF-00001\",\"WarehouseCode\":\"MAIN\",\"LocationCode\":\"MAIN\",\"OnhandValue\":4},"
                        + "{\"PartNo\":\"KAF-00001\",\"WarehouseCode\":\"MAIN\",\"LocationCode\":\"MAIN\","
                        + "\"Quantity\":9}]"));

        finished(jobId);

        assertThat(sim.store().onhand("KAF-00001", "MAIN", "MAIN").orElseThrow().onhandValue())
                .isEqualByComparingTo("4");
        assertThat(connectGet("/Job/GetLog?id=" + jobId).json()).anySatisfy(e ->
                assertThat(e.get("Message").asText()).contains("SkuOnhand has no member 'Quantity'"));
    }

    @Test
    void a_listed_field_the_row_lacks_is_cleared_and_a_sent_field_not_listed_is_ignored() {
        String part = "KAF-00001";
        String ean = sim.store().sku(part).orElseThrow().eanCode();
        BigDecimal price = sim.store().price(NorceStore.PRICE_LIST_SE_B2C, part).orElseThrow().priceSale();
        assertThat(ean).isNotNull();

        int jobId = submitted(importCall("ImportProducts", "{\"AccountId\":1,\"FullFile\":false,"
                + "\"ProductFieldsThatAreSet\":[\"Variants\"],\"VariantFieldsThatAreSet\":[\"Skus\"],"
                + "\"SkuFieldsThatAreSet\":[\"Status\",\"EanCode\",\"StandardPrice\"]}",
                "[{\"Variants\":[{\"Skus\":[{\"PartNo\":\"" + part + "\",\"Status\":4,\"Type\":3}]}]}]"));
        finished(jobId);

        NorceModel.Sku sku = sim.store().sku(part).orElseThrow();
        assertThat(sku.statusId()).isEqualTo(4);
        assertThat(sku.eanCode()).as("listed, not sent: cleared").isNull();
        assertThat(sim.store().price(NorceStore.PRICE_LIST_SE_B2C, part).orElseThrow().priceSale())
                .as("StandardPrice listed, not sent: cleared (was %s)", price).isNull();
        assertThat(sku.typeId()).as("sent, not listed: ignored").isEqualTo(1);
    }

    @Test
    void a_price_import_ignores_null_and_zero_and_sending_a_price_activates_the_row() {
        int off = submitted(importCall("ImportSkuPriceLists", "{\"AccountId\":1,\"SkuPriceListFieldsThatAreSet\":"
                + "[\"IsActive\"]}", "[{\"PartNo\":\"KAF-00001\",\"PriceListCode\":\"SE-B2C\",\"QuantityBreak\":1,"
                + "\"IsActive\":false}]"));
        finished(off);
        BigDecimal price = sim.store().price("SE-B2C", "KAF-00001").orElseThrow().priceSale();
        assertThat(sim.store().price("SE-B2C", "KAF-00001").orElseThrow().isActive()).isFalse();

        int zero = submitted(importCall("ImportSkuPriceLists", "{\"AccountId\":1,\"SkuPriceListFieldsThatAreSet\":"
                + "[\"PriceSale\"]}", "[{\"PartNo\":\"KAF-00001\",\"PriceListCode\":\"SE-B2C\",\"QuantityBreak\":1,"
                + "\"PriceSale\":0}]"));
        finished(zero);
        assertThat(sim.store().price("SE-B2C", "KAF-00001").orElseThrow().priceSale()).isEqualByComparingTo(price);

        int priced = submitted(importCall("ImportSkuPriceLists", "{\"AccountId\":1,\"SkuPriceListFieldsThatAreSet\":"
                + "[\"PriceSale\"]}", "[{\"PartNo\":\"KAF-00001\",\"PriceListCode\":\"SE-B2C\",\"QuantityBreak\":1,"
                + "\"PriceSale\":42}]"));
        finished(priced);
        assertThat(sim.store().price("SE-B2C", "KAF-00001").orElseThrow().isActive()).isTrue();
    }

    @Test
    void the_job_service_answers_on_one_path_and_names_the_insert_count_as_asked() {
        int jobId = submitted(importCall("ImportOnhands", "{\"AccountId\":1,\"SkuOnhandFieldsThatAreSet\":"
                + "[\"OnhandValue\"]}", "[{\"PartNo\":\"KAF-00001\",\"WarehouseCode\":\"MAIN\",\"LocationCode\":"
                + "\"MAIN\",\"OnhandValue\":4}]"));
        sim.jobServiceUnderApi(true);
        sim.jobInsertCountAsInsert(true);

        assertThat(connectGet("/Job/Get?id=" + jobId).status()).isEqualTo(404);
        JsonNode job = connectGet("/api/Job/Get?id=" + jobId).json();
        assertThat(job.has("Insert")).isTrue();
        assertThat(job.has("Inserts")).isFalse();
        assertThat(job.get("StatusId").asInt()).isBetween(1, 6);
    }

    @Test
    void one_hundred_thousand_skus_page_by_part_no_quickly() {
        long started = System.nanoTime();
        sim.loadArticles(DemoCatalog.generate(100_000, 99L));
        int rows = 0;
        String after = "";
        while (true) {
            JsonNode page = query(SKUS + "?$select=PartNo&$orderby=PartNo&$top=500&$filter="
                    + enc("PartNo gt '" + after + "'")).json().get("value");
            rows += page.size();
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).get("PartNo").asText();
        }
        assertThat(rows).isEqualTo(sim.store().skuCount()).isGreaterThanOrEqualTo(100_000);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }
}
