package vn.haiphong.ioc.core.wire;

/** The three inbound feeds; the name is the topic level after {@code hp/v1/} and of the dead-letter topic. */
public enum Feed {
    cam,
    report,
    port,
    /** The rule set published on {@link Topics#RULES}; one that cannot be used is dead-lettered here. */
    config,
    /** A message on a topic that belongs to no feed. */
    unknown
}
