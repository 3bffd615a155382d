package vn.haiphong.ioc.dashboards.open311;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import vn.haiphong.ioc.core.wire.Json;

/**
 * The two answer formats of GeoReport v2, chosen by the extension of the path: XML (the spec's required one) as a root
 * element holding one element per item, JSON as an array of objects. Values are strings, numbers, booleans, null or
 * lists of them (written as a list element in XML); the writers escape everything, so no user text becomes markup.
 */
public enum Open311Format {
    xml("application/xml; charset=utf-8"),
    json("application/json; charset=utf-8");

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final String contentType;

    Open311Format(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Items under {@code root}, each as an {@code item} element in XML; the names are ignored in JSON. */
    public byte[] write(String root, String item, List<? extends Map<String, ?>> items) {
        return this == xml ? writeXml(root, item, items) : writeJson(items);
    }

    /** One object: the fields as children of {@code root} in XML, a JSON object (a service definition). */
    public byte[] writeOne(String root, Map<String, ?> fields) {
        if (this == json) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
                g.writeObject(fields);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                xmlValue(w, field.getKey(), field.getValue());
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The spec's error answer: {@code <errors><error><code/><description/></error></errors>}. */
    public byte[] error(int code, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        return write("errors", "error", List.of(error));
    }

    private static byte[] writeXml(String root, String item, List<? extends Map<String, ?>> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            for (Map<String, ?> fields : items) {
                w.writeStartElement(item);
                for (Map.Entry<String, ?> field : fields.entrySet()) {
                    xmlValue(w, field.getKey(), field.getValue());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void xmlValue(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value == null) {
            w.writeEmptyElement(name);
            return;
        }
        w.writeStartElement(name);
        if (value instanceof List<?> list) {
            // A list of maps (a service definition's attributes) or of plain values.
            for (Object element : list) {
                if (element instanceof Map<?, ?> map) {
                    w.writeStartElement(singular(name));
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        xmlValue(w, String.valueOf(e.getKey()), e.getValue());
                    }
                    w.writeEndElement();
                } else {
                    xmlValue(w, singular(name), element);
                }
            }
        } else {
            w.writeCharacters(String.valueOf(value));
        }
        w.writeEndElement();
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static byte[] writeJson(List<? extends Map<String, ?>> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeObject(items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Open311Format of(String extension) {
        return "json".equals(extension) ? json : xml;
    }
}
