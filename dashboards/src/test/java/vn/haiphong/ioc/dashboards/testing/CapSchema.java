package vn.haiphong.ioc.dashboards.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** OASIS's CAP 1.2 schema (test resources) and small DOM helpers to read what the server wrote. */
public final class CapSchema {
    public static final String CAP = "urn:oasis:names:tc:emergency:cap:1.2";
    public static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final Schema SCHEMA = load();

    private CapSchema() {}

    private static Schema load() {
        URL xsd = CapSchema.class.getResource("/standards/CAP-v1.2.xsd");
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot load the CAP schema: " + e.getMessage(), e);
        }
    }

    /** Throws, with the schema's reason, when the document is not a valid CAP 1.2 alert. */
    public static void validate(byte[] xml) throws SAXException, IOException {
        Validator validator = SCHEMA.newValidator();
        validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    public static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The text of the first child element of that name (in the parent's namespace), or null. */
    public static String text(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent();
    }

    public static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e
                    && e.getLocalName().equals(name)
                    && parent.getNamespaceURI().equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }
}
