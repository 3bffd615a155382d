package vn.haiphong.ioc.core.alert;

/** Alert severities of the wire contract, least to most severe. */
public enum Severity {
    informational,
    low,
    medium,
    high,
    critical
}
