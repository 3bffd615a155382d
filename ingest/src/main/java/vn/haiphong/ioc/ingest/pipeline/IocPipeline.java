package vn.haiphong.ioc.ingest.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.ContinuousEventTimeTrigger;
import org.apache.flink.util.OutputTag;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.kpi.CameraKpiStreams;
import vn.haiphong.ioc.ingest.kpi.EventCountFunction;
import vn.haiphong.ioc.ingest.kpi.MaxGust;
import vn.haiphong.ioc.ingest.kpi.OpenReportsFunction;
import vn.haiphong.ioc.ingest.kpi.PortFact;
import vn.haiphong.ioc.ingest.kpi.PortFacts;
import vn.haiphong.ioc.ingest.kpi.PortKpiFunction;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;
import vn.haiphong.ioc.ingest.reports.ReportFlow;
import vn.haiphong.ioc.ingest.reports.ReportViewUpdate;
import vn.haiphong.ioc.ingest.rules.AssetSeen;
import vn.haiphong.ioc.ingest.rules.CameraOfflineFunction;
import vn.haiphong.ioc.ingest.rules.CameraSeen;
import vn.haiphong.ioc.ingest.rules.ConditionAlertFunction;
import vn.haiphong.ioc.ingest.rules.ConditionRule;
import vn.haiphong.ioc.ingest.rules.CongestionRule;
import vn.haiphong.ioc.ingest.rules.ContainerNumberFunction;
import vn.haiphong.ioc.ingest.rules.CraneFaultRule;
import vn.haiphong.ioc.ingest.rules.DeskQueueRule;
import vn.haiphong.ioc.ingest.rules.GateQueueRule;
import vn.haiphong.ioc.ingest.rules.GustReading;
import vn.haiphong.ioc.ingest.rules.HighWaterRule;
import vn.haiphong.ioc.ingest.rules.IncidentAlertFunction;
import vn.haiphong.ioc.ingest.rules.LateEvent;
import vn.haiphong.ioc.ingest.rules.LiveRuleFunction;
import vn.haiphong.ioc.ingest.rules.LiveRules;
import vn.haiphong.ioc.ingest.rules.LiveSustainedAlertFunction;
import vn.haiphong.ioc.ingest.rules.OpenReportDelta;
import vn.haiphong.ioc.ingest.rules.ReeferRules;
import vn.haiphong.ioc.ingest.rules.ReportDeadlineFunction;
import vn.haiphong.ioc.ingest.rules.RuleSetGate;
import vn.haiphong.ioc.ingest.rules.RuleUpdate;
import vn.haiphong.ioc.ingest.rules.SensorOfflineFunction;
import vn.haiphong.ioc.ingest.rules.SustainedAlertFunction;
import vn.haiphong.ioc.ingest.rules.WindRule;
import vn.haiphong.ioc.ingest.rules.YardOccupancyRule;
import vn.haiphong.ioc.ingest.store.HistoryRow;
import vn.haiphong.ioc.ingest.store.HistoryRows;
import vn.haiphong.ioc.ingest.vessel.VesselAreas;
import vn.haiphong.ioc.ingest.vessel.VesselPublisher;
import vn.haiphong.ioc.ingest.vessel.VesselSignal;
import vn.haiphong.ioc.ingest.vessel.VesselUpdate;

/**
 * The job's dataflow, from raw MQTT records to outbound messages: decode and validate, dead letters, event time, the
 * rules and the KPIs. The source and the sink are not chosen here, so tests run the same pipeline on their own.
 */
public final class IocPipeline {
    /** Options of the dataflow. */
    public record Options(
            RuleSet rules,
            String refDir,
            Duration outOfOrder,
            Duration idleLag,
            Duration kpiWindow,
            Duration kpiEarly,
            HistoryRows history) {
        public Options(
                RuleSet rules,
                String refDir,
                Duration outOfOrder,
                Duration idleLag,
                Duration kpiWindow,
                Duration kpiEarly) {
            this(rules, refDir, outOfOrder, idleLag, kpiWindow, kpiEarly, null);
        }

        /** The same options, and what to store of each event, alert, KPI and dead letter ({@link Outputs#toHistory}). */
        public Options withHistory(HistoryRows rows) {
            return new Options(rules, refDir, outOfOrder, idleLag, kpiWindow, kpiEarly, rows);
        }

        public static Options defaults() {
            return new Options(
                    RuleSet.defaults(),
                    null,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(10));
        }
    }

