package vn.haiphong.ioc.ingest.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.ingest.rules.CongestionRule;
import vn.haiphong.ioc.ingest.rules.GustReading;
import vn.haiphong.ioc.ingest.rules.Hysteresis;
import vn.haiphong.ioc.ingest.rules.HysteresisState;
import vn.haiphong.ioc.ingest.rules.IncidentAlertFunction;
import vn.haiphong.ioc.ingest.rules.LiveRules;
import vn.haiphong.ioc.ingest.rules.RuleUpdate;
import vn.haiphong.ioc.ingest.rules.SustainedAlertFunction;
import vn.haiphong.ioc.ingest.rules.WindRule;

/**
 * The per-event cost of the alert rules. The {@code *Function} benchmarks push one event per operation through the
 * rule's operator in Flink's keyed test harness (heap state, as in the demo), over every camera or port asset of the
 * default reference data, with event time advancing and a watermark after each round so that timers fire and alerts
 * are raised and cleared as in the job; the watermark's share of the work is part of the per-event figure. The
 * {@code *Decision} benchmarks time the pure decisions alone. Run with {@code ./ioc jmh RuleBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RuleBenchmark {
    private static final long T0 = Samples.T;
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    /** Incident kinds with their confidence: four raise an alert, the low-confidence fire and the parking do not. */
    private static final String[] DETECTIONS = {"carAccident", "carWrongDirection", "hazardOnRoad", "flood"};

    private static final Map<String, Integer> BUSY = Map.of("motorcycle", 290, "car", 38, "bus", 2, "lorry", 7);
    private static final Map<String, Integer> FREE = Map.of("motorcycle", 140, "car", 22, "bus", 1, "lorry", 3);

    private List<Camera> cameras;
    private List<PortAsset> anemometers;
    private RuleDefinition incidentRule;
    private CongestionRule congestionRule;
    private WindRule windRule;
    private Hysteresis hysteresis;
    private HysteresisState hysteresisState;
    private TrafficFlowObserved[] trafficSamples;
    private GustReading[] gustSamples;
    private CameraDetection[] detectionSamples;

    private KeyedBroadcastOperatorTestHarness<String, CameraDetection, RuleUpdate, Alert> incidents;
    private KeyedOneInputStreamOperatorTestHarness<String, TrafficFlowObserved, Alert> congestion;
    private KeyedOneInputStreamOperatorTestHarness<String, GustReading, Alert> wind;
    private long incidentSeq;
    private long congestionSeq;
    private long windSeq;
    private long decisionSeq;

    @Setup
    public void setUp() throws Exception {
        ReferenceData ref = ReferenceData.cached(null);
        RuleSet rules = RuleSet.defaults();
        cameras = ref.cameras(Camera.Kind.traffic);
        anemometers = ref.port("tan-vu").orElseThrow().assets().stream()
                .filter(a -> a.type().equals("met") || a.type().equals("sts"))
                .toList();
        incidentRule = rules.rule(IncidentAlertFunction.ID);
        congestionRule = new CongestionRule(rules.rule(CongestionRule.ID), null);
        windRule = new WindRule("port.wind.warning", rules.rule("port.wind.warning"), null);
        RuleDefinition congestionDefinition = rules.rule(CongestionRule.ID);
        hysteresis = new Hysteresis(
                congestionDefinition.raiseAfter(), congestionDefinition.clearAfter(), Duration.ofMinutes(3));
        hysteresisState = new HysteresisState();
        trafficSamples = new TrafficFlowObserved[] {
            traffic(cameras.get(0).id(), T0, 0.72, 8.5), traffic(cameras.get(0).id(), T0, 0.31, 27.0)
        };
        gustSamples = new GustReading[] {
            new GustReading("tan-vu", "met", "met-1", T0, 16.8), new GustReading("tan-vu", "met", "met-1", T0, 9.4)
        };
        detectionSamples = new CameraDetection[] {
            detection(cameras.get(0).id(), T0, "carAccident", 0.91),
            detection(cameras.get(0).id(), T0, "fire", 0.55)
        };

        incidents = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new IncidentAlertFunction(rules, null), IncidentAlertFunction::key, Types.STRING, LiveRules.STATE);
        incidents.processBroadcastWatermark(Long.MAX_VALUE);
        congestion = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SustainedAlertFunction<>(
                        congestionRule,
                        congestionDefinition,
                        TypeInformation.of(TrafficFlowObserved.class),
                        Duration.ofMinutes(3)),
                TrafficFlowObserved::cameraId,
                Types.STRING);
        wind = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SustainedAlertFunction<>(
                        windRule,
                        rules.rule("port.wind.warning"),
                        TypeInformation.of(GustReading.class),
                        Duration.ofMinutes(15)),
                GustReading::assetKey,
                Types.STRING);
    }

    @TearDown
    public void tearDown() throws Exception {
        incidents.close();
        congestion.close();
        wind.close();
    }

    /**
     * Detections city-wide every 250 ms, round-robin over the traffic cameras. Each camera reports one kind of incident
     * for a while (repeats keep the alert open), then another, so the old alert clears 30 min later; every eighth
     * detection is below the confidence threshold and every eighth is not an incident kind at all.
     */
    @Benchmark
    public int incidentAlertFunction() throws Exception {
        long i = incidentSeq++;
        int n = cameras.size();
        long t = T0 + i * 250;
        String camera = cameras.get((int) (i % n)).id();
        int slot = (int) (i % 8);
        CameraDetection d;
        if (slot == 6) {
            d = detection(camera, t, "fire", 0.55);
        } else if (slot == 7) {
            d = detection(camera, t, "illegalParking", 0.97);
        } else {
            d = detection(camera, t, DETECTIONS[(int) ((i / 20_000 + i % n) % DETECTIONS.length)], 0.9);
        }
        incidents.processElement(d, t);
        if (i % n != n - 1) {
            return 0;
        }
        incidents.processWatermark(t);
        int emitted = incidents.getOutput().size();
        incidents.getOutput().clear();
        return emitted;
    }

    /**
     * One-minute counts from every traffic camera, minute after minute; each camera is congested for 12 min out of
     * 20 (phase-shifted), so alerts are raised after 10 min and cleared after 5 min of free flow.
     */
    @Benchmark
    public int congestionSustainedAlertFunction() throws Exception {
        long i = congestionSeq++;
        int n = cameras.size();
        long minute = i / n;
        int c = (int) (i % n);
        long from = T0 + minute * MINUTE;
        boolean congested = (minute + 3L * c) % 20 < 12;
        TrafficFlowObserved t = congested
                ? traffic(cameras.get(c).id(), from, 0.71, 8.0)
                : traffic(cameras.get(c).id(), from, 0.28, 31.0);
        congestion.processElement(t, from + MINUTE);
        return endOfRound(congestion, i, n, from + MINUTE);
    }

    /**
     * A gust every 10 s from each weather station and crane anemometer at Tân Vũ; each blows above the warning for
     * 15 min out of 30 (phase-shifted), so warnings are raised and cleared 10 min after the wind drops.
     */
    @Benchmark
    public int windSustainedAlertFunction() throws Exception {
        long i = windSeq++;
        int n = anemometers.size();
        long round = i / n;
        int a = (int) (i % n);
        long t = T0 + round * 10 * SECOND;
        boolean strong = (round + 17L * a) % 180 < 90;
        PortAsset asset = anemometers.get(a);
        wind.processElement(new GustReading("tan-vu", asset.type(), asset.id(), t, strong ? 16.5 : 9.5), t);
        return endOfRound(wind, i, n, t);
    }

    @Benchmark
    public Hysteresis.Transition hysteresisDecision() {
        long i = decisionSeq++;
        long from = T0 + i * MINUTE;
        boolean condition = i % 20 < 12;
        return hysteresis.step(hysteresisState, condition, condition, from, from + MINUTE);
    }

    @Benchmark
    public boolean congestionDecision() {
        return congestionRule.raise(trafficSamples[(int) (decisionSeq++ & 1)]);
    }

    @Benchmark
    public boolean windDecision() {
        GustReading g = gustSamples[(int) (decisionSeq++ & 1)];
        return windRule.raise(g) || windRule.hold(g);
    }

    @Benchmark
    public boolean incidentDecision() {
        return IncidentAlertFunction.isIncident(incidentRule, detectionSamples[(int) (decisionSeq++ & 1)]);
    }

    /**
     * After each round over all sources the watermark catches up (timers fire) and the harness's collected output
     * (alerts and the watermark) is dropped, so memory stays flat; returns how much there was.
     */
    private static int endOfRound(KeyedOneInputStreamOperatorTestHarness<?, ?, Alert> h, long i, int n, long t)
            throws Exception {
        if (i % n != n - 1) {
            return 0;
        }
        h.processWatermark(t);
        int emitted = h.getOutput().size();
        h.getOutput().clear();
        return emitted;
    }

    private static TrafficFlowObserved traffic(String camera, long from, double occupancy, double speed) {
        return new TrafficFlowObserved(
                camera, "bench", from, from + MINUTE, occupancy > 0.6 ? BUSY : FREE, speed, occupancy, null);
    }

    private static CameraDetection detection(String camera, long t, String kind, double confidence) {
        return new CameraDetection(camera, "bench", t, kind, null, confidence, null, null);
    }
}
