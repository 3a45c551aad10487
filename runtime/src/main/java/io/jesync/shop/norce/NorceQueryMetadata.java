package io.jesync.shop.norce;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * One Query service's {@code $metadata} (OData v4 CSDL XML): its entity sets, and per entity type the structural
 * and navigation properties, base types included. Only names are kept; types and facets are not checked.
 */
public final class NorceQueryMetadata {
    /** One entity or complex type: property names, and each navigation's target type (collection or not). */
    public record EntityType(String qualifiedName, Set<String> properties, Map<String, String> navigations) {
    }

    private final Map<String, String> entitySets;
    private final Map<String, EntityType> types;

    private NorceQueryMetadata(Map<String, String> entitySets, Map<String, EntityType> types) {
        this.entitySets = entitySets;
        this.types = types;
    }

    /** The type of rows of {@code entitySet}; empty when the service has no such set. */
    public Optional<EntityType> entitySet(String entitySet) {
        return Optional.ofNullable(entitySets.get(entitySet)).map(types::get);
    }

    /** The target type of {@code navigation} on {@code type}; empty when the type has no such navigation. */
    public Optional<EntityType> navigation(EntityType type, String navigation) {
        return Optional.ofNullable(type.navigations().get(navigation)).map(types::get);
    }

    public Set<String> entitySetNames() {
        return entitySets.keySet();
    }

    /** Parses a CSDL document; DTDs and external entities are refused, as the text comes from the network. */
    public static NorceQueryMetadata parse(String xml) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            document = builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not an OData CSDL document: " + e.getMessage(), e);
        }
        Map<String, String> sets = new LinkedHashMap<>();
        Map<String, Element> typeElements = new LinkedHashMap<>();
        NodeList schemas = document.getElementsByTagNameNS("*", "Schema");
        if (schemas.getLength() == 0) {
            throw new IOException("not an OData CSDL document: no Schema element");
        }
        for (int i = 0; i < schemas.getLength(); i++) {
            Element schema = (Element) schemas.item(i);
            String namespace = schema.getAttribute("Namespace");
            String alias = schema.getAttribute("Alias");
            for (Element child : children(schema)) {
                String kind = child.getLocalName();
                if (kind.equals("EntityType") || kind.equals("ComplexType")) {
                    typeElements.put(namespace + "." + child.getAttribute("Name"), child);
                    if (!alias.isEmpty()) {
                        typeElements.put(alias + "." + child.getAttribute("Name"), child);
                    }
                } else if (kind.equals("EntityContainer")) {
                    for (Element set : children(child)) {
                        if (set.getLocalName().equals("EntitySet")) {
                            sets.put(set.getAttribute("Name"), set.getAttribute("EntityType"));
                        }
                    }
                }
            }
        }
        Map<String, EntityType> types = new LinkedHashMap<>();
        for (String name : typeElements.keySet()) {
            types.put(name, resolve(name, typeElements, new LinkedHashSet<>()));
        }
        return new NorceQueryMetadata(sets, types);
    }

    private static EntityType resolve(String name, Map<String, Element> elements, Set<String> seen) {
        Set<String> properties = new LinkedHashSet<>();
        Map<String, String> navigations = new LinkedHashMap<>();
        Element element = elements.get(name);
        if (element == null || !seen.add(name)) {
            return new EntityType(name, properties, navigations);
        }
        String base = element.getAttribute("BaseType");
        if (!base.isEmpty()) {
            EntityType inherited = resolve(base, elements, seen);
            properties.addAll(inherited.properties());
            navigations.putAll(inherited.navigations());
        }
        for (Element child : children(element)) {
            if (child.getLocalName().equals("Property")) {
                properties.add(child.getAttribute("Name"));
            } else if (child.getLocalName().equals("NavigationProperty")) {
                String type = child.getAttribute("Type");
                if (type.startsWith("Collection(") && type.endsWith(")")) {
                    type = type.substring("Collection(".length(), type.length() - 1);
                }
                navigations.put(child.getAttribute("Name"), type);
            }
        }
        return new EntityType(name, properties, navigations);
    }

    private static Iterable<Element> children(Element parent) {
        java.util.List<Element> elements = new java.util.ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
