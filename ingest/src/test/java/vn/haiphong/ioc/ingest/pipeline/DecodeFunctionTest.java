package vn.haiphong.ioc.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.store.HistoryRow;
import vn.haiphong.ioc.ingest.store.HistoryRows;

class DecodeFunctionTest {
    private static final long NOW = Instant.parse("2026-11-25T01:15:00Z").toEpochMilli();
    private static final String ONVIF_FIELD = Topics.onvif("axis-dbp-hvt", "RuleEngine/FieldDetector/ObjectsInside");
    private static final String HAZARD = """
            {"Topic":"tns1:RuleEngine/FieldDetector/ObjectsInside",
             "Message":{"UtcTime":"2026-11-25T01:14:40Z","PropertyOperation":"Changed",
              "Source":{"VideoSourceConfigurationToken":"1","Rule":"HazardZone"},"Data":{"IsInside":true}}}
            """;

    private OneInputStreamOperatorTestHarness<MqttRecord, DeadLetter> h;

    @BeforeEach
    void open() throws Exception {
        h = ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(null, new HistoryRows(null, "k")));
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void send(String topic, String payload) throws Exception {
        h.processElement(new MqttRecord(topic, payload.getBytes(StandardCharsets.UTF_8), NOW), NOW);
    }

    @Test
    void routesAnOnvifHazardZoneEventToTheDetectionsOfItsCamera() throws Exception {
        send(ONVIF_FIELD, HAZARD);
        assertThat(h.extractOutputValues()).isEmpty();
        List<CameraDetection> detections = List.copyOf(h.getSideOutput(DecodeFunction.DETECTIONS)).stream()
                .map(r -> r.getValue())
                .toList();
        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.cameraId()).isEqualTo("tc-001");
            assertThat(d.detection()).isEqualTo("hazardOnRoad");
        });
        List<HistoryRow> history = h.getSideOutput(DecodeFunction.HISTORY).stream()
                .map(r -> r.getValue())
                .toList();
        assertThat(history).as("stored as the camera message it became").hasSize(1);
        assertThat(h.getSideOutput(DecodeFunction.TRAFFIC)).isNull();
    }

    @Test
    void routesAnOnvifCounterToTraffic() throws Exception {
        send(Topics.onvif("axis-dbp-hvt", "RuleEngine/CountAggregation/Counter"), """
                {"UtcTime":"2026-11-25T01:15:00Z","Source":{"Rule":"MotorbikeCounter"},"Data":{"Count":"212"}}
                """);
        List<TrafficFlowObserved> traffic = h.getSideOutput(DecodeFunction.TRAFFIC).stream()
                .map(r -> r.getValue())
                .toList();
        assertThat(traffic).singleElement().satisfies(t -> assertThat(t.totalVehicles())
                .isEqualTo(212));
    }

    @Test
    void deadLettersABrokenVendorMessageOnTheCameraFeedWithItsReason() throws Exception {
        send(ONVIF_FIELD, HAZARD.replace("HazardZone", "NoSuchRule"));
        send(Topics.deepstream("hvt-pipeline"), "{\"messageid\":");
        List<DeadLetter> dead = h.extractOutputValues();
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).topic()).isEqualTo(ONVIF_FIELD);
        assertThat(dead.get(0).reason()).contains("rule 'NoSuchRule'");
        assertThat(dead.get(1).reason()).startsWith("malformed JSON");
        assertThat(dead).allSatisfy(d -> assertThat(d.deadLetterTopic()).isEqualTo("ioc/v1/deadletter/cam"));
        assertThat(h.getSideOutput(DecodeFunction.DETECTIONS)).isNull();
    }

    @Test
    void aZoneThatEmptiedAgainIsNeitherADetectionNorADeadLetter() throws Exception {
        send(ONVIF_FIELD, HAZARD.replace("\"IsInside\":true", "\"IsInside\":false"));
        assertThat(h.extractOutputValues()).as("no dead letter").isEmpty();
        assertThat(h.getSideOutput(DecodeFunction.DETECTIONS)).isNull();
        assertThat(h.getSideOutput(DecodeFunction.HISTORY)).as("nothing stored").isNull();
    }

    @Test
    void aDeadLetteredReportKeepsItsReasonButNotTheCitizensIds() throws Exception {
        send(Topics.reportNew(), """
                {"service_request_id":"HP-BAD/1","service_code":"flooding","lat":20.8575,"long":106.6818,
                 "requested_datetime":"2026-11-25T08:00:00+07:00","account_id":"acc-4242","device_id":"dev-7777",
                 "email":"lan@example.vn"}
                """);
        DeadLetter dead = h.extractOutputValues().get(0);
        assertThat(dead.reason()).contains("service_request_id 'HP-BAD/1'");
        assertThat(dead.payload())
                .contains("HP-BAD/1")
                .doesNotContain("acc-4242")
                .doesNotContain("dev-7777")
                .doesNotContain("lan@example.vn");
    }
}
