package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** Reading a Query service's CSDL: sets, inherited properties, navigations by alias, and hostile documents refused. */
class NorceQueryMetadataTest {
    private static final String CSDL = """
            <?xml version="1.0" encoding="utf-8"?>
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:DataServices>
                <Schema Namespace="Shop.Model" Alias="M" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityType Name="Entity" Abstract="true">
                    <Key><PropertyRef Name="Id"/></Key>
                    <Property Name="Id" Type="Edm.Int64" Nullable="false"/>
                    <Property Name="Updated" Type="Edm.DateTimeOffset"/>
                  </EntityType>
                  <EntityType Name="Order" BaseType="M.Entity">
                    <Property Name="OrderNo" Type="Edm.String"/>
                    <NavigationProperty Name="Items" Type="Collection(Shop.Model.Line)"/>
                    <NavigationProperty Name="Buyer" Type="M.Party"/>
                  </EntityType>
                  <EntityType Name="Line"><Property Name="PartNo" Type="Edm.String"/></EntityType>
                  <EntityType Name="Party"><Property Name="CountryId" Type="Edm.Int32"/></EntityType>
                </Schema>
                <Schema Namespace="Default" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityContainer Name="Container"><EntitySet Name="Orders" EntityType="Shop.Model.Order"/></EntityContainer>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """;

    @Test
    void sets_inherited_properties_and_navigation_targets_are_read() throws IOException {
        NorceQueryMetadata metadata = NorceQueryMetadata.parse(CSDL.strip());

        NorceQueryMetadata.EntityType order = metadata.entitySet("Orders").orElseThrow();
        assertThat(order.properties()).containsExactly("Id", "Updated", "OrderNo");
        assertThat(metadata.navigation(order, "Items").orElseThrow().properties()).containsExactly("PartNo");
        assertThat(metadata.navigation(order, "Buyer").orElseThrow().properties()).containsExactly("CountryId");
        assertThat(metadata.navigation(order, "Payments")).isEmpty();
        assertThat(metadata.entitySet("OrderItems")).isEmpty();
        assertThat(metadata.entitySetNames()).containsExactly("Orders");
    }

    @Test
    void a_document_with_a_dtd_or_without_a_schema_is_refused() {
        assertThatThrownBy(() -> NorceQueryMetadata.parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                + " \"file:///etc/passwd\">]><x>&e;</x>")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("not an OData CSDL document");
        assertThatThrownBy(() -> NorceQueryMetadata.parse("{\"value\": []}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> NorceQueryMetadata.parse("<html><body>Sign in</body></html>"))
                .hasMessage("not an OData CSDL document: no Schema element");
    }
}
