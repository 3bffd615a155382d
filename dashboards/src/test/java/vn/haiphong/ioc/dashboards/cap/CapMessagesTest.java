package vn.haiphong.ioc.dashboards.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.haiphong.ioc.dashboards.testing.CapSchema.child;
import static vn.haiphong.ioc.dashboards.testing.CapSchema.children;
import static vn.haiphong.ioc.dashboards.testing.CapSchema.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.dashboards.testing.CapSchema;
import vn.haiphong.ioc.dashboards.testing.Samples;

/** CAP messages of the port feeds: valid against OASIS's schema, in Vietnamese and English, chained by references. */
class CapMessagesTest {
    private static final Port TAN_VU = ReferenceData.defaults().port("tan-vu").orElseThrow();

    private final CapLedger ledger = new CapLedger(Set.of("tan-vu", "dinh-vu"));

    /** Raised high, escalated to critical, updated again, cleared: the four messages, oldest first. */
    private List<CapMessage> stormLifecycle(Alert raised) {
        Alert escalated = raised.updated(raised.raisedAt() + 60_000, Severity.critical, Map.of("gustSpeed", 21.3));
        Alert again = escalated.updated(raised.raisedAt() + 120_000, Severity.critical, Map.of("gustSpeed", 23.0));
        Alert cleared = again.cleared(raised.raisedAt() + 900_000, Map.of("gustSpeed", 12.1));
        List<CapMessage> messages = new ArrayList<>();
        for (Alert a : List.of(raised, escalated, again, cleared)) {
            ledger.accept(a);
            messages.add(ledger.find("tan-vu", CapMessage.identifier(a)).orElseThrow());
        }
        return messages;
    }

    private static Element root(CapMessage message) throws Exception {
        byte[] xml = CapWriter.message(message, TAN_VU);
        CapSchema.validate(xml);
        return CapSchema.parse(xml).getDocumentElement();
    }

