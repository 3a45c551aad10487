package io.jesync.simulator.norce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;
import io.jesync.simulator.SimulatorServer;

/**
 * Query 2.0's service documents and lookup sets: {@code <service>/$metadata} (OData v4 CSDL XML) for the services
 * Orders, Products, Customers, Core and Application, and the rows of the Core and Application lookup sets
 * ({@code Core/Currencies}, {@code Application/ClientPriceLists}, ...). The entity shapes are transcribed from the
 * published evidence (docs/simulators.md lists each with its source); the lookup rows come from this tenant's own
 * data. A control lever hides one property or navigation from a service document, to play a tenant that differs.
 */
final class NorceMetadata {
    private static final String EDM = "http://docs.oasis-open.org/odata/ns/edm";
    private static final String EDMX = "http://docs.oasis-open.org/odata/ns/edmx";
    private static final String NAMESPACE = "Enferno.Storm.Query.Api.DataContexts.";
    /** Price-list ids are this tenant's own; they start far from any small default so assumed ids show up. */

    /** A property or navigation: {@code type} is an Edm type, or for a navigation the target type's short name. */
    private record Member(String name, String type, boolean navigation, boolean collection) {
    }

    private record Type(String name, String key, List<Member> members) {
    }

    private record Service(String namespace, List<Type> types, Map<String, String> entitySets) {
    }

    /** Registers a route on the simulator; the simulator passes its own route and control-route methods. */
    @FunctionalInterface
    interface Routes {
        void add(String method, String template, SimulatorServer.Handler handler);
    }

    private final NorceStore store;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Set<String> hidden = new TreeSet<>();

    NorceMetadata(NorceStore store) {
        this.store = store;
        services.put("Orders", orders());
        services.put("Products", products());
        services.put("Customers", new Service(NAMESPACE + "CustomerModel", List.of(
                type("Company", "Id", "Id:Int32", "Code:String", "Name:String", "OrganizationNo:String", "VatNo:String")),
                Map.of("Companies", "Company")));
        services.put("Core", new Service(NAMESPACE + "CoreModel", List.of(
                type("Currency", "Id", "Id:Int32", "Code:String", "DefaultName:String", "ExchangeRate:Decimal"),
                type("Country", "Id", "Id:Int32", "Code:String", "DefaultName:String"),
                type("PaymentMethod", "Id", "Id:Int32", "Code:String", "DefaultName:String"),
                type("Application", "Id", "Id:Int32", "Name:String"),
                type("SkuStatus", "Id", "Id:Int32", "DefaultName:String")),
                ordered("Currencies", "Currency", "Countries", "Country", "PaymentMethods", "PaymentMethod",
                        "Applications", "Application", "SkuStatuses", "SkuStatus")));
        services.put("Application", new Service(NAMESPACE + "ApplicationModel", List.of(
                type("PriceListClient", "PriceListId", "PriceListId:Int32", "ClientId:Int32", "Name:String",
                        "Agreement:String", "CurrencyId:Int32", "IsPrimary:Boolean", "IsPublic:Boolean",
                        "IsActive:Boolean", "Updated:DateTimeOffset"),
                type("SalesArea", "Id", "Id:Int32")),
                ordered("ClientPriceLists", "PriceListClient", "SalesAreas", "SalesArea")));
    }

    void register(Routes api, Routes control) {
        for (String service : services.keySet()) {
            api.add("GET", NorceQueryApi.BASE + "/" + service + "/$metadata", request -> document(service));
        }
        lookup(api, "Core/Applications", () -> {
            List<ObjectNode> rows = new ArrayList<>();
            store.applications().forEach(a -> rows.add(Json.object().put("Id", a.applicationId()).put("Name", a.name())));
            return rows;
        });
        lookup(api, "Core/SkuStatuses", () -> {
            List<ObjectNode> rows = new ArrayList<>();
            String[] names = {"Active", "Coming", "Expiring", "Hidden", "Inactive"};
            for (int i = 0; i < names.length; i++) {
                rows.add(Json.object().put("Id", i + 1).put("DefaultName", names[i]));
            }
            return rows;
        });
        lookup(api, "Application/SalesAreas", () -> {
            Set<Integer> areas = new TreeSet<>();
            store.priceLists().forEach(l -> {
                if (l.salesArea() != null) {
                    areas.add(l.salesArea());
                }
            });
            List<ObjectNode> rows = new ArrayList<>();
            areas.forEach(area -> rows.add(Json.object().put("Id", area)));
            return rows;
        });
        control.add("DELETE", "norce/metadata/{service}/{type}/{member}", request -> {
            String member = request.pathParam("service") + "/" + request.pathParam("type") + "/"
                    + request.pathParam("member");
            synchronized (hidden) {
                hidden.add(member);
            }
            return SimResponse.empty(204);
        });
        control.add("POST", "norce/metadata/restore", request -> {
            synchronized (hidden) {
                hidden.clear();
            }
            return SimResponse.empty(204);
        });
    }

