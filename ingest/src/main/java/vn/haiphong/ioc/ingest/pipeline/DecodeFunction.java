package vn.haiphong.ioc.ingest.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CameraEvent;
import vn.haiphong.ioc.core.event.CameraState;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.PortAssetState;
import vn.haiphong.ioc.core.event.PortEvent;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.PersonalData;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.rules.AssetSeen;
import vn.haiphong.ioc.ingest.rules.CameraSeen;
import vn.haiphong.ioc.ingest.rules.GustReading;
import vn.haiphong.ioc.ingest.store.HistoryRow;
import vn.haiphong.ioc.ingest.store.HistoryRows;

/**
 * Turns raw MQTT records into typed events with ioc-core's codec (vendor camera formats included: the codec's
 * adapters normalise them, so they reach the same rules): each kind of event leaves on its own side output,
 * and every message that cannot be used becomes a {@link DeadLetter} on the main output. Never throws for bad input.
 *
 * <p>It also counts, per feed, the messages it accepted and dead-lettered; {@link DecodeOperator} drains the counts
 * onto {@link #COUNTS} (a plain function has no timer to do it with). Every message is counted exactly once here.
 */
public class DecodeFunction extends ProcessFunction<MqttRecord, DeadLetter> {
    public static final OutputTag<TrafficFlowObserved> TRAFFIC = new OutputTag<>("traffic") {};
    public static final OutputTag<CameraDetection> DETECTIONS = new OutputTag<>("detections") {};
    /** One-stop desk cameras' queues. */
    public static final OutputTag<CrowdFlowObserved> DESKS = new OutputTag<>("desks") {};

    public static final OutputTag<GustReading> GUSTS = new OutputTag<>("gusts") {};
    public static final OutputTag<CraneTelemetry> CRANES = new OutputTag<>("cranes") {};
    public static final OutputTag<GateTelemetry> GATES = new OutputTag<>("gates") {};
    public static final OutputTag<GateEquipmentEvent> GATE_EVENTS = new OutputTag<>("gate-events") {};
    public static final OutputTag<YardTelemetry> YARDS = new OutputTag<>("yards") {};
    public static final OutputTag<ReeferTelemetry> REEFERS = new OutputTag<>("reefers") {};
    public static final OutputTag<TideTelemetry> TIDES = new OutputTag<>("tides") {};
    public static final OutputTag<AisPosition> AIS = new OutputTag<>("ais") {};
    public static final OutputTag<BerthEvent> BERTHS = new OutputTag<>("berths") {};
    /** Every port message, as a sign of life of its device (offline rule). */
    public static final OutputTag<AssetSeen> SEEN = new OutputTag<>("assets-seen") {};

    /** Every camera message (tlm, evt, state), as a sign of life of its camera (camera offline rule). */
    public static final OutputTag<CameraSeen> CAMERA_SEEN = new OutputTag<>("cameras-seen") {};
    /** Records of the runtime rules topic ({@link Topics#RULES}), undecoded: the rule-set gate decides on them. */
    public static final OutputTag<MqttRecord> RULE_SETS = new OutputTag<>("rule-sets") {};

    public static final OutputTag<ReportNew> REPORTS = new OutputTag<>("reports") {};
    public static final OutputTag<ReportUpdate> REPORT_UPDATES = new OutputTag<>("report-updates") {};
    public static final OutputTag<FeedCount> COUNTS = new OutputTag<>("feed-counts") {};
    /** The rows to store of every accepted event; only when the function was given {@link HistoryRows}. */
    public static final OutputTag<HistoryRow> HISTORY = new OutputTag<>("history") {};

    private static final Feed[] FEEDS = Feed.values();

    private final String refDir;
    private final HistoryRows history;

    private transient InboundCodec codec;
    private transient ReferenceData reference;
    private transient Counter accepted;
    private transient Counter rejected;
    private transient Counter ignored;
    private transient long[] acceptedByFeed;
    private transient long[] rejectedByFeed;

    public DecodeFunction(String refDir) {
        this(refDir, null);
    }

    /** With {@code history}, every accepted event also leaves as rows to store on {@link #HISTORY}. */
    public DecodeFunction(String refDir, HistoryRows history) {
        this.refDir = refDir;
        this.history = history;
    }

