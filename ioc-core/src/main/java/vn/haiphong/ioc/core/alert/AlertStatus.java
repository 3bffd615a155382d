package vn.haiphong.ioc.core.alert;

public enum AlertStatus {
    active,
    cleared
}