    @Test
    void everyMessageOfAnAlertsLifeIsValidCapWithAVietnameseAndAnEnglishInfo() throws Exception {
        List<CapMessage> messages = stormLifecycle(Samples.portWind("tan-vu", Severity.high, Samples.T0));
        List<String> types = new ArrayList<>();
        for (CapMessage message : messages) {
            Element alert = root(message);
            assertThat(alert.getNamespaceURI()).isEqualTo(CapSchema.CAP);
            assertThat(text(alert, "identifier")).isEqualTo(message.identifier());
            assertThat(text(alert, "sender")).isEqualTo("ioc@haiphong.gov.vn");
            assertThat(text(alert, "sent")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00");
            types.add(text(alert, "msgType"));
            List<Element> infos = children(alert, "info");
            assertThat(infos).extracting(i -> text(i, "language")).containsExactly("vi-VN", "en-US");
            assertThat(text(infos.get(0), "headline")).contains("Cảnh báo gió giật");
            assertThat(text(infos.get(1), "headline")).contains("Wind warning");
            for (Element info : infos) {
                assertThat(text(info, "category")).isEqualTo("Met");
                assertThat(text(info, "certainty")).isEqualTo("Observed");
                Element area = child(info, "area");
                assertThat(text(area, "circle")).isEqualTo("20.83550,106.77470 1.200");
            }
            assertThat(text(child(infos.get(0), "area"), "areaDesc")).isEqualTo("Cảng Tân Vũ");
            assertThat(text(child(infos.get(1), "area"), "areaDesc")).isEqualTo("Tan Vu port");
        }
        assertThat(types).containsExactly("Alert", "Update", "Update", "Cancel");

        Element first = child(root(messages.get(0)), "info");
        assertThat(text(first, "severity")).isEqualTo("Severe");
        assertThat(text(first, "urgency")).isEqualTo("Immediate");
        Element critical = child(root(messages.get(1)), "info");
        assertThat(text(critical, "severity")).isEqualTo("Extreme");
        Element cancel = child(root(messages.get(3)), "info");
        assertThat(text(cancel, "urgency")).isEqualTo("Past");
        assertThat(text(cancel, "responseType")).isEqualTo("AllClear");
        assertThat(text(cancel, "headline")).startsWith("Đã kết thúc: ");
    }

    @Test
    void eachMessageReferencesEveryEarlierMessageOfItsAlertBySenderIdentifierAndSent() throws Exception {
        List<CapMessage> messages = stormLifecycle(Samples.portWind("tan-vu", Severity.high, Samples.T0));
        assertThat(child(root(messages.get(0)), "references")).isNull();
        for (int i = 1; i < messages.size(); i++) {
            Element alert = root(messages.get(i));
            assertThat(text(alert, "incidents"))
                    .isEqualTo(messages.get(0).alert().alertId());
            String[] refs = text(alert, "references").split(" ");
            assertThat(refs).hasSize(i);
            for (int k = 0; k < i; k++) {
                // Each reference is exactly the sender, identifier and sent of that earlier message.
                Element earlier = root(messages.get(k));
                assertThat(refs[k])
                        .isEqualTo(text(earlier, "sender") + "," + text(earlier, "identifier") + ","
                                + text(earlier, "sent"));
            }
        }
    }

    @Test
    void aServerThatStartedMidAlertStillReferencesTheFirstMessage() throws Exception {
        Alert raised = Samples.portWind("tan-vu", Severity.high, Samples.T0);
        Alert third = raised.updated(Samples.T0 + 60_000, Severity.high, Map.of())
                .updated(Samples.T0 + 120_000, Severity.critical, Map.of());
        ledger.accept(third);
        Element alert = root(ledger.find("tan-vu", CapMessage.identifier(third)).orElseThrow());
        assertThat(text(alert, "msgType")).isEqualTo("Update");
        assertThat(text(alert, "references"))
                .isEqualTo("ioc@haiphong.gov.vn," + CapMessage.identifier(raised) + "," + CapWriter.time(Samples.T0));
    }

    @Test
    void theSameChangeAlwaysGivesTheSameMessage() {
        Alert raised = Samples.portWind("tan-vu", Severity.high, Samples.T0);
        List<CapMessage> messages = stormLifecycle(raised);
        CapLedger other = new CapLedger(Set.of("tan-vu"));
        messages.forEach(m -> other.accept(m.alert()));
        for (CapMessage m : messages) {
            assertThat(CapWriter.message(other.find("tan-vu", m.identifier()).orElseThrow(), TAN_VU))
                    .isEqualTo(CapWriter.message(m, TAN_VU));
        }
    }

    @Test
    void hostileTextIsEscapedAndCharactersXmlCannotHoldAreReplaced() throws Exception {
        Alert base = Samples.portWind("tan-vu", Severity.medium, Samples.T0);
        String hostile = "</headline><script>alert(1)</script> & \u0001 ]]> \"q\"";
        Alert alert = new Alert(
                base.alertId(),
                base.rule(),
                base.domain(),
                base.site(),
                base.area(),
                base.category(),
                base.subCategory(),
                base.severity(),
                AlertStatus.active,
                base.raisedAt(),
                base.updatedAt(),
                null,
                base.entity(),
                base.position(),
                new LocalizedText(hostile, hostile),
                new LocalizedText(hostile, hostile),
                Map.of("note<&>", hostile),
                1);
        ledger.accept(alert);
        byte[] xml = CapWriter.message(
                ledger.find("tan-vu", CapMessage.identifier(alert)).orElseThrow(), TAN_VU);
        CapSchema.validate(xml);
        assertThat(new String(xml, StandardCharsets.UTF_8)).doesNotContain("<script>");
        Element info = child(CapSchema.parse(xml).getDocumentElement(), "info");
        assertThat(text(info, "headline")).isEqualTo(hostile.replace('\u0001', '\uFFFD'));
    }

    @Test
    void theAtomFeedListsTheLatestMessageOfEachAlertOfItsPortOnly() throws Exception {
        Alert wind = Samples.portWind("tan-vu", Severity.high, Samples.T0);
        List<CapMessage> lifecycle = stormLifecycle(wind);
        Alert low = Samples.portWind("tan-vu", Severity.low, Samples.T0 + 1_000);
        ledger.accept(low);
        ledger.accept(Samples.portWind("dinh-vu", Severity.critical, Samples.T0 + 2_000));

        byte[] atom = CapWriter.atom(
                TAN_VU, "/api/ports/tan-vu/cap", ledger.current("tan-vu", Severity.informational), Samples.T0);
        Element feed = CapSchema.parse(atom).getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(CapSchema.ATOM);
        List<Element> entries = children(feed, "entry");
        // Newest change first: the Cancel of the storm (15 min after), then the low alert.
        assertThat(entries)
                .extracting(e -> child(e, "link").getAttribute("href"))
                .containsExactly(
                        "/api/ports/tan-vu/cap/" + lifecycle.get(3).identifier() + ".xml",
                        "/api/ports/tan-vu/cap/" + CapMessage.identifier(low) + ".xml");
        assertThat(child(entries.get(0), "link").getAttribute("type")).isEqualTo("application/cap+xml");
        assertThat(text(entries.get(0), "title")).startsWith("Đã kết thúc: ");

        assertThat(ledger.current("tan-vu", Severity.medium))
                .extracting(CapMessage::identifier)
                .containsExactly(lifecycle.get(3).identifier());
        assertThat(ledger.find("tan-vu", CapMessage.identifier(low))).isPresent();
        assertThat(ledger.find("dinh-vu", CapMessage.identifier(low))).isEmpty();
    }
}