    private static Service orders() {
        String[] customerInfo = {"FirstName:String", "LastName:String", "EmailAddress:String", "PhoneNumber:String",
                "CellPhoneNumber:String", "CompanyName:String", "CareOf:String", "AddressLine1:String",
                "AddressLine2:String", "ZipCode:String", "City:String", "Region:String", "CountryId:Int32",
                "ShippingPhoneNumber:String", "Gln:String"};
        return new Service(NAMESPACE + "OrderModel", List.of(
                type("Order", "Id", "Id:Int64", "ClientId:Int32", "ApplicationId:Int32", "QuotationId:Int32",
                        "OrderNo:String", "OrderDate:DateTimeOffset", "BuyerCompanyCode:String", "BuyerCompanyId:Int32",
                        "BuyerCustomerCode:String", "BuyerCustomerId:Int32", "PayerCompanyCode:String",
                        "PayerCompanyId:Int32", "PayerCustomerCode:String", "PayerCustomerId:Int32",
                        "GroupCode:String", "StatusId:Int32", "SalesRepContactId:Int32", "Source:String",
                        "DeliveryTerms:String", "DeliveryMode:String", "DeliveryDate:DateTimeOffset",
                        "IsPartDelivery:Boolean", "PaymentTerms:String", "CurrencyId:Int32", "VatRate:Decimal",
                        "CashDiscount:Decimal", "LineDiscount:Decimal", "FreightCost:Decimal", "OrderFee:Decimal",
                        "DeliveryAttention:String", "DeliveryCareOf:String", "Created:DateTimeOffset",
                        "Updated:DateTimeOffset", "PaymentMethodId:Int32", "DeliveryCountryId:Int32",
                        "DeliveryZipCode:String", "IsForgotten:Boolean",
                        "Items->*OrderItem", "Buyer->OrderCustomerInfo", "Payer->OrderCustomerInfo",
                        "ShipTo->OrderCustomerInfo", "Infos->*OrderInfo"),
                type("OrderItem", "Id", "Id:Int64", "OrderId:Int64", "LineNumber:Decimal", "ParentLineNumber:Decimal",
                        "StatusId:Int32", "PartNo:String", "ExternalPartNo:String", "ProductName:String",
                        "StockUnitOfMeasurementCount:Decimal", "PriceUnitOfMeasurementCount:Decimal",
                        "WarehouseId:Int32", "LocationId:Int32", "QtyOrdered:Decimal", "CurrencyId:Int32",
                        "VatRate:Decimal", "CostUnit:Decimal", "PriceSale:Decimal", "DiscountPercentage:Decimal",
                        "DiscountAmount:Decimal", "LineAmount:Decimal", "DeliveryMode:String", "IsPartDelivery:Boolean",
                        "ExpectedDeliveryDate:DateTimeOffset", "ConfirmedDeliveryDate:DateTimeOffset",
                        "Created:DateTimeOffset", "Updated:DateTimeOffset", "LineNumberString:String",
                        "PriceRecommended:Decimal", "PriceCatalog:Decimal", "PriceStandard:Decimal"),
                type("OrderCustomerInfo", null, customerInfo),
                type("OrderInfo", null, "Code:String", "Value:String")),
                Map.of("Orders", "Order"));
    }

    private static Service products() {
        return new Service(NAMESPACE + "ProductModel", List.of(
                type("ProductSku", "PartNo", "PartNo:String", "ProductId:Int32", "ClientId:Int32", "StatusId:Int32",
                        "StatusLastUpdated:DateTimeOffset", "TypeId:Int32", "IntegrationPartNo:String",
                        "ErpName:String", "DefaultComment:String", "CommodityCode:String", "EanCode:String",
                        "TrackingCode:String", "GrossWeight:Decimal", "NetWeight:Decimal", "VatRate:Decimal",
                        "Created:DateTimeOffset",
                        "Updated:DateTimeOffset", "PriceLists->*ProductSkuPricelist"),
                type("ProductSkuPricelist", null, "PartNo:String", "PriceListId:Int32", "QtyBreak:Decimal",
                        "ClientId:Int32", "Updated:DateTimeOffset",
                        "CurrencyId:Int32", "PriceSale:Decimal", "CostPurchase:Decimal", "CostUnit:Decimal",
                        "PriceStandard:Decimal", "PriceRecommended:Decimal", "PricePrevious:Decimal",
                        "PriceCatalog:Decimal", "IsActive:Boolean")),
                ordered("ProductSkus", "ProductSku", "ProductSkuPriceLists", "ProductSkuPricelist"));
    }

