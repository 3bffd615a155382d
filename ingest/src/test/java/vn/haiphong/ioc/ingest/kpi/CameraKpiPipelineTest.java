package vn.haiphong.ioc.ingest.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;
import vn.haiphong.ioc.ingest.pipeline.IocPipeline;

/**
 * The whole job on a mini cluster, fed camera messages as MQTT records: the camera, area, desk and city KPIs that the
 * wall reads from their retained topics, decoded as the dashboards decode them.
 */
class CameraKpiPipelineTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final InboundCodec CODEC = new InboundCodec(REF);
    /** A minute starting 1 to 2 minutes ahead: the wall-clock floor of the watermark cannot make it late. */
    private static final long W = (System.currentTimeMillis() / 60_000 + 2) * 60_000;

    private static final String AREA = "304";
    private static final List<Camera> CAMERAS = REF.cameras(Camera.Kind.traffic).stream()
            .filter(c -> c.area().equals(AREA))
            .limit(4)
            .toList();
    private static final List<Camera> DESKS = REF.cameras(Camera.Kind.desk);

    private static final Map<String, Kpi> retained = new java.util.HashMap<>();
    private static final List<OutboundMessage> kpiMessages = new ArrayList<>();

    private static MqttRecord record(InboundEvent e) {
        MqttRecord r = new MqttRecord();
        r.topic = e.topic();
        r.payload = CODEC.encode(e);
        r.receivedAtMillis = System.currentTimeMillis();
        return r;
    }

    private static TrafficFlowObserved traffic(int camera, String id, long to, int cars, double speed, double occ) {
        return new TrafficFlowObserved(
                CAMERAS.get(camera).id(),
                id,
                to - 20_000,
                to,
                Map.of("motorcycle", 3 * cars, "car", cars),
                speed,
                occ,
                null);
    }

    private static CrowdFlowObserved desk(int desk, String id, long to, int queue, double wait) {
        return new CrowdFlowObserved(DESKS.get(desk).id(), id, to - 20_000, to, queue + 3, queue, wait, 3);
    }

    @BeforeAll
    static void runThePipeline() throws Exception {
        List<MqttRecord> input = new ArrayList<>();
        // Two free-flowing cameras and two congested ones (one slow, one full), readings out of order.
        input.add(record(traffic(0, "a2", W + 40_000, 10, 36, 0.15)));
        input.add(record(traffic(0, "a1", W + 20_000, 20, 30, 0.25)));
        input.add(record(traffic(1, "b1", W + 30_000, 15, 40, 0.10)));
        input.add(record(traffic(2, "c1", W + 30_000, 5, 7, 0.45)));
        input.add(record(traffic(3, "d1", W + 30_000, 8, 18, 0.75)));
        // Desks: one over by its queue, one over by its wait, one fine.
        input.add(record(desk(0, "q1", W + 30_000, 22, 12)));
        input.add(record(desk(1, "q2", W + 30_000, 4, 41)));
        input.add(record(desk(2, "q3", W + 30_000, 6, 9)));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        try (CloseableIterator<OutboundMessage> it = IocPipeline.build(
                        env.fromData(input).name("records"), IocPipeline.Options.defaults())
                .toMessages()
                .executeAndCollect()) {
            while (it.hasNext()) {
                OutboundMessage m = it.next();
                if (m.topic.startsWith("ioc/v1/kpi/")) {
                    kpiMessages.add(m);
                    Kpi k = OutboundCodec.decodeKpi(m.payload);
                    // What a broker keeps of a retained topic: the last message (one writer per topic, in order).
                    retained.put(m.topic, k);
                }
            }
        }
    }

    private static Kpi kpi(String name, String scopeType, String scopeId) {
        Kpi k = retained.get("ioc/v1/kpi/" + name + "/" + scopeType + "/" + scopeId);
        assertThat(k)
                .as(name + "/" + scopeType + "/" + scopeId + " in " + retained.keySet())
                .isNotNull();
        return k;
    }

    @Test
    void eachTrafficCameraHasItsFourKpisOnBothWindowsWithVehiclesByType() {
        String id = CAMERAS.get(0).id();
        for (String window : List.of("1m", "15m")) {
            Kpi vehicles = kpi("traffic-vehicles-" + window, "camera", id);
            assertThat(vehicles.value()).isEqualTo(120);
            assertThat(vehicles.breakdown()).containsEntry("motorcycle", 90.0).containsEntry("car", 30.0);
            assertThat(vehicles.complete()).isTrue();
            // (30 × 80 + 36 × 40) / 120
            assertThat(kpi("traffic-speed-" + window, "camera", id).value()).isEqualTo(32.0);
            assertThat(kpi("traffic-occupancy-" + window, "camera", id).value()).isEqualTo(0.2);
            assertThat(LevelOfService.letter(
                            (int) kpi("traffic-los-" + window, "camera", id).value()))
                    .isEqualTo("C");
        }
        assertThat(kpi("traffic-vehicles-15m", "camera", id).windowEnd()
                        - kpi("traffic-vehicles-15m", "camera", id).windowStart())
                .isEqualTo(900_000);
        assertThat(kpi("vehicles-per-minute", "camera", id).value()).isEqualTo(120);
        assertThat(LevelOfService.letter((int)
                        kpi("traffic-los-1m", "camera", CAMERAS.get(3).id()).value()))
                .isEqualTo("F");
    }

    @Test
    void twoOfTheAreasFourReportingCamerasAreCongested() {
        Kpi share = kpi("traffic-congested-share-1m", "area", AREA);
        assertThat(share.value()).isEqualTo(50.0);
        assertThat(share.unit()).isEqualTo("%");
        assertThat(share.complete()).isTrue();
        assertThat(kpi("traffic-congested-share-15m", "area", AREA).value()).isEqualTo(50.0);
        assertThat(kpi("traffic-vehicles-15m", "area", AREA).value()).isEqualTo(120 + 60 + 20 + 32);
        assertThat(kpi("traffic-los-15m", "area", AREA)).isNotNull();
        assertThat(kpi("traffic-congested-share-1m", "city", "haiphong").value())
                .isEqualTo(50.0);
    }

    @Test
    void desksOverTheirThresholdAreFlaggedAndCountedCityWide() {
        assertThat(kpi("desk-queue-1m", "desk", DESKS.get(0).id()).value()).isEqualTo(22);
        assertThat(kpi("desk-wait-15m", "desk", DESKS.get(1).id()).value()).isEqualTo(41);
        assertThat(kpi("desk-over-threshold-1m", "desk", DESKS.get(0).id()).value())
                .isEqualTo(1);
        assertThat(kpi("desk-over-threshold-1m", "desk", DESKS.get(1).id()).value())
                .isEqualTo(1);
        assertThat(kpi("desk-over-threshold-1m", "desk", DESKS.get(2).id()).value())
                .isEqualTo(0);
        assertThat(kpi("desks-over-threshold-1m", "city", "haiphong").value()).isEqualTo(2);
        assertThat(kpi("desks-over-threshold-15m", "city", "haiphong").value()).isEqualTo(2);
    }

    @Test
    void everyCameraKpiIsRetainedAndNoneWasLate() {
        assertThat(kpiMessages).isNotEmpty().allSatisfy(m -> assertThat(m.retained)
                .isTrue());
        assertThat(retained.keySet()).noneMatch(t -> t.startsWith("ioc/v1/kpi/events-late/"));
    }
}
