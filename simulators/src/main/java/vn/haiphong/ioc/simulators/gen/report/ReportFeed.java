package vn.haiphong.ioc.simulators.gen.report;

import java.util.List;
import vn.haiphong.ioc.simulators.gen.SimContext;
import vn.haiphong.ioc.simulators.gen.Source;

/** The sources of the field-report feed. */
public final class ReportFeed {
    private ReportFeed() {}

    public static List<Source> sources(SimContext ctx, Places places, int backlogReports) {
        return List.of(new ReportSource(ctx, places, backlogReports));
    }
}
