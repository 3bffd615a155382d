package vn.haiphong.ioc.core.alert;

/** What an alert or KPI is about, e.g. {@code camera tc-012} or {@code met tan-vu/met-1}. */
public record Entity(String type, String id) {}
