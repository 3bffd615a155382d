package vn.haiphong.ioc.ingest.rules;

import java.nio.charset.StandardCharsets;
import vn.haiphong.ioc.core.rules.RuleSetMessage;

/**
 * A rule set the job accepted while running, as it travels to the rule functions and sits in their broadcast state:
 * its version and the {@link RuleSetMessage} as published (JSON), so that Flink keeps it with a plain POJO serializer
 * and not Kryo. A Flink POJO.
 */
public class RuleUpdate {
    public long version;
    /** {@link RuleSetMessage#encode()}, UTF-8. */
    public String message;

    public RuleUpdate() {}

    public RuleUpdate(long version, String message) {
        this.version = version;
        this.message = message;
    }

    public static RuleUpdate of(RuleSetMessage m) {
        return new RuleUpdate(m.version(), new String(m.encode(), StandardCharsets.UTF_8));
    }

    public RuleSetMessage decode() {
        return RuleSetMessage.decode(payload());
    }

    public byte[] payload() {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RuleUpdate{version " + version + "}";
    }
}