    /** {@code Name:EdmType} is a property; {@code Name->Target} a navigation, {@code Name->*Target} a collection. */
    private static Type type(String name, String key, String... members) {
        List<Member> list = new ArrayList<>();
        for (String member : members) {
            int arrow = member.indexOf("->");
            if (arrow > 0) {
                String target = member.substring(arrow + 2);
                boolean collection = target.startsWith("*");
                list.add(new Member(member.substring(0, arrow), collection ? target.substring(1) : target, true,
                        collection));
            } else {
                String[] parts = member.split(":");
                list.add(new Member(parts[0], "Edm." + parts[1], false, false));
            }
        }
        return new Type(name, key, list);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private SimResponse document(String serviceName) {
        Service service = services.get(serviceName);
        Set<String> hide;
        synchronized (hidden) {
            hide = new LinkedHashSet<>(hidden);
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"").append(EDMX).append("\">\n")
                .append("  <edmx:DataServices>\n")
                .append("    <Schema Namespace=\"").append(service.namespace()).append("\" xmlns=\"").append(EDM)
                .append("\">\n");
        for (Type type : service.types()) {
            xml.append("      <EntityType Name=\"").append(type.name()).append("\">\n");
            if (type.key() != null) {
                xml.append("        <Key><PropertyRef Name=\"").append(type.key()).append("\"/></Key>\n");
            }
            for (Member member : type.members()) {
                if (hide.contains(serviceName + "/" + type.name() + "/" + member.name())) {
                    continue;
                }
                if (member.navigation()) {
                    String target = service.namespace() + "." + member.type();
                    xml.append("        <NavigationProperty Name=\"").append(member.name()).append("\" Type=\"")
                            .append(member.collection() ? "Collection(" + target + ")" : target).append("\"/>\n");
                } else {
                    xml.append("        <Property Name=\"").append(member.name()).append("\" Type=\"")
                            .append(member.type()).append("\"")
                            .append(member.name().equals(type.key()) ? " Nullable=\"false\"" : "").append("/>\n");
                }
            }
            xml.append("      </EntityType>\n");
        }
        xml.append("    </Schema>\n")
                .append("    <Schema Namespace=\"Default\" xmlns=\"").append(EDM).append("\">\n")
                .append("      <EntityContainer Name=\"Container\">\n");
        service.entitySets().forEach((set, type) -> {
            if (!hide.contains(serviceName + "/sets/" + set)) {
                xml.append("        <EntitySet Name=\"").append(set).append("\" EntityType=\"")
                        .append(service.namespace()).append('.').append(type).append("\"/>\n");
            }
        });
        xml.append("      </EntityContainer>\n    </Schema>\n  </edmx:DataServices>\n</edmx:Edmx>\n");
        return SimResponse.text(200, "application/xml", xml.toString());
    }

    private void lookup(Routes api, String path, java.util.function.Supplier<List<ObjectNode>> rows) {
        api.add("GET", NorceQueryApi.BASE + "/" + path, request -> {
            rejectOptions(request);
            ArrayNode value = Json.array();
            rows.get().forEach(value::add);
            ObjectNode body = Json.object();
            String service = path.substring(0, path.indexOf('/'));
            body.put("@odata.context", "$metadata#" + path.substring(service.length() + 1));
            body.set("value", value);
            return SimResponse.json(200, body);
        });
    }

    /** The lookup sets are served whole; query options on them are not simulated and say so rather than being ignored. */
    private static void rejectOptions(SimRequest request) {
        for (String option : List.of("$filter", "$select", "$orderby", "$top", "$skip", "$expand")) {
            if (request.queryParam(option).isPresent()) {
                throw NorceQueryApi.odataError(400, "The simulator serves lookup sets whole; " + option
                        + " is not simulated on them.");
            }
        }
    }
}
