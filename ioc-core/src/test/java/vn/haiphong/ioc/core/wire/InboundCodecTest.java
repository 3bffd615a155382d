package vn.haiphong.ioc.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CameraState;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.core.ref.ReferenceData;

class InboundCodecTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final long NOW = Instant.parse("2026-11-25T01:15:00Z").toEpochMilli();

    private final InboundCodec codec = new InboundCodec(REF);
    private final String traffic = REF.cameras(Camera.Kind.traffic).get(0).id();
    private final String desk = REF.cameras(Camera.Kind.desk).get(0).id();

    private Decoded decode(String topic, String json) {
        return codec.decode(topic, json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void decodesTrafficTelemetryWithIsoTimesAndTakesTheCameraFromTheTopic() {
        Decoded d = decode(Topics.camera(traffic, "tlm"), """
                {"id":"t-1","cameraId":"somebody-else","dateObservedFrom":"2026-11-25T08:14:00+07:00",
                 "dateObservedTo":"2026-11-25T08:15:00+07:00","intensity":{"motorcycle":120,"car":14,"bus":2},
                 "averageVehicleSpeed":23.5,"occupancy":0.41}
                """);
        assertThat(d.isOk()).as(d.toString()).isTrue();
        TrafficFlowObserved t = (TrafficFlowObserved) d.event();
        assertThat(t.cameraId()).isEqualTo(traffic);
        assertThat(t.eventTime()).isEqualTo(NOW);
        assertThat(t.totalVehicles()).isEqualTo(136);
    }

    @Test
    void acceptsEpochMillisecondsAsTime() {
        Decoded d = decode(
                Topics.camera(traffic, "evt"),
                "{\"id\":\"e-1\",\"dateObserved\":" + NOW + ",\"category\":\"carAccident\",\"confidence\":0.9}");
        assertThat(d.isOk()).as(d.toString()).isTrue();
        assertThat(((CameraDetection) d.event()).detection()).isEqualTo("carAccident");
    }

    @Test
    void readsTheFiwareFormWithTheDetectionInSubCategory() {
        Decoded d = decode(
                Topics.camera(traffic, "evt"),
                "{\"id\":\"e-2\",\"dateObserved\":" + NOW
                        + ",\"category\":\"traffic\",\"subCategory\":\"carWrongDirection\",\"confidence\":0.8}");
        assertThat(((CameraDetection) d.event()).detection()).isEqualTo("carWrongDirection");
    }

    @Test
    void aDeskCameraTelemetryIsReadAsAQueue() {
        Decoded d = decode(
                Topics.camera(desk, "tlm"),
                "{\"id\":\"d-1\",\"dateObservedFrom\":" + (NOW - 60_000) + ",\"dateObservedTo\":" + NOW
                        + ",\"peopleCount\":20,\"queueLength\":12,\"averageWaitMinutes\":18.5,\"countersOpen\":4}");
        assertThat(d.isOk()).as(d.toString()).isTrue();
    }

    @Test
    void theLastWillStateWithoutTimeTakesTheReceiveTime() {
        Decoded d = decode(Topics.camera(traffic, "state"), "{\"status\":\"offline\"}");
        assertThat(d.isOk()).as(d.toString()).isTrue();
        assertThat(((CameraState) d.event()).eventTime()).isEqualTo(NOW);
    }

    @Test
    void rejectsMalformedJson() {
        assertThat(decode(Topics.camera(traffic, "evt"), "{\"id\": \"x\",").reason())
                .startsWith("malformed JSON");
    }

    @Test
    void rejectsAPayloadThatIsNotAnObject() {
        assertThat(decode(Topics.camera(traffic, "evt"), "[1,2]").reason()).isEqualTo("payload is not a JSON object");
    }

    @Test
    void rejectsAWrongTypeNamingTheField() {
        String reason = decode(
                        Topics.camera(traffic, "evt"),
                        "{\"id\":\"e\",\"dateObserved\":" + NOW + ",\"category\":\"fire\",\"confidence\":\"high\"}")
                .reason();
        assertThat(reason).startsWith("field 'confidence' has the wrong type");
    }

    @Test
    void rejectsTextWhereANumberIsExpectedEvenIfItLooksLikeOne() {
        String reason = decode(
                        Topics.camera(traffic, "evt"),
                        "{\"id\":\"e\",\"dateObserved\":" + NOW + ",\"category\":\"fire\",\"confidence\":\"0.9\"}")
                .reason();
        assertThat(reason).contains("'confidence'");
    }

    @Test
    void rejectsAMissingField() {
        assertThat(decode(
                                Topics.camera(traffic, "evt"),
                                "{\"id\":\"e\",\"dateObserved\":" + NOW + ",\"confidence\":0.9}")
                        .reason())
                .isEqualTo("missing field 'category'");
    }

    @Test
    void rejectsAnUnknownCamera() {
        assertThat(decode(Topics.camera("tc-does-not-exist", "evt"), "{}").reason())
                .isEqualTo("unknown camera 'tc-does-not-exist'");
    }

    @Test
    void rejectsAReportOutsideHaiPhong() {
        String hanoi = """
                {"service_request_id":"r-1","service_code":"flooding","lat":21.0285,"long":105.8542,
                 "requested_datetime":"2026-11-25T08:00:00+07:00"}
                """;
        assertThat(decode(Topics.reportNew(), hanoi).reason()).contains("outside Hai Phong");
    }

    @Test
    void rejectsAReportWhoseIdCannotNameItsUpdateTopic() {
        String json = """
                {"service_request_id":"HP-2026/1","service_code":"flooding","lat":20.8575,"long":106.6818,
                 "requested_datetime":"2026-11-25T08:00:00+07:00"}
                """;
        assertThat(decode(Topics.reportNew(), json).reason())
                .contains("service_request_id 'HP-2026/1' must be lowercase letters, digits and dashes");
    }

    @Test
    void rejectsAReportWithAnUnknownServiceCode() {
        String json = """
                {"service_request_id":"r-1","service_code":"ufo","lat":20.8575,"long":106.6818,
                 "requested_datetime":"2026-11-25T08:00:00+07:00"}
                """;
        assertThat(decode(Topics.reportNew(), json).reason()).isEqualTo("unknown service_code 'ufo'");
    }

    @Test
    void acceptsAReportPlacedAsAGeoJsonPointAndDropsPersonalData() {
        String json = """
                {"service_request_id":"r-2","service_code":"flooding","description":"Ngập sâu 40cm",
                 "location":{"type":"Point","coordinates":[106.6818,20.8575]},
                 "requested_datetime":"2026-11-25T08:00:00+07:00","account_id":"a-7f3e",
                 "first_name":"Nguyễn","last_name":"Văn A","email":"a@example.vn","phone":"0912345678"}
                """;
        Decoded d = decode(Topics.reportNew(), json);
        assertThat(d.isOk()).as(d.toString()).isTrue();
        String reencoded = new String(codec.encode(d.event()), StandardCharsets.UTF_8);
        assertThat(reencoded)
                .doesNotContain("Nguyễn", "a@example.vn", "0912345678")
                .contains("a-7f3e");
    }

    @Test
    void rejectsATimestampFarInTheFuture() {
        assertThat(decode(
                                Topics.camera(traffic, "evt"),
                                "{\"id\":\"e\",\"dateObserved\":\"2027-01-01T00:00:00+07:00\",\"category\":\"fire\",\"confidence\":0.9}")
                        .reason())
                .contains("is in the future");
    }

    @Test
    void rejectsATimestampWithoutOffset() {
        assertThat(decode(
                                Topics.camera(traffic, "evt"),
                                "{\"id\":\"e\",\"dateObserved\":\"2026-11-25T08:00:00\",\"category\":\"fire\",\"confidence\":0.9}")
                        .reason())
                .contains("with an offset");
    }

    @Test
    void rejectsAPayloadOver64KiB() {
        byte[] big = new byte[64 * 1024 + 1];
        assertThat(codec.decode(Topics.camera(traffic, "evt"), big, NOW).reason())
                .startsWith("payload too large");
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertThat(decode(
                                Topics.camera(traffic, "evt"),
                                "{\"id\":\"e\",\"dateObserved\":" + NOW + ",\"category\":\"fire\",\"confidence\":1.7}")
                        .reason())
                .isEqualTo("field 'confidence' = 1.7 is out of range [0, 1]");
    }

    @Test
    void rejectsAnUnknownTopic() {
        assertThat(decode("hp/v1/bus/b1/tlm", "{}").reason()).startsWith("unknown topic");
        assertThat(decode("hp/v1/cam/CAM_1/tlm", "{}").reason()).contains("lowercase");
    }

    @Test
    void rejectsAnUnknownPortAsset() {
        assertThat(decode(Topics.port("tan-vu", "met", "nope", "tlm"), "{}").reason())
                .isEqualTo("unknown met 'nope' at port tan-vu");
    }

    @Test
    void everyEventRoundTripsThroughEncodeAndDecode() {
        Port port = REF.port("tan-vu").orElseThrow();
        PortAsset met = port.assets().stream()
                .filter(a -> a.type().equals("met"))
                .findFirst()
                .orElseThrow();
        InboundEvent[] events = {
            new TrafficFlowObserved(traffic, "t-9", NOW - 60_000, NOW, Map.of("car", 3), 31.0, 0.2, false),
            new CameraDetection(traffic, "e-9", NOW, "fire", null, 0.93, "http://cam/snap.jpg", "Khói đen"),
            new MetObserved(port.id(), "met", met.id(), "m-9", NOW, 9.0, 16.5, 45.0, 0.0, 9000.0),
            new ReportNew("r-9", "waste", "Rác", 20.8575, 106.6818, null, null, null, NOW, "acc", "dev"),
            new ReportUpdate("r-9", "u-9", "IN_PROGRESS", "URENCO", "Đang xử lý", NOW)
        };
        for (InboundEvent e : events) {
            Decoded d = codec.decode(e.topic(), codec.encode(e), NOW);
            assertThat(d.isOk()).as(e + " -> " + d).isTrue();
            assertThat(d.event()).isEqualTo(e);
        }
    }
}
