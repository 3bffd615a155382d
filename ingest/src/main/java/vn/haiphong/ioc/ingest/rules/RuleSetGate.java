package vn.haiphong.ioc.ingest.rules;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.rules.RuleSetMessage;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;

/**
 * Decides once, for the whole job, whether a rule set published on {@code ioc/v1/config/rules} replaces the one in
 * force: it must decode, have a higher version, and have no {@link RuleSetMessage#problems} against the rules in force.
 * An accepted one leaves on the main output (to be broadcast to the rule functions and published retained on {@code
 * ioc/v1/config/rules/applied}) and is logged; a refused one leaves on {@link #REFUSED} as a dead letter of the config
 * feed with its reason, and the old rules stay. The same version as the one in force (the retained copy a restarted
 * job receives again) is ignored quietly.
 *
 * <p>Keyed by a constant, so one subtask holds the version in force in keyed state and checkpoints it.
 */
public class RuleSetGate extends KeyedProcessFunction<String, MqttRecord, RuleUpdate> {
    public static final String KEY = "rules";
    public static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("refused-rule-sets") {};

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetGate.class);

    private final LiveRules startup;

    private transient ValueState<RuleUpdate> inForce;
    private transient RuleSet inForceRules;
    private transient long inForceVersion = -1;

    public RuleSetGate(RuleSet startup) {
        this.startup = new LiveRules(startup);
    }

    @Override
    public void open(OpenContext openContext) {
        inForce = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("rules-in-force", TypeInformation.of(RuleUpdate.class)));
    }

    @Override
    public void processElement(MqttRecord record, Context ctx, Collector<RuleUpdate> out) throws Exception {
        RuleSetMessage candidate;
        try {
            candidate = RuleSetMessage.decode(record.payload == null ? new byte[0] : record.payload);
        } catch (RuntimeException e) {
            refuse(record, e.getMessage() == null ? e.toString() : e.getMessage(), ctx);
            return;
        }
        RuleUpdate current = inForce.value();
        long version = current == null ? 0 : current.version;
        if (candidate.version() == version) {
            if (candidate.ruleSet().equals(rulesInForce(current))) {
                LOG.info("Rule set version {} is already in force", version); // the retained copy, after a restart
            } else {
                // Two dashboards numbered their changes alike: the second must not look applied on the walls.
                refuse(
                        record,
                        "version " + version + " is in force with other rules; a change needs version " + (version + 1),
                        ctx);
            }
            return;
        }
        if (candidate.version() < version) {
            refuse(record, "version " + candidate.version() + " is older than version " + version + " in force", ctx);
            return;
        }
        List<String> problems = RuleSetMessage.problems(candidate.ruleSet(), rulesInForce(current));
        if (!problems.isEmpty()) {
            refuse(record, "the rule set cannot replace version " + version + ": " + String.join("; ", problems), ctx);
            return;
        }
        RuleUpdate update = RuleUpdate.of(candidate);
        inForce.update(update);
        LOG.info(
                "Applied rule set version {} (was {}), changed by {} at {}: {}",
                candidate.version(),
                version,
                candidate.changedBy() == null ? "an unnamed operator" : candidate.changedBy(),
                Timestamps.format(candidate.changedAt()),
                candidate.reason() == null ? "no reason given" : candidate.reason());
        out.collect(update);
    }

    private RuleSet rulesInForce(RuleUpdate current) {
        if (current == null) {
            return startup.startup();
        }
        if (inForceRules == null || inForceVersion != current.version) {
            inForceRules = current.decode().ruleSet();
            inForceVersion = current.version;
        }
        return inForceRules;
    }

    private static void refuse(MqttRecord record, String reason, Context ctx) {
        LOG.warn("Refused a rule set on {}: {}", record.topic, reason);
        DeadLetter d = DeadLetter.of(record.topic, record.payload, reason, record.receivedAtMillis);
        ctx.output(
                REFUSED,
                new DeadLetter(
                        Feed.config,
                        d.topic(),
                        d.reason(),
                        d.payload(),
                        d.payloadEncoding(),
                        d.payloadBytes(),
                        d.receivedAt()));
    }
}
