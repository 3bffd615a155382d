package vn.haiphong.ioc.dashboards.live;

/** One sequenced push message, already encoded as the text frame that goes to every websocket client. */
public record PushFrame(long seq, String type, String text) {}
