package vn.haiphong.ioc.ingest.reports;

/** The marks a report has collected (see {@link ReportMark}): a Flink POJO kept in keyed state. */
public class ReportMarks {
    public String duplicateOf;
    public String hotspotAlertId;
    public String incidentAlertId;

    public ReportMarks() {}

    /** Applies a mark; whether anything changed. */
    boolean apply(ReportMark m) {
        String before =
                switch (m.kind) {
                    case ReportMark.DUPLICATE_OF -> duplicateOf;
                    case ReportMark.HOTSPOT -> hotspotAlertId;
                    case ReportMark.INCIDENT -> incidentAlertId;
                    default -> m.value;
                };
        if (m.value == null ? before == null : m.value.equals(before)) {
            return false;
        }
        switch (m.kind) {
            case ReportMark.DUPLICATE_OF -> duplicateOf = m.value;
            case ReportMark.HOTSPOT -> hotspotAlertId = m.value;
            case ReportMark.INCIDENT -> incidentAlertId = m.value;
            default -> {
                return false;
            }
        }
        return true;
    }
}
