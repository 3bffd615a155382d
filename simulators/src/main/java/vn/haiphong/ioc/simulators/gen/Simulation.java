package vn.haiphong.ioc.simulators.gen;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import vn.haiphong.ioc.core.event.CameraState;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.PortAssetState;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.simulators.gen.cam.CameraFeed;
import vn.haiphong.ioc.simulators.gen.port.PortFeed;
import vn.haiphong.ioc.simulators.gen.report.Places;
import vn.haiphong.ioc.simulators.gen.report.ReportFeed;
import vn.haiphong.ioc.simulators.scenario.ScenarioMessages;
import vn.haiphong.ioc.simulators.scenario.ScenarioPlayer;

/**
 * The whole simulated city as one stream of messages in time order. Pure: it reads the clock once, for its start, and
 * from then on the messages, their times and their order follow from the seed and the configuration alone; pacing them
 * against the wall clock is the publisher's job.
 *
 * <p>Telemetry is stretched to fill the requested rate (a camera reports more often at a higher rate); events such as
 * detections, reports and gate passages keep their natural pace, unless the selected feeds have no telemetry at all.
 */
public final class Simulation implements MessageStream {
    private final SimContext ctx;
    private final SimulationConfig config;
    private final InboundCodec codec;
    private final PriorityQueue<Source> queue;

    public Simulation(SimulationConfig config, ReferenceData reference, Profile profile, RuleSet rules, Clock clock) {
        this.config = config;
        // The slow part of setting up (reading the land polygon) comes before the clock is read, so that the first
        // messages are not already late.
        Places places = config.feeds().contains(Feed.report) ? new Places(reference) : null;
        long start = clock.millis();
        this.ctx = new SimContext(
                config.seed(),
                start,
                SimContext.runTag(start),
                reference,
                profile,
                rules,
                new Weather(profile.weather(), config.seed()),
                new ScenarioPlayer(config.scenario(), start, config.scenarioSpeed()));
        this.codec = new InboundCodec(reference);
        List<Source> sources = new ArrayList<>();
        sources.add(new DeviceStates(ctx, config.feeds()));
        if (config.feeds().contains(Feed.cam)) {
            sources.addAll(CameraFeed.sources(ctx));
        }
        if (config.feeds().contains(Feed.report)) {
            sources.addAll(ReportFeed.sources(ctx, places, config.backlogReports()));
        }
        if (config.feeds().contains(Feed.port)) {
            sources.addAll(PortFeed.sources(ctx));
        }
        // A scenario's own camera detections, camera outages and citizen reports.
        sources.add(new ScenarioMessages(ctx, config.feeds()));
        double elastic = 0;
        double fixed = 0;
        for (Source s : sources) {
            if (s.elastic()) {
                elastic += s.nominalRate();
            } else {
                fixed += s.nominalRate();
            }
        }
        double elasticScale = elastic > 0 ? Math.max(config.rate() - fixed, config.rate() / 2) / elastic : 1;
        double fixedScale = elastic > 0 || fixed == 0 ? 1 : config.rate() / fixed;
        for (Source s : sources) {
            s.start(s.elastic() ? elasticScale : fixedScale);
        }
        // Ties go to the source created first, which keeps the order independent of the queue's internals.
        for (int i = 0; i < sources.size(); i++) {
            sources.get(i).order = i;
        }
        Comparator<Source> byDue = Comparator.comparingLong(Source::due);
        this.queue = new PriorityQueue<>(byDue.thenComparingInt(s -> s.order));
        queue.addAll(sources);
    }

    /** The simulation of the shipped reference data, profile and rules. */
    public static Simulation of(SimulationConfig config, Clock clock) {
        return new Simulation(config, ReferenceData.defaults(), Profile.defaults(), RuleSet.defaults(), clock);
    }

    public SimContext context() {
        return ctx;
    }

    @Override
    public SimMessage next() {
        while (true) {
            Source s = queue.poll();
            if (s == null || s.due() == Long.MAX_VALUE) {
                throw new IllegalStateException("no source has anything more to send");
            }
            long due = s.due();
            long now = ctx.millisAt(due);
            InboundEvent event = s.emit(now);
            queue.add(s);
            if (event != null) {
                return message(event, now);
            }
        }
    }

    /** The retained {@code offline} states to publish when stopping. */
    public List<SimMessage> farewell(long at) {
        List<SimMessage> out = new ArrayList<>();
        for (InboundEvent e : DeviceStates.states(ctx, config.feeds(), "offline", at)) {
            out.add(message(e, at));
        }
        return out;
    }

    private SimMessage message(InboundEvent event, long now) {
        String topic = event.topic();
        boolean retained = event instanceof CameraState || event instanceof PortAssetState;
        return new SimMessage(
                Topics.feedOf(topic), topic, codec.encode(event), retained, event.eventTime(), now, now, event);
    }
}