    /**
     * Where each kind of output goes before it is encoded; exposed so tests can look at them. {@code events} (the rows
     * of the accepted events) and {@code history} exist only when the options have {@link Options#withHistory}.
     */
    public record Outputs(
            DataStream<Alert> alerts,
            DataStream<Kpi> kpis,
            DataStream<DeadLetter> deadLetters,
            DataStream<HistoryRow> events,
            HistoryRows history,
            DataStream<VesselUpdate> vessels,
            DataStream<RuleUpdate> rulesApplied,
            DataStream<LateEvent> lateEvents,
            DataStream<ReportViewUpdate> reports) {
        /** Everything to store: the accepted events, every dead letter, alert change and KPI value, as table rows. */
        public DataStream<HistoryRow> toHistory() {
            if (history == null) {
                throw new IllegalStateException("the pipeline was built without Options.withHistory");
            }
            HistoryRows rows = history;
            DataStream<HistoryRow> a = alerts.map(rows::alert).name("history rows of alerts");
            DataStream<HistoryRow> k = kpis.map(rows::kpi).name("history rows of KPIs");
            DataStream<HistoryRow> d = deadLetters.map(rows::deadLetter).name("history rows of dead letters");
            return events.union(a, k, d);
        }

        /**
         * Everything as MQTT messages: alerts QoS 1, KPIs retained, dead letters QoS 1, vessels retained (an empty
         * retained payload when one has left, which clears the broker's copy), each rule set the job applied, retained
         * on {@link Topics#RULES_APPLIED}, and reports' views retained QoS 1 (an empty retained payload when one is
         * removed).
         */
        public DataStream<OutboundMessage> toMessages() {
            DataStream<OutboundMessage> a = alerts.map(
                            x -> new OutboundMessage(x.topic(), OutboundCodec.encode(x), 1, false))
                    .name("encode alerts");
            DataStream<OutboundMessage> k = kpis.map(
                            x -> new OutboundMessage(x.topic(), OutboundCodec.encode(x), 1, true))
                    .name("encode KPIs");
            DataStream<OutboundMessage> d = deadLetters
                    .map(x -> new OutboundMessage(x.deadLetterTopic(), OutboundCodec.encode(x), 1, false))
                    .name("encode dead letters");
            DataStream<OutboundMessage> v = vessels.map(x -> new OutboundMessage(
                            Topics.vessel(x.portId, x.mmsi),
                            x.gone() ? OutboundCodec.VESSEL_GONE : OutboundCodec.encode(x.position),
                            1,
                            true))
                    .name("encode vessels");
            DataStream<OutboundMessage> r = rulesApplied
                    .map(u -> new OutboundMessage(Topics.RULES_APPLIED, u.payload(), 1, true))
                    .name("encode applied rule sets");
            DataStream<OutboundMessage> views = reports.map(x -> new OutboundMessage(
                            Topics.report(x.serviceRequestId),
                            x.gone() ? OutboundCodec.VESSEL_GONE : OutboundCodec.encode(x.view),
                            1,
                            true))
                    .name("encode report views");
            return a.union(k, d, v, r, views);
        }
    }

    /** How often each decode subtask publishes its per-feed counts (also before every checkpoint barrier). */
    static final Duration COUNT_FLUSH = Duration.ofSeconds(1);

    private IocPipeline() {}