    @Override
    public void open(OpenContext openContext) {
        reference = ReferenceData.cached(refDir);
        codec = new InboundCodec(reference);
        accepted = getRuntimeContext().getMetricGroup().counter("eventsAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("eventsDeadLettered");
        ignored = getRuntimeContext().getMetricGroup().counter("eventsIgnored");
        acceptedByFeed = new long[FEEDS.length];
        rejectedByFeed = new long[FEEDS.length];
    }

    @Override
    public void processElement(MqttRecord record, Context ctx, Collector<DeadLetter> out) {
        if (Topics.RULES.equals(record.topic)) {
            ctx.output(RULE_SETS, record);
            return;
        }
        Decoded decoded;
        try {
            decoded = codec.decode(record.topic, record.payload, record.receivedAtMillis);
        } catch (RuntimeException e) {
            // A codec bug must not stop the city's job: the message is kept with the error as its reason.
            decoded = Decoded.rejected("internal error while decoding: " + e);
        }
        if (decoded.isIgnored()) {
            ignored.inc(); // a vendor's ordinary message that means nothing for the contract
            return;
        }
        int feed = Topics.feedOf(record.topic).ordinal();
        if (!decoded.isOk()) {
            rejected.inc();
            rejectedByFeed[feed]++;
            out.collect(DeadLetter.of(
                    record.topic,
                    PersonalData.redact(record.topic, record.payload),
                    decoded.reason(),
                    record.receivedAtMillis));
            return;
        }
        accepted.inc();
        acceptedByFeed[feed]++;
        if (history != null) {
            // A vendor message is stored as the camera message it became: the history's topic parser knows only those.
            String topic = Topics.isVendor(record.topic) ? decoded.event().topic() : record.topic;
            history.event(topic, record.receivedAtMillis, decoded.event(), row -> ctx.output(HISTORY, row));
        }
        route(decoded.event(), ctx);
        if (decoded.event() instanceof CameraEvent c) {
            cameraSeen(c, ctx);
        }
    }

    private void cameraSeen(CameraEvent c, Context ctx) {
        String status = c instanceof CameraState s ? s.status() : null;
        String kind = c instanceof TrafficFlowObserved
                ? "traffic"
                : c instanceof CrowdFlowObserved
                        ? "desk"
                        : reference
                                .camera(c.cameraId())
                                .map(Camera::kind)
                                .orElse(Camera.Kind.traffic)
                                .name();
        ctx.output(CAMERA_SEEN, new CameraSeen(c.cameraId(), kind, c.eventTime(), status));
    }

    /** The counts since the previous call, one per feed that had messages; resets them. */
    public List<FeedCount> drainCounts() {
        if (acceptedByFeed == null) {
            return List.of(); // not opened yet
        }
        List<FeedCount> counts = new ArrayList<>(2);
        for (int i = 0; i < FEEDS.length; i++) {
            if (acceptedByFeed[i] != 0 || rejectedByFeed[i] != 0) {
                counts.add(new FeedCount(FEEDS[i].name(), acceptedByFeed[i], rejectedByFeed[i]));
                acceptedByFeed[i] = 0;
                rejectedByFeed[i] = 0;
            }
        }
        return counts;
    }

    private static void route(InboundEvent e, Context ctx) {
        if (e instanceof TrafficFlowObserved t) {
            ctx.output(TRAFFIC, t);
        } else if (e instanceof CameraDetection d) {
            ctx.output(DETECTIONS, d);
        } else if (e instanceof CrowdFlowObserved c) {
            ctx.output(DESKS, c);
        } else if (e instanceof PortEvent p) {
            routePort(p, ctx);
        } else if (e instanceof ReportNew r) {
            ctx.output(REPORTS, r);
        } else if (e instanceof ReportUpdate u) {
            ctx.output(REPORT_UPDATES, u);
        }
        // Camera states are signs of life only (CAMERA_SEEN, emitted before routing).
    }

    private static void routePort(PortEvent p, Context ctx) {
        boolean alive = !(p instanceof PortAssetState s && s.status().equals("offline"));
        ctx.output(SEEN, new AssetSeen(p.portId(), p.assetType(), p.assetId(), p.eventTime(), alive));
        if (p instanceof MetObserved m) {
            if (m.gustSpeed() != null) {
                ctx.output(
                        GUSTS,
                        new GustReading(m.portId(), m.assetType(), m.assetId(), m.dateObserved(), m.gustSpeed()));
            }
        } else if (p instanceof CraneTelemetry c) {
            if (c.gustSpeed() != null) {
                ctx.output(
                        GUSTS,
                        new GustReading(c.portId(), c.assetType(), c.assetId(), c.dateObserved(), c.gustSpeed()));
            }
            ctx.output(CRANES, c);
        } else if (p instanceof GateTelemetry g) {
            ctx.output(GATES, g);
        } else if (p instanceof GateEquipmentEvent g) {
            ctx.output(GATE_EVENTS, g);
        } else if (p instanceof YardTelemetry y) {
            ctx.output(YARDS, y);
        } else if (p instanceof ReeferTelemetry r) {
            ctx.output(REEFERS, r);
        } else if (p instanceof TideTelemetry t) {
            ctx.output(TIDES, t);
        } else if (p instanceof AisPosition a) {
            ctx.output(AIS, a);
        } else if (p instanceof BerthEvent b) {
            ctx.output(BERTHS, b);
        }
    }
}
