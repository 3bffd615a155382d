package vn.haiphong.ioc.dashboards.cap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * Writes CAP 1.2 messages and the Atom feed that lists them, with the JDK's StAX writer: every text from an alert goes
 * through it as character data, escaped, with the characters XML 1.0 cannot carry replaced.
 */
public final class CapWriter {
    public static final String CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2";
    public static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    public static final String CAP_MEDIA_TYPE = "application/cap+xml";

    /** CAP's dateTime: seconds, and an offset written as +hh:mm (never Z); the city's time. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT).withZone(ZoneOffset.ofHours(7));

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private static final Language[] LANGUAGES = {
        new Language(
                "vi-VN",
                LocalizedText::vi,
                "Trung tâm Giám sát, điều hành đô thị thông minh Hải Phòng",
                "Đã kết thúc: "),
        new Language("en-US", LocalizedText::en, "Hai Phong Intelligent Operations Center", "Ended: ")
    };

    private record Language(String tag, Function<LocalizedText, String> pick, String senderName, String endedPrefix) {}

    private CapWriter() {}

    public static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** One CAP message, UTF-8. */
    public static byte[] message(CapMessage message, Port port) {
        return write(xml -> {
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(CAP_NS);
            xml.writeStartElement("alert");
            xml.writeDefaultNamespace(CAP_NS);
            Alert alert = message.alert();
            element(xml, "identifier", message.identifier());
            element(xml, "sender", CapMessage.SENDER);
            element(xml, "sent", time(message.sent()));
            element(xml, "status", "Actual");
            element(xml, "msgType", message.msgType());
            element(xml, "source", "IOC Hải Phòng · " + alert.rule());
            element(xml, "scope", "Restricted");
            element(
                    xml,
                    "restriction",
                    "Dành cho đơn vị khai thác " + port.name().vi() + " / For the operators of "
                            + port.name().en());
            if (alert.status() == AlertStatus.cleared && alert.clearedAt() != null) {
                element(xml, "note", "cleared " + time(alert.clearedAt()));
            }
            if (!message.references().isEmpty()) {
                StringBuilder refs = new StringBuilder();
                for (CapMessage.Reference ref : message.references()) {
                    if (refs.length() > 0) {
                        refs.append(' ');
                    }
                    refs.append(CapMessage.SENDER)
                            .append(',')
                            .append(ref.identifier())
                            .append(',')
                            .append(time(ref.sent()));
                }
                element(xml, "references", refs.toString());
            }
            element(xml, "incidents", alert.alertId());
            for (Language language : LANGUAGES) {
                info(xml, message, port, language);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
        });
    }

    private static void info(XMLStreamWriter xml, CapMessage message, Port port, Language language)
            throws XMLStreamException {
        Alert alert = message.alert();
        boolean cleared = alert.status() == AlertStatus.cleared;
        String title = text(alert.title(), language);
        xml.writeStartElement("info");
        element(xml, "language", language.tag());
        element(xml, "category", CapMapping.category(alert.category()));
        element(xml, "event", title);
        if (cleared) {
            element(xml, "responseType", "AllClear");
        }
        element(xml, "urgency", CapMapping.urgency(alert.severity(), cleared));
        element(xml, "severity", CapMapping.severity(alert.severity()));
        element(xml, "certainty", CapMapping.certainty());
        valuePair(xml, "eventCode", "ioc.haiphong.gov.vn/rule", alert.rule());
        element(xml, "effective", time(message.sent()));
        element(xml, "onset", time(alert.raisedAt()));
        element(xml, "senderName", language.senderName());
        element(xml, "headline", cleared ? language.endedPrefix() + title : title);
        String description = text(alert.description(), language);
        if (!description.isEmpty()) {
            element(xml, "description", description);
        }
        valuePair(
                xml,
                "parameter",
                "ioc.haiphong.gov.vn/severity",
                alert.severity().name());
        valuePair(xml, "parameter", "ioc.haiphong.gov.vn/seq", Long.toString(alert.seq()));
        if (alert.evidence() != null) {
            for (Map.Entry<String, Object> e : new java.util.TreeMap<>(alert.evidence()).entrySet()) {
                valuePair(xml, "parameter", e.getKey(), String.valueOf(e.getValue()));
            }
        }
        xml.writeStartElement("area");
        element(xml, "areaDesc", language.pick().apply(port.name()));
        // CAP's circle: "lat,lon radius" in WGS84 degrees and kilometres.
        element(
                xml,
                "circle",
                String.format(Locale.ROOT, "%.5f,%.5f %.3f", port.lat(), port.lon(), port.radiusMeters() / 1000.0));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    /**
     * An Atom feed of a port's current CAP messages, each entry linking to its CAP document: what CAP aggregators
     * read.
     *
     * @param self the path of the feed, e.g. {@code /api/ports/tan-vu/cap}
     */
    public static byte[] atom(Port port, String self, Iterable<CapMessage> messages, long now) {
        return write(xml -> {
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(ATOM_NS);
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM_NS);
            xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "vi");
            element(xml, "id", "urn:ioc-haiphong:cap:port:" + port.id());
            element(
                    xml,
                    "title",
                    "Cảnh báo CAP · " + port.name().vi() + " / CAP alerts · "
                            + port.name().en());
            long updated = 0;
            for (CapMessage m : messages) {
                updated = Math.max(updated, m.sent());
            }
            element(xml, "updated", time(updated == 0 ? now : updated));
            xml.writeStartElement("author");
            element(xml, "name", LANGUAGES[0].senderName());
            element(xml, "email", CapMessage.SENDER);
            xml.writeEndElement();
            link(xml, "self", "application/atom+xml", self);
            for (CapMessage m : messages) {
                Alert alert = m.alert();
                xml.writeStartElement("entry");
                element(xml, "id", "urn:ioc-haiphong:cap:" + m.identifier());
                String title =
                        xmlSafe(alert.title() == null ? "" : alert.title().vi());
                element(xml, "title", alert.status() == AlertStatus.cleared ? "Đã kết thúc: " + title : title);
                element(xml, "updated", time(m.sent()));
                xml.writeEmptyElement("category");
                xml.writeAttribute("term", m.msgType());
                xml.writeEmptyElement("category");
                xml.writeAttribute("term", CapMapping.severity(alert.severity()));
                if (alert.title() != null) {
                    element(xml, "summary", alert.title().en());
                }
                link(xml, "alternate", CAP_MEDIA_TYPE, self + "/" + m.identifier() + ".xml");
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
        });
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    private static String text(LocalizedText text, Language language) {
        return text == null ? "" : language.pick().apply(text);
    }

    private static void valuePair(XMLStreamWriter xml, String name, String valueName, String value)
            throws XMLStreamException {
        xml.writeStartElement(name);
        element(xml, "valueName", valueName);
        element(xml, "value", value);
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        // Unprefixed: in the document's default namespace, declared on its root.
        xml.writeStartElement(name);
        xml.writeCharacters(xmlSafe(text));
        xml.writeEndElement();
    }

    /**
     * XML 1.0 cannot carry most control characters even escaped; a device's text may hold them, so they become U+FFFD
     * rather than making the whole document unreadable.
     */
    static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1)));
            if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
                ok = true;
            }
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? text : out.toString();
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
            body.write(xml);
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
