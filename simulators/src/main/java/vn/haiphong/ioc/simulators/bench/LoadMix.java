package vn.haiphong.ioc.simulators.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Timestamps;

/**
 * The benchmark's messages: for every real device of the reference data, a template of an ordinary reading that
 * raises nothing (traffic camera counts below congestion, port weather and crane telemetry below the wind warning, new
 * field reports), drawn by feed in the proportions of the mix; and the latency probes, one template per traffic camera
 * and incident kind, each a confident detection that raises an alert at once.
 *
 * <p>Every template is checked against the codec when it is built: a load the job would dead-letter would measure
 * nothing.
 */
final class LoadMix {
    private final Map<Feed, List<Template>> byFeed = new EnumMap<>(Feed.class);
    private final Feed[] feeds;
    private final double[] cumulative;
    private final List<Probe> probes = new ArrayList<>();

    /** A latency probe's template: the camera and incident kind it raises an alert for. */
    record Probe(String cameraId, String kind, Template template) {}

    /**
     * @param shares the share of each feed, e.g. {cam=0.8, port=0.19, report=0.01}; normalised here
     * @param size the approximate size in bytes of the messages that carry free text (camera detections, reports);
     *     0 keeps their natural size
     */
    LoadMix(ReferenceData ref, RuleSet rules, Map<Feed, Double> shares, int size) {
        InboundCodec codec = new InboundCodec(ref);
        List<Camera> cameras = ref.cameras(Camera.Kind.traffic);
        List<Template> cam = new ArrayList<>();
        String[] vehicleTypes = {"motorcycle", "car", "bus", "lorry", "van"};
        int i = 0;
        for (Camera c : cameras) {
            Map<String, Integer> intensity = new LinkedHashMap<>();
            for (String type : vehicleTypes) {
                intensity.put(type, 3 + (i * 7 + type.length()) % 40);
            }
            cam.add(checked(
                    codec,
                    new TrafficFlowObserved(
                            c.id(),
                            Template.ID_MARK,
                            mark(60_000),
                            mark(0),
                            intensity,
                            32.0 + i % 15,
                            0.15 + (i % 5) * 0.05,
                            false)));
            cam.add(checked(
                    codec,
                    new CameraDetection(
                            c.id(),
                            Template.ID_MARK,
                            mark(0),
                            "traffic",
                            "illegalParking",
                            0.82,
                            null,
                            text(size, c.id()))));
            i++;
        }
        byFeed.put(Feed.cam, cam);

        List<Template> port = new ArrayList<>();
        for (Port p : ref.ports()) {
            for (PortAsset a : p.assets()) {
                if (a.type().equals("met")) {
                    port.add(checked(
                            codec,
                            new MetObserved(
                                    p.id(), "met", a.id(), Template.ID_MARK, mark(0), 6.5, 9.8, 120.0, 0.0, 9000.0)));
                } else if (a.type().equals("sts") || a.type().equals("rtg")) {
                    port.add(checked(
                            codec,
                            new CraneTelemetry(
                                    p.id(), a.type(), a.id(), Template.ID_MARK, mark(0), "working", 1, 8.4, 32.5)));
                }
            }
        }
        byFeed.put(Feed.port, port);

        List<Template> report = new ArrayList<>();
        for (ServiceCode s : ref.services()) {
            Camera near = cameras.get(report.size() % cameras.size());
            report.add(checked(
                    codec,
                    new ReportNew(
                            Template.ID_MARK,
                            s.code(),
                            text(size, s.code()),
                            near.lat() + 0.0005,
                            near.lon() - 0.0005,
                            null,
                            near.road(),
                            null,
                            mark(0),
                            "acc-bench",
                            "dev-bench")));
        }
        byFeed.put(Feed.report, report);

        for (Camera c : cameras) {
            for (String kind : rules.rule("traffic.incident").severityBy().keySet()) {
                probes.add(new Probe(
                        c.id(),
                        kind,
                        checked(
                                codec,
                                new CameraDetection(
                                        c.id(),
                                        Template.ID_MARK,
                                        mark(0),
                                        "traffic",
                                        kind,
                                        0.95,
                                        null,
                                        "bench probe"))));
            }
        }

        List<Feed> used = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (Map.Entry<Feed, Double> e : shares.entrySet()) {
            if (e.getValue() < 0 || !byFeed.containsKey(e.getKey())) {
                throw new IllegalArgumentException(
                        "--mix: no share for '" + e.getKey() + "' (feeds: cam, port, report)");
            }
            if (e.getValue() > 0) {
                used.add(e.getKey());
                total += e.getValue();
                weights.add(total);
            }
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("--mix needs at least one feed with a share above 0");
        }
        feeds = used.toArray(Feed[]::new);
        cumulative = new double[weights.size()];
        for (int k = 0; k < cumulative.length; k++) {
            cumulative[k] = weights.get(k) / total;
        }
    }

    /** Parses {@code cam:0.8,port:0.19,report:0.01}. */
    static Map<Feed, Double> parseShares(String text) {
        Map<Feed, Double> shares = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--mix: '" + part + "' is not feed:share, e.g. cam:0.8");
            }
            Feed feed;
            try {
                feed = Feed.valueOf(kv[0].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mix: unknown feed '" + kv[0] + "' (feeds: cam, port, report)");
            }
            try {
                shares.put(feed, Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix: share '" + kv[1] + "' of " + feed + " is not a number");
            }
        }
        return shares;
    }

    Template next(SplittableRandom random) {
        double r = random.nextDouble();
        int k = 0;
        while (k < cumulative.length - 1 && r >= cumulative[k]) {
            k++;
        }
        List<Template> templates = byFeed.get(feeds[k]);
        return templates.get(random.nextInt(templates.size()));
    }

    List<Probe> probes() {
        return probes;
    }

    int templateCount() {
        return byFeed.values().stream().mapToInt(List::size).sum();
    }

    private static long mark(long offset) {
        return Template.TIME_MARK - offset;
    }

    /** Free text of about {@code size} bytes (Vietnamese, as citizens and operators write it). */
    private static String text(int size, String about) {
        String base = "Ghi chú " + about + ": kiểm tra tải hệ thống IOC Hải Phòng.";
        if (size <= 0) {
            return base;
        }
        StringBuilder sb = new StringBuilder(base);
        while (sb.length() < Math.min(size, 4000)) {
            sb.append(" Đường thông thoáng.");
        }
        return sb.substring(0, Math.min(sb.length(), Math.min(size, 4000)));
    }

    /** Encodes the event as a template and proves the job would accept a copy of it. */
    private static Template checked(InboundCodec codec, InboundEvent event) {
        byte[] encoded = codec.encode(event);
        Template t = event instanceof TrafficFlowObserved
                ? Template.of(feedOf(event), event.topic(), encoded, 60_000, 0)
                : Template.of(feedOf(event), event.topic(), encoded, 0);
        Template.Clock clock = new Template.Clock();
        clock.tick();
        Decoded d = codec.decode(event.topic(), t.fill("bench-check-1", clock), clock.millis());
        if (!d.isOk()) {
            throw new IllegalStateException("the benchmark's own " + event.topic() + " message would be dead-lettered: "
                    + d.reason() + " (at " + Timestamps.format(clock.millis()) + ")");
        }
        return t;
    }

    private static Feed feedOf(InboundEvent event) {
        return vn.haiphong.ioc.core.wire.Topics.feedOf(event.topic());
    }
}
