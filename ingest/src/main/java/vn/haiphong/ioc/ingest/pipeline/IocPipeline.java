package vn.haiphong.ioc.ingest.pipeline;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.ContinuousEventTimeTrigger;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.ingest.kpi.EventCountFunction;
import vn.haiphong.ioc.ingest.kpi.MaxGust;
import vn.haiphong.ioc.ingest.kpi.OpenReportsFunction;
import vn.haiphong.ioc.ingest.kpi.VehiclesPerMinute;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;
import vn.haiphong.ioc.ingest.rules.CongestionRule;
import vn.haiphong.ioc.ingest.rules.GustReading;
import vn.haiphong.ioc.ingest.rules.IncidentAlertFunction;
import vn.haiphong.ioc.ingest.rules.OpenReportDelta;
import vn.haiphong.ioc.ingest.rules.ReportDeadlineFunction;
import vn.haiphong.ioc.ingest.rules.SustainedAlertFunction;
import vn.haiphong.ioc.ingest.rules.WindRule;
import vn.haiphong.ioc.ingest.store.HistoryRow;
import vn.haiphong.ioc.ingest.store.HistoryRows;

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
            HistoryRows history) {
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

        /** Everything as MQTT messages: alerts QoS 1, KPIs retained, dead letters QoS 1. */
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
            return a.union(k, d);
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
        DataStream<Alert> incidents = detections
                .keyBy(IncidentAlertFunction::key)
                .process(new IncidentAlertFunction(rules, o.refDir()))
                .name(IncidentAlertFunction.ID)
                .uid(IncidentAlertFunction.ID);
        DataStream<Alert> congestion = traffic.keyBy(TrafficFlowObserved::cameraId)
                .process(new SustainedAlertFunction<>(
                        new CongestionRule(rules.rule(CongestionRule.ID), o.refDir()),
                        rules.rule(CongestionRule.ID),
                        TypeInformation.of(TrafficFlowObserved.class),
                        Duration.ofMinutes(3)))
                .name(CongestionRule.ID)
                .uid(CongestionRule.ID);
        DataStream<Alert> windWarning = wind(gusts, "port.wind.warning", o);
        DataStream<Alert> windStop = wind(gusts, "port.wind.stop-work", o);
        SingleOutputStreamOperator<Alert> reportAlerts = reports.connect(updates)
                .keyBy(ReportNew::serviceRequestId, ReportUpdate::serviceRequestId)
                .process(new ReportDeadlineFunction(rules, o.refDir()))
                .name(ReportDeadlineFunction.ID)
                .uid(ReportDeadlineFunction.ID);

        DataStream<Kpi> vehicles = traffic.keyBy(TrafficFlowObserved::cameraId)
                .window(TumblingEventTimeWindows.of(o.kpiWindow()))
                .trigger(ContinuousEventTimeTrigger.of(o.kpiEarly()))
                .aggregate(new VehiclesPerMinute.Sum(), new VehiclesPerMinute.ToKpi())
                .name("KPI vehicles per minute")
                .uid("kpi-vehicles-per-minute");
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

        DataStream<Kpi> eventCounts = decoded.getSideOutput(DecodeFunction.COUNTS)
                .keyBy((FeedCount c) -> c.feed)
                .process(new EventCountFunction())
                .name("KPI events per feed")
                .uid("kpi-events-per-feed");

        return new Outputs(
                incidents.union(congestion, windWarning, windStop, reportAlerts),
                vehicles.union(maxGust, openReports, eventCounts),
                decoded,
                o.history() == null ? null : decoded.getSideOutput(DecodeFunction.HISTORY),
                o.history());
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
