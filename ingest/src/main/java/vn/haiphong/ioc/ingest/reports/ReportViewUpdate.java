package vn.haiphong.ioc.ingest.reports;

import vn.haiphong.ioc.core.alert.ReportView;

/**
 * A change to publish on a report's retained {@code ioc/v1/report/{id}}: its view, or none when the report has been
 * done long enough to be removed (an empty retained payload clears the broker's copy). A Flink POJO.
 */
public class ReportViewUpdate {
    public String serviceRequestId;
    /** Null: the report is removed. */
    public ReportView view;

    public ReportViewUpdate() {}

    public ReportViewUpdate(String serviceRequestId, ReportView view) {
        this.serviceRequestId = serviceRequestId;
        this.view = view;
    }

    public boolean gone() {
        return view == null;
    }

    @Override
    public String toString() {
        return "ReportViewUpdate{" + serviceRequestId + (gone() ? " gone" : " " + view) + "}";
    }
}
