package vn.haiphong.ioc.ingest.kpi;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;

/**
 * The camera KPIs' part of the dataflow. Each camera's readings go through one incremental window per length (1 and
 * 15 min, event time, early readings every {@code early}); the camera's KPIs come from its window, and the area and
 * city KPIs from the cameras' windows (never a second pass over the readings). Readings later than a window's
 * allowed lateness leave on a side output and are counted as {@code events-late/feed/cam}.
 */
public final class CameraKpiStreams {
    public static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(15));
    /** How long a closed window still takes late readings (each one republishes its complete value). */
    public static final Duration ALLOWED_LATENESS = Duration.ofMinutes(1);

    public static final String CONGESTION_RULE = "traffic.congestion";
    public static final String DESK_RULE = "desk.queue";

    static final OutputTag<TrafficFlowObserved> LATE_TRAFFIC = new OutputTag<>("late-traffic") {};
    static final OutputTag<CrowdFlowObserved> LATE_DESKS = new OutputTag<>("late-desks") {};

    private CameraKpiStreams() {}

    /**
     * How often a window of this length publishes its early value: every {@code early}, but no more often than a
     * fifteenth of the window. A 15-minute window moves little in 10 s, and every early value is a retained message and
     * a history row per camera: this keeps the 15-minute KPIs to one a minute.
     */
    static Duration earlyFor(Duration size, Duration early) {
        Duration fifteenth = size.dividedBy(15);
        return fifteenth.compareTo(early) > 0 ? fifteenth : early;
    }

    public static DataStream<Kpi> build(
            DataStream<TrafficFlowObserved> traffic,
            DataStream<CrowdFlowObserved> desks,
            RuleSet rules,
            String refDir,
            Duration early) {
        LevelOfService levels = LevelOfService.load(refDir);
        CameraKpis.Thresholds thresholds = thresholds(rules);

        DataStream<Kpi> perCamera = null;
        DataStream<ScopedWindow> scoped = null;
        DataStream<String> late = null;
        for (Duration size : WINDOWS) {
            String label = CameraKpiNames.label(size.toMillis());
            Duration windowEarly = earlyFor(size, early);
            SingleOutputStreamOperator<CameraWindow> t =
                    trafficWindows(traffic, size, windowEarly, levels, thresholds, refDir);
            SingleOutputStreamOperator<CameraWindow> d = deskWindows(desks, size, windowEarly, thresholds, refDir);
            // Chained to the window operators: only the aggregates' inputs cross the network again.
            DataStream<Kpi> k = t.flatMap(new CameraKpis(thresholds))
                    .name("KPIs per traffic camera " + label)
                    .union(d.flatMap(new CameraKpis(thresholds)).name("KPIs per desk " + label));
            DataStream<ScopedWindow> s = t.flatMap(new ScopedWindow.FanOut())
                    .name("traffic windows to areas and city " + label)
                    .union(d.flatMap(new ScopedWindow.FanOut()).name("desk windows to the city " + label));
            perCamera = perCamera == null ? k : perCamera.union(k);
            scoped = scoped == null ? s : scoped.union(s);
            if (late == null) {
                // A reading too late for its 15-minute window is too late for its 1-minute one as well (that one
                // ends first): counting the 1-minute windows' late readings counts each late reading once.
                late = t.getSideOutput(LATE_TRAFFIC)
                        .map(x -> "cam")
                        .returns(Types.STRING)
                        .name("late traffic readings")
                        .union(d.getSideOutput(LATE_DESKS)
                                .map(x -> "cam")
                                .returns(Types.STRING)
                                .name("late desk readings"));
            }
        }

        DataStream<Kpi> perScope = scoped.keyBy(ScopedWindow::key)
                .process(new ScopeKpiFunction(early, ALLOWED_LATENESS, levels, thresholds))
                .name("KPIs per area and city")
                .uid("kpi-camera-scopes");
        DataStream<Kpi> lateCount = late.keyBy(feed -> feed)
                .process(new LateEventCountFunction())
                .name("KPI late camera events")
                .uid("kpi-events-late");
        return perCamera.union(perScope, lateCount);
    }

    /** The thresholds of the congestion and desk rules. */
    static CameraKpis.Thresholds thresholds(RuleSet rules) {
        RuleDefinition congestion = rules.rule(CONGESTION_RULE);
        RuleDefinition desk = rules.rule(DESK_RULE);
        return new CameraKpis.Thresholds(
                congestion.param("occupancyAtLeast"),
                congestion.param("speedAtMost"),
                desk.param("queueAtLeast"),
                desk.param("waitAtLeast"));
    }

    /** Each traffic camera's window of that length; late readings on {@link #LATE_TRAFFIC}. */
    static SingleOutputStreamOperator<CameraWindow> trafficWindows(
            DataStream<TrafficFlowObserved> traffic,
            Duration size,
            Duration early,
            LevelOfService levels,
            CameraKpis.Thresholds thresholds,
            String refDir) {
        String label = CameraKpiNames.label(size.toMillis());
        return traffic.keyBy(TrafficFlowObserved::cameraId)
                .window(TumblingEventTimeWindows.of(size))
                .allowedLateness(ALLOWED_LATENESS)
                .trigger(EarlyEventTimeTrigger.every(early))
                .sideOutputLateData(LATE_TRAFFIC)
                .aggregate(
                        new TrafficWindows.Aggregate(),
                        new TrafficWindows.Result(
                                levels, thresholds.occupancyAtLeast(), thresholds.speedAtMost(), refDir))
                .name("traffic camera windows " + label)
                .uid("kpi-traffic-camera-" + label);
    }

    /** Each desk camera's window of that length; late readings on {@link #LATE_DESKS}. */
    static SingleOutputStreamOperator<CameraWindow> deskWindows(
            DataStream<CrowdFlowObserved> desks,
            Duration size,
            Duration early,
            CameraKpis.Thresholds thresholds,
            String refDir) {
        String label = CameraKpiNames.label(size.toMillis());
        return desks.keyBy(CrowdFlowObserved::cameraId)
                .window(TumblingEventTimeWindows.of(size))
                .allowedLateness(ALLOWED_LATENESS)
                .trigger(EarlyEventTimeTrigger.every(early))
                .sideOutputLateData(LATE_DESKS)
                .aggregate(
                        new DeskWindows.Aggregate(),
                        new DeskWindows.Result(thresholds.queueAtLeast(), thresholds.waitAtLeast(), refDir))
                .name("desk camera windows " + label)
                .uid("kpi-desk-camera-" + label);
    }
}
