package vn.haiphong.ioc.ingest.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.InboundTopic;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * What the job stores of each thing it handles, as {@link HistoryRow}s: accepted events (with the event encoded by
 * ioc-core's codec; reports without the citizen's account and device ids), dead letters, alert changes, KPI values,
 * field reports and their updates. A report's account id is stored only as a keyed hash ({@link Pseudonyms}), or not
 * at all when no key is configured.
 */
public final class HistoryRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String refDir;
    private final Pseudonyms pseudonyms;

    private transient ReferenceData reference;
    private transient InboundCodec codec;

    /** {@code pseudonymKey} may be null: then {@code reports.account_ref} stays null. */
    public HistoryRows(String refDir, String pseudonymKey) {
        this.refDir = refDir;
        this.pseudonyms = new Pseudonyms(pseudonymKey);
    }

    /** The rows of one accepted event: always one for {@code events}; a report or update also has its own table. */
    public void event(String topic, long receivedAt, InboundEvent event, Consumer<HistoryRow> out) {
        InboundTopic address = Topics.parse(topic);
        InboundEvent stored = event instanceof ReportNew r ? r.withoutPersonalIds() : event;
        String payload = new String(codec().encode(stored), StandardCharsets.UTF_8);
        out.accept(new HistoryRow(
                HistoryTable.EVENTS,
                0,
                address.feed().name(),
                event.eventId(),
                time(event.eventTime()),
                time(receivedAt),
                topic,
                device(address),
                address.kind(),
                area(address, event),
                payload));
        if (event instanceof ReportNew r) {
            out.accept(report(r, receivedAt));
        } else if (event instanceof ReportUpdate u) {
            out.accept(new HistoryRow(
                    HistoryTable.REPORT_UPDATES,
                    0,
                    u.updateId(),
                    u.serviceRequestId(),
                    u.status(),
                    u.agencyResponsible(),
                    u.description(),
                    time(u.updatedDatetime()),
                    time(receivedAt)));
        }
    }

    HistoryRow report(ReportNew r, long receivedAt) {
        Double lat = r.latitude();
        Double lon = r.longitude();
        String area = lat == null || lon == null
                ? null
                : reference().areas().locate(lat, lon).map(a -> a.code()).orElse(null);
        return new HistoryRow(
                HistoryTable.REPORTS,
                0,
                r.serviceRequestId(),
                r.serviceCode(),
                area,
                number(lat),
                number(lon),
                r.addressString(),
                r.description(),
                r.mediaUrl(),
                time(r.requestedDatetime()),
                time(receivedAt),
                pseudonyms.ref(r.accountId()));
    }

    /**
     * A dead letter, keyed by a name-based UUID of its topic and payload so that a redelivered message is stored once.
     * PostgreSQL text cannot hold NUL characters, so a payload with one is stored as base64.
     */
    public HistoryRow deadLetter(DeadLetter d) {
        String payload = d.payload();
        String encoding = d.payloadEncoding();
        if (payload.indexOf('\0') >= 0) {
            payload = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            encoding = "base64";
        }
        return new HistoryRow(
                HistoryTable.DEAD_LETTERS,
                0,
                deadLetterId(d.topic(), d.payload()).toString(),
                time(d.receivedAt()),
                d.feed() == null || d.feed() == Feed.unknown ? null : d.feed().name(),
                d.topic(),
                d.reason(),
                payload,
                encoding,
                Integer.toString(d.payloadBytes()));
    }

    static UUID deadLetterId(String topic, String payload) {
        return UUID.nameUUIDFromBytes((topic + '\0' + payload).getBytes(StandardCharsets.UTF_8));
    }

    public HistoryRow alert(Alert a) {
        LocalizedText title = a.title();
        LocalizedText description = a.description();
        return new HistoryRow(
                HistoryTable.ALERT_CHANGES,
                0,
                a.alertId(),
                Long.toString(a.seq()),
                a.rule(),
                a.domain(),
                a.site(),
                a.area(),
                a.category(),
                a.subCategory(),
                a.severity().name(),
                a.status().name(),
                time(a.raisedAt()),
                time(a.updatedAt()),
                a.clearedAt() == null ? null : time(a.clearedAt()),
                a.entity().type(),
                a.entity().id(),
                a.position() == null ? null : number(a.position().lat()),
                a.position() == null ? null : number(a.position().lon()),
                title == null ? null : title.vi(),
                title == null ? null : title.en(),
                description == null ? null : description.vi(),
                description == null ? null : description.en(),
                json(a.evidence() == null ? Map.of() : a.evidence()));
    }

    public HistoryRow kpi(Kpi k) {
        return new HistoryRow(
                HistoryTable.KPI_VALUES,
                k.updatedAt(),
                k.kpi(),
                k.scopeType(),
                k.scopeId(),
                time(k.windowStart()),
                time(k.windowEnd()),
                number(k.value()),
                k.unit(),
                k.target() == null ? null : number(k.target()),
                Boolean.toString(k.complete()),
                time(k.updatedAt()));
    }

    private static String device(InboundTopic t) {
        return t.feed() == Feed.port ? t.portId() + "/" + t.device() : t.device();
    }

    private String area(InboundTopic t, InboundEvent event) {
        return switch (t.feed()) {
            case cam -> reference().camera(t.device()).map(Camera::area).orElse(null);
            case port -> reference().port(t.portId()).map(Port::area).orElse(null);
            case report ->
                event instanceof ReportNew r && r.latitude() != null && r.longitude() != null
                        ? reference()
                                .areas()
                                .locate(r.latitude(), r.longitude())
                                .map(a -> a.code())
                                .orElse(null)
                        : null;
            default -> null;
        };
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static String number(double value) {
        return Double.toString(value);
    }

    private static String number(Double value) {
        return value == null ? null : Double.toString(value);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReferenceData reference() {
        if (reference == null) {
            reference = ReferenceData.cached(refDir);
        }
        return reference;
    }

    private InboundCodec codec() {
        if (codec == null) {
            codec = new InboundCodec(reference());
        }
        return codec;
    }
}