    public static Outputs build(DataStream<MqttRecord> records, Options o) {
        SingleOutputStreamOperator<DeadLetter> decoded = records.transform(
                        "decode and validate",
                        TypeInformation.of(DeadLetter.class),
                        new DecodeOperator(new DecodeFunction(o.refDir(), o.history()), COUNT_FLUSH.toMillis()))
                .uid("decode");

        DataStream<TrafficFlowObserved> traffic = decoded.getSideOutput(DecodeFunction.TRAFFIC)
                .assignTimestampsAndWatermarks(IocWatermarks.forEvents(o.outOfOrder(), o.idleLag()))
                .name("traffic event time");
        DataStream<CameraDetection> detections = decoded.getSideOutput(DecodeFunction.DETECTIONS)
                .assignTimestampsAndWatermarks(IocWatermarks.forEvents(o.outOfOrder(), o.idleLag()))
                .name("detection event time");
        DataStream<GustReading> gusts = decoded.getSideOutput(DecodeFunction.GUSTS)
                .assignTimestampsAndWatermarks(IocWatermarks.forGusts(o.outOfOrder(), o.idleLag()))
                .name("gust event time");
        DataStream<ReportNew> reports = decoded.getSideOutput(DecodeFunction.REPORTS)
                .assignTimestampsAndWatermarks(IocWatermarks.forEvents(o.outOfOrder(), o.idleLag()))
                .name("report event time");
        DataStream<ReportUpdate> updates = decoded.getSideOutput(DecodeFunction.REPORT_UPDATES)
                .assignTimestampsAndWatermarks(IocWatermarks.forEvents(o.outOfOrder(), o.idleLag()))
                .name("report update event time");

        RuleSet rules = o.rules();
        // Runtime rules: one gate decides on each published rule set; the accepted ones reach the live rules.
        SingleOutputStreamOperator<RuleUpdate> ruleUpdates = decoded.getSideOutput(DecodeFunction.RULE_SETS)
                .keyBy(r -> RuleSetGate.KEY, Types.STRING)
                .process(new RuleSetGate(rules))
                .name("rule sets in force")
                .uid("rule-set-gate");
        BroadcastStream<RuleUpdate> liveRules = LiveRules.broadcast(ruleUpdates);
        Cameras cameras = cameras(decoded, detections, traffic, liveRules, o);
        DataStream<Alert> windWarning = wind(gusts, "port.wind.warning", o);
        DataStream<Alert> windStop = wind(gusts, "port.wind.stop-work", o);
        SingleOutputStreamOperator<Alert> reportAlerts = reports.connect(updates)
                .keyBy(ReportNew::serviceRequestId, ReportUpdate::serviceRequestId)
                .process(new ReportDeadlineFunction(rules, o.refDir()))
                .name(ReportDeadlineFunction.ID)
                // "-v2": its state changed shape (deadlines kept per report); a job resumed from an older checkpoint
                // starts these operators afresh rather than read old state as deadlines of 1970.
                .uid(ReportDeadlineFunction.ID + "-v2");

        ReportFlow.Streams reportFlow = ReportFlow.build(reportAlerts, detections, rules, o.refDir());

        // Camera, area, desk and city KPIs on 1- and 15-minute windows; vehicles-per-minute is the 1-minute count.
        DataStream<Kpi> cameraKpis = CameraKpiStreams.build(
                traffic, eventTime(decoded, DecodeFunction.DESKS, o, "desk"), rules, o.refDir(), o.kpiEarly());
        DataStream<Kpi> maxGust = gusts.keyBy(r -> r.portId)
                .window(TumblingEventTimeWindows.of(o.kpiWindow()))
                .trigger(ContinuousEventTimeTrigger.of(o.kpiEarly()))
                .aggregate(
                        new MaxGust.Max(),
                        new MaxGust.ToKpi(rules.rule("port.wind.warning").param("gustAtLeast")))
                .name("KPI max gust")
                .uid("kpi-max-gust");
        DataStream<Kpi> openReports = reportAlerts
                .getSideOutput(ReportDeadlineFunction.OPEN_DELTAS)
                .keyBy((OpenReportDelta d) -> d.area)
                .process(new OpenReportsFunction())
                .name("KPI open reports")
                .uid("kpi-open-reports");

        Port port = port(decoded, o);

        DataStream<Kpi> eventCounts = decoded.getSideOutput(DecodeFunction.COUNTS)
                .keyBy((FeedCount c) -> c.feed)
                .process(new EventCountFunction())
                .name("KPI events per feed")
                .uid("kpi-events-per-feed");

        return new Outputs(
                cameras.alerts.union(windWarning, windStop, reportAlerts, port.alerts, reportFlow.alerts()),
                cameraKpis.union(maxGust, openReports, eventCounts, port.kpis, reportFlow.kpis()),
                decoded.union(ruleUpdates.getSideOutput(RuleSetGate.REFUSED)),
                o.history() == null ? null : decoded.getSideOutput(DecodeFunction.HISTORY),
                o.history(),
                port.vessels,
                ruleUpdates,
                cameras.late,
                reportFlow.views());
    }

    /** The camera and desk rules' alerts, and the events that came too late for them. */
    private record Cameras(DataStream<Alert> alerts, DataStream<LateEvent> late) {}

