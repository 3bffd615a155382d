package vn.haiphong.ioc.core.alert;

/** A WGS84 position on an outbound message. */
public record Position(double lat, double lon) {}
