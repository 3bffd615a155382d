package vn.haiphong.ioc.ingest.kpi;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.ingest.rules.OpenReportDelta;

/** Open field reports per area: a running count of opening and closing deltas, published on every change. */
public class OpenReportsFunction extends KeyedProcessFunction<String, OpenReportDelta, Kpi> {
    private transient ValueState<Long> open;
    private transient ValueState<Long> since;

    @Override
    public void open(OpenContext openContext) {
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("open", Types.LONG));
        since = getRuntimeContext().getState(new ValueStateDescriptor<>("since", Types.LONG));
    }

    @Override
    public void processElement(OpenReportDelta d, Context ctx, Collector<Kpi> out) throws Exception {
        long count = Math.max(0, (open.value() == null ? 0 : open.value()) + d.delta);
        open.update(count);
        if (since.value() == null) {
            since.update(d.time);
        }
        long at = Math.max(d.time, since.value());
        out.collect(new Kpi(
                KpiNames.OPEN_REPORTS,
                "area",
                d.area,
                KpiNames.OPEN_REPORTS_NAME,
                since.value(),
                at,
                count,
                "reports",
                null,
                true,
                at));
    }
}