    /** The camera and desk rules: thresholds from the rules in force ({@code liveRules}), changed without a restart. */
    private static Cameras cameras(
            SingleOutputStreamOperator<DeadLetter> decoded,
            DataStream<CameraDetection> detections,
            DataStream<TrafficFlowObserved> traffic,
            BroadcastStream<RuleUpdate> liveRules,
            Options o) {
        RuleSet rules = o.rules();
        String refDir = o.refDir();
        SingleOutputStreamOperator<Alert> incidents = detections
                .keyBy(IncidentAlertFunction::key)
                .connect(liveRules)
                .process(new IncidentAlertFunction(rules, refDir))
                .name(IncidentAlertFunction.ID)
                .uid(IncidentAlertFunction.ID + "-v2"); // now connected to the live rules: fresh state
        SingleOutputStreamOperator<Alert> congestion = traffic.keyBy(TrafficFlowObserved::cameraId)
                .connect(liveRules)
                .process(new LiveSustainedAlertFunction<>(
                        new CongestionRule(rules.rule(CongestionRule.ID), refDir),
                        rules,
                        TypeInformation.of(TrafficFlowObserved.class),
                        Duration.ofMinutes(3)))
                .name(CongestionRule.ID)
                .uid(CongestionRule.ID + "-v2"); // now connected to the live rules: fresh state
        SingleOutputStreamOperator<Alert> desks = eventTime(decoded, DecodeFunction.DESKS, o, "desk")
                .keyBy(CrowdFlowObserved::cameraId)
                .connect(liveRules)
                .process(new LiveSustainedAlertFunction<>(
                        new DeskQueueRule(rules.rule(DeskQueueRule.ID), refDir),
                        rules,
                        TypeInformation.of(CrowdFlowObserved.class),
                        Duration.ofMinutes(5)))
                .name(DeskQueueRule.ID)
                .uid(DeskQueueRule.ID);
        SingleOutputStreamOperator<Alert> offline = decoded.getSideOutput(DecodeFunction.CAMERA_SEEN)
                .assignTimestampsAndWatermarks(IocWatermarks.forTimes(o.outOfOrder(), o.idleLag(), (s, p) -> s.time))
                .name("camera event time")
                .keyBy((CameraSeen s) -> s.cameraId, Types.STRING)
                .connect(liveRules)
                .process(new CameraOfflineFunction(rules, refDir))
                .name(CameraOfflineFunction.ID)
                .uid(CameraOfflineFunction.ID);
        DataStream<LateEvent> late = incidents
                .getSideOutput(LiveRuleFunction.LATE)
                .union(
                        congestion.getSideOutput(LiveRuleFunction.LATE),
                        desks.getSideOutput(LiveRuleFunction.LATE),
                        offline.getSideOutput(LiveRuleFunction.LATE));
        return new Cameras(incidents.union(congestion, desks, offline), late);
    }

    /** What the port feeds give besides wind: their alerts, their KPIs per port, and the vessels in port areas. */
    private record Port(DataStream<Alert> alerts, DataStream<Kpi> kpis, DataStream<VesselUpdate> vessels) {}

