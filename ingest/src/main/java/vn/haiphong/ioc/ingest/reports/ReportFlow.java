package vn.haiphong.ioc.ingest.reports;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.ingest.kpi.ReportKpiFunction;
import vn.haiphong.ioc.ingest.rules.ReportDeadlineFunction;

/**
 * What follows the report lifecycle ({@link ReportDeadlineFunction}): hotspots and duplicates per service code, fusion
 * with camera detections per kind of event, the report KPIs per area, service and city, and the wall's view of each
 * report with the marks of the first two.
 */
public final class ReportFlow {
    /** Hotspot and fusion alerts, report KPIs, and the views to publish on {@code ioc/v1/report/{id}}. */
    public record Streams(DataStream<Alert> alerts, DataStream<Kpi> kpis, DataStream<ReportViewUpdate> views) {}

    private ReportFlow() {}

    public static Streams build(
            SingleOutputStreamOperator<Alert> lifecycle,
            DataStream<CameraDetection> detections,
            RuleSet rules,
            String refDir) {
        DataStream<ReportFact> facts = lifecycle.getSideOutput(ReportDeadlineFunction.FACTS);

        SingleOutputStreamOperator<Alert> hotspots = facts.filter(
                        f -> ReportFact.RECEIVED.equals(f.kind) || ReportFact.BACKLOG.equals(f.kind))
                .name("reports for hotspots")
                .keyBy((ReportFact f) -> f.serviceCode)
                .process(new ReportClusterFunction(rules, refDir))
                .name(ReportClusterFunction.HOTSPOT)
                .uid(ReportClusterFunction.HOTSPOT);

        SingleOutputStreamOperator<Alert> fused = detections
                .filter(new FusedKinds(refDir))
                .name("detections of fused kinds")
                .connect(facts.filter(f -> ReportFact.RECEIVED.equals(f.kind) && f.fusionCategory != null)
                        .name("reports of fused kinds"))
                .keyBy(IncidentFusionFunction::key, (ReportFact f) -> f.fusionCategory)
                .process(new IncidentFusionFunction(rules, refDir))
                .name(IncidentFusionFunction.ID)
                .uid(IncidentFusionFunction.ID);

        DataStream<Kpi> kpis = facts.flatMap(new ReportKpiFunction.Scopes())
                .name("report facts per scope")
                .keyBy(ReportFact::scopeKey)
                .process(new ReportKpiFunction())
                .name("KPIs of reports")
                .uid("kpi-reports");

        DataStream<ReportMark> marks = hotspots.getSideOutput(ReportClusterFunction.MARKS)
                .union(fused.getSideOutput(IncidentFusionFunction.MARKS));
        DataStream<ReportViewUpdate> views = lifecycle
                .getSideOutput(ReportDeadlineFunction.VIEWS)
                .connect(marks)
                .keyBy((ReportViewUpdate v) -> v.serviceRequestId, (ReportMark m) -> m.serviceRequestId)
                .process(new ReportViewFunction())
                .name("report views")
                .uid("report-views");

        return new Streams(hotspots.union(fused), kpis, views);
    }

    /** Detections of a kind some service is fused with ({@code fusionCategory} in service-codes.json). */
    static final class FusedKinds implements FilterFunction<CameraDetection> {
        private final String refDir;

        FusedKinds(String refDir) {
            this.refDir = refDir;
        }

        @Override
        public boolean filter(CameraDetection d) {
            String kind = d.detection();
            for (ServiceCode s : ReferenceData.cached(refDir).services()) {
                if (kind.equals(s.fusionCategory())) {
                    return true;
                }
            }
            return false;
        }
    }
}