    private static Port port(SingleOutputStreamOperator<DeadLetter> decoded, Options o) {
        RuleSet rules = o.rules();
        String refDir = o.refDir();
        DataStream<CraneTelemetry> cranes = eventTime(decoded, DecodeFunction.CRANES, o, "crane");
        DataStream<GateTelemetry> gates = eventTime(decoded, DecodeFunction.GATES, o, "gate");
        DataStream<GateEquipmentEvent> gateEvents = eventTime(decoded, DecodeFunction.GATE_EVENTS, o, "gate event");
        DataStream<YardTelemetry> yards = eventTime(decoded, DecodeFunction.YARDS, o, "yard");
        DataStream<ReeferTelemetry> reefers = eventTime(decoded, DecodeFunction.REEFERS, o, "reefer");
        DataStream<TideTelemetry> tides = eventTime(decoded, DecodeFunction.TIDES, o, "tide");
        DataStream<AisPosition> ais = eventTime(decoded, DecodeFunction.AIS, o, "AIS");
        DataStream<BerthEvent> berths = eventTime(decoded, DecodeFunction.BERTHS, o, "berth");
        DataStream<AssetSeen> seen = decoded.getSideOutput(DecodeFunction.SEEN)
                .assignTimestampsAndWatermarks(IocWatermarks.forTimes(o.outOfOrder(), o.idleLag(), (s, p) -> s.time))
                .name("port device event time");

        RuleDefinition deviation = rules.rule(ReeferRules.DEVIATION);
        RuleDefinition powerOff = rules.rule(ReeferRules.POWER_OFF);
        RuleDefinition gateQueue = rules.rule(GateQueueRule.ID);
        RuleDefinition yard = rules.rule(YardOccupancyRule.ID);
        RuleDefinition highWater = rules.rule(HighWaterRule.ID);
        RuleDefinition craneFault = rules.rule(CraneFaultRule.ID);
        RuleDefinition offline = rules.rule(SensorOfflineFunction.ID);
        RuleDefinition containerNumber = rules.rule(ContainerNumberFunction.ID);

        List<DataStream<Alert>> alerts = new ArrayList<>();
        alerts.add(condition(
                reefers, ReeferRules::key, ReeferRules.deviation(deviation, refDir), deviation, ReeferTelemetry.class));
        alerts.add(condition(
                reefers, ReeferRules::key, ReeferRules.powerOff(powerOff, refDir), powerOff, ReeferTelemetry.class));
        alerts.add(condition(
                gates, GateQueueRule::key, new GateQueueRule(gateQueue, refDir), gateQueue, GateTelemetry.class));
        alerts.add(condition(
                yards, YardOccupancyRule::key, new YardOccupancyRule(yard, refDir), yard, YardTelemetry.class));
        alerts.add(condition(
                tides, HighWaterRule::key, new HighWaterRule(highWater, refDir), highWater, TideTelemetry.class));
        alerts.add(condition(
                cranes, CraneFaultRule::key, new CraneFaultRule(craneFault, refDir), craneFault, CraneTelemetry.class));
        alerts.add(seen.filter(s -> offline.watches(s.assetType))
                .name("watched port devices")
                .keyBy(AssetSeen::assetKey)
                .process(new SensorOfflineFunction(offline, refDir))
                .name(SensorOfflineFunction.ID)
                .uid(SensorOfflineFunction.ID));
        alerts.add(gateEvents
                .process(new ContainerNumberFunction(containerNumber, refDir))
                .name(ContainerNumberFunction.ID)
                .uid(ContainerNumberFunction.ID));

        DataStream<VesselUpdate> vessels = ais.flatMap(new VesselAreas.Positions(refDir))
                .name("AIS positions in port areas")
                .union(berths.flatMap(new VesselAreas.Berths()).name("berth arrivals and departures"))
                .keyBy(VesselSignal::key)
                .process(VesselPublisher.defaults())
                .name("vessels in port areas")
                .uid("vessel-publisher");

        TypeInformation<PortFact> fact = TypeInformation.of(PortFact.class);
        DataStream<PortFact> facts = cranes.map(PortFacts::crane)
                .returns(fact)
                .union(
                        gates.map(PortFacts::gate).returns(fact),
                        gateEvents.flatMap(new PortFacts.TrucksIn()),
                        yards.map(PortFacts::yard).returns(fact),
                        reefers.map(new PortFacts.Reefers(deviation.param("deviationAbove"))),
                        tides.map(PortFacts::tide).returns(fact),
                        berths.flatMap(new PortFacts.Berths()),
                        vessels.map(PortFacts::vessel).returns(fact));
        DataStream<Kpi> kpis = facts.keyBy((PortFact f) -> f.portId)
                .process(new PortKpiFunction(
                        o.kpiEarly(), refDir, gateQueue.param("waitAtLeast"), yard.param("highAtLeast")))
                .name("KPIs per port")
                .uid("kpi-port");

        DataStream<Alert> all = alerts.get(0);
        for (int i = 1; i < alerts.size(); i++) {
            all = all.union(alerts.get(i));
        }
        return new Port(all, kpis, vessels);
    }

    private static <T extends InboundEvent> DataStream<T> eventTime(
            SingleOutputStreamOperator<DeadLetter> decoded, OutputTag<T> tag, Options o, String what) {
        return decoded.getSideOutput(tag)
                .assignTimestampsAndWatermarks(IocWatermarks.<T>forEvents(o.outOfOrder(), o.idleLag()))
                .name(what + " event time");
    }

    private static <T> DataStream<Alert> condition(
            DataStream<T> in,
            KeySelector<T, String> key,
            ConditionRule<T> rule,
            RuleDefinition definition,
            Class<T> type) {
        return in.keyBy(key, Types.STRING)
                .process(new ConditionAlertFunction<>(rule, definition, TypeInformation.of(type)))
                .name(rule.ruleId())
                .uid(rule.ruleId());
    }

    private static DataStream<Alert> wind(DataStream<GustReading> gusts, String ruleId, Options o) {
        return gusts.keyBy(GustReading::assetKey)
                .process(new SustainedAlertFunction<>(
                        new WindRule(ruleId, o.rules().rule(ruleId), o.refDir()),
                        o.rules().rule(ruleId),
                        TypeInformation.of(GustReading.class),
                        Duration.ofMinutes(15)))
                .name(ruleId)
                .uid(ruleId);
    }
}
