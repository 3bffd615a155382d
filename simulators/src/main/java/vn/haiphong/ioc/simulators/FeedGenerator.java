package vn.haiphong.ioc.simulators;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.core.geo.Area;
import vn.haiphong.ioc.core.port.Iso6346;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.core.wire.Timestamps;

/**
 * Realistic messages of the three feeds for Hai Phong's real cameras, desks, districts and ports. Pure: it reads the
 * time it is given and a seeded random source, so the same seed and times give the same messages. Telemetry is drawn
 * on demand ({@link #next}, as fast as the publisher's rate asks); rare events (detections, reports and their updates,
 * gate transactions, berth calls) come on their own clocks, as they do in a city.
 */
public final class FeedGenerator {
    /** Which feeds to generate. */
    public enum FeedSet {
        cam,
        report,
        port
    }

    private static final String[] VEHICLES = {"motorcycle", "car", "bus", "lorry", "van", "bicycle"};
    /** Hai Phong's traffic is about four fifths motorbikes. */
    private static final double[] VEHICLE_SHARE = {0.78, 0.14, 0.02, 0.03, 0.02, 0.01};

    private static final String[] DETECTIONS = {
        "carAccident", "carStopped", "hazardOnRoad", "carWrongDirection", "illegalParking", "flood", "fire"
    };
    private static final double[] DETECTION_SHARE = {0.25, 0.25, 0.15, 0.1, 0.17, 0.05, 0.03};

    private static final Map<String, String[]> DESCRIPTIONS = Map.ofEntries(
            Map.entry("flooding", new String[] {"Đường ngập sâu khoảng 30cm sau mưa lớn", "Nước ngập qua bánh xe máy"}),
            Map.entry("road-damage", new String[] {"Ổ gà lớn giữa làn đường", "Mặt đường bị sụt lún"}),
            Map.entry("traffic-signal", new String[] {"Đèn tín hiệu giao thông không hoạt động", "Đèn đỏ bị tắt"}),
            Map.entry("street-lighting", new String[] {"Đèn đường bị hỏng cả đoạn", "Cột đèn không sáng"}),
            Map.entry("waste", new String[] {"Rác thải tập kết sai quy định", "Rác chưa được thu gom"}),
            Map.entry("pollution", new String[] {"Khói bụi từ công trình", "Mùi hôi từ cống thoát nước"}),
            Map.entry("pavement-encroachment", new String[] {"Lấn chiếm vỉa hè để kinh doanh", "Xe đỗ chiếm vỉa hè"}),
            Map.entry("illegal-construction", new String[] {"Xây dựng không phép", "Công trình lấn chiếm hành lang"}),
            Map.entry("fallen-tree", new String[] {"Cây đổ chắn ngang đường", "Cành cây gãy có nguy cơ rơi"}),
            Map.entry("water-supply", new String[] {"Mất nước sinh hoạt từ sáng", "Vỡ đường ống nước"}),
            Map.entry("electricity", new String[] {"Mất điện cả khu phố", "Dây điện võng thấp"}),
            Map.entry("telecom-cable", new String[] {"Dây cáp viễn thông chằng chịt, võng thấp", "Cáp bị đứt"}),
            Map.entry("public-order", new String[] {"Tụ tập gây mất trật tự", "Đua xe trái phép ban đêm"}),
            Map.entry("other", new String[] {"Phản ánh khác", "Cần kiểm tra hiện trường"}));

    private static final String[] OWNERS = {"CSQU", "MSKU", "MWCU", "APZU", "GVTU", "TGHU", "OOLU", "EGHU"};

    private final ReferenceData ref;
    private final SplittableRandom random;
    private final Scenario scenario;
    private final long scenarioStart;
    private final List<Camera> traffic;
    private final List<Camera> desks;
    private final List<PortAsset[]> portAssets = new ArrayList<>();
    private final List<String> portOf = new ArrayList<>();
    private final List<ServiceCode> services;
    private final List<Area> reportAreas = new ArrayList<>();
    private final Map<String, Double> cameraBase = new HashMap<>();
    private final Map<String, Long> lastInterval = new HashMap<>();
    private final Map<String, Boolean> hotSpot = new HashMap<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final boolean cams;
    private final boolean reports;
    private final boolean ports;
    private long sequence;
    private int cursor;

    /** A message waiting for its time: report updates, and the next rare event of each kind. */
    private record Pending(long due, long order, InboundEvent event, Runnable reschedule)
            implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }
    }

    public FeedGenerator(ReferenceData ref, long seed, java.util.Set<FeedSet> feeds, Scenario scenario, long start) {
        this.ref = ref;
        this.random = new SplittableRandom(seed);
        this.scenario = scenario;
        this.scenarioStart = start;
        this.cams = feeds.contains(FeedSet.cam);
        this.reports = feeds.contains(FeedSet.report);
        this.ports = feeds.contains(FeedSet.port);
        this.traffic = ref.cameras(Camera.Kind.traffic);
        this.desks = ref.cameras(Camera.Kind.desk);
        this.services = List.copyOf(ref.services());
        for (Camera c : traffic) {
            cameraBase.put(c.id(), 20 + random.nextDouble() * 50);
            hotSpot.put(c.id(), random.nextDouble() < 0.06);
        }
        for (Port p : ref.ports()) {
            for (PortAsset a : p.assets()) {
                portAssets.add(new PortAsset[] {a});
                portOf.add(p.id());
            }
        }
        for (Area a : ref.areas().all()) {
            // Reports come from where people live: the city districts and the inner rural ones, not the islands.
            if (!a.code().equals("318")) {
                reportAreas.add(a);
            }
        }
        if (cams) {
            every(start, Duration.ofSeconds(25), this::detection);
        }
        if (reports) {
            every(start, Duration.ofSeconds(20), this::newReport);
        }
        if (ports) {
            every(start, Duration.ofSeconds(6), this::gateTransaction);
            every(start, Duration.ofMinutes(3), this::berthCall);
        }
    }

    /** The next message due at {@code now}: a rare event whose time has come, else telemetry of the next device. */
    public InboundEvent next(long now) {
        while (!pending.isEmpty() && pending.peek().due() <= now) {
            Pending due = pending.poll();
            if (due.reschedule() != null) {
                due.reschedule().run(); // a clock ticked: it queued its event (due now) and its next tick
            } else {
                return due.event();
            }
        }
        return telemetry(now);
    }

    /** Old reports nobody has acknowledged, so the deadline rule has something to find at once. */
    public List<InboundEvent> backlogReports(int count, long now) {
        List<InboundEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long requested = now
                    - Duration.ofHours(3).toMillis()
                    - (long) (random.nextDouble() * Duration.ofHours(9).toMillis());
            out.add(report(requested, false));
        }
        return out;
    }

    private interface Maker {
        InboundEvent make(long at);
    }

    /** A Poisson clock: an event on average every {@code mean}. */
    private void every(long from, Duration mean, Maker maker) {
        long due = from + (long) (-Math.log(1 - random.nextDouble()) * mean.toMillis());
        pending.add(new Pending(due, sequence++, null, () -> {
            InboundEvent e = maker.make(due);
            if (e != null) {
                pending.add(new Pending(due, sequence++, e, null));
            }
            every(due, mean, maker);
        }));
    }

    private String id(String device) {
        return device + "-" + Long.toString(++sequence, 36);
    }

    private InboundEvent telemetry(long now) {
        int kinds = (cams ? 2 : 0) + (ports ? 1 : 0);
        if (kinds == 0) {
            // Only reports chosen: telemetry has nothing to say, so send the next report now.
            return report(now, true);
        }
        cursor++;
        double pick = random.nextDouble();
        if (cams && pick < (ports ? 0.45 : 0.85)) {
            return trafficFlow(traffic.get(cursor % traffic.size()), now);
        }
        if (cams && pick < (ports ? 0.52 : 1.0)) {
            return deskQueue(desks.get(cursor % desks.size()), now);
        }
        int i = random.nextInt(portAssets.size());
        return portTelemetry(portOf.get(i), portAssets.get(i)[0], now);
    }

    // --- cameras -------------------------------------------------------------------------------------------------

    /** Rush hours in Hai Phong: 7:00–8:30 and 16:30–18:30; quiet at night. */
    static double trafficLoad(long at) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(at), Timestamps.VIETNAM);
        double h = t.getHour() + t.getMinute() / 60.0;
        double load = 0.25 + 0.2 * Math.exp(-Math.pow((h - 12) / 3, 2));
        load += 0.55 * Math.exp(-Math.pow((h - 7.7) / 0.8, 2));
        load += 0.6 * Math.exp(-Math.pow((h - 17.5) / 1.0, 2));
        if (h < 5 || h > 22.5) {
            load *= 0.3;
        }
        return Math.min(1.0, load);
    }

    private TrafficFlowObserved trafficFlow(Camera c, long now) {
        long from = lastInterval.getOrDefault(c.id(), now - 30_000);
        if (now - from > 120_000 || now - from < 1_000) {
            from = now - 30_000;
        }
        lastInterval.put(c.id(), now);
        double minutes = (now - from) / 60_000.0;
        double load = trafficLoad(now) * (hotSpot.get(c.id()) ? 1.6 : 1.0) * (0.85 + 0.3 * random.nextDouble());
        double perMinute = cameraBase.get(c.id()) * (0.3 + load);
        Map<String, Integer> intensity = new LinkedHashMap<>();
        for (int i = 0; i < VEHICLES.length; i++) {
            int n = (int) Math.round(perMinute * minutes * VEHICLE_SHARE[i] * (0.8 + 0.4 * random.nextDouble()));
            if (n > 0 || i < 2) {
                intensity.put(VEHICLES[i], n);
            }
        }
        double congestion = Math.min(1, Math.max(0, load - 0.45) / 0.6);
        double speed = Math.max(4, 42 - 36 * congestion + 4 * (random.nextDouble() - 0.5));
        double occupancy = Math.min(0.97, 0.08 + 0.7 * congestion + 0.05 * random.nextDouble());
        return new TrafficFlowObserved(
                c.id(),
                id(c.id()),
                from,
                now,
                intensity,
                round1(speed),
                round2(occupancy),
                occupancy >= 0.6 ? true : null);
    }

    private CrowdFlowObserved deskQueue(Camera c, long now) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(now), Timestamps.VIETNAM);
        double h = t.getHour() + t.getMinute() / 60.0;
        boolean saturday = t.getDayOfWeek() == DayOfWeek.SATURDAY;
        boolean open =
                t.getDayOfWeek() != DayOfWeek.SUNDAY && ((h >= 7.5 && h < 11.5) || (!saturday && h >= 13.5 && h < 17));
        int counters = open ? 3 + random.nextInt(4) : 0;
        int queue = open
                ? (int) Math.round(Math.max(0, 4 + 8 * Math.sin((h - 7.5) / 4 * Math.PI) + 6 * random.nextDouble()))
                : 0;
        double wait = open ? round1(queue * (4.0 + 3 * random.nextDouble()) / Math.max(1, counters)) : 0.0;
        return new CrowdFlowObserved(
                c.id(), id(c.id()), now - 60_000, now, queue + counters + random.nextInt(3), queue, wait, counters);
    }

    private InboundEvent detection(long at) {
        Camera c = traffic.get(random.nextInt(traffic.size()));
        String what = DETECTIONS[pick(DETECTION_SHARE)];
        double confidence = round2(0.45 + 0.54 * random.nextDouble());
        String snapshot = random.nextDouble() < 0.5
                ? "https://camera.haiphong.gov.vn/snapshots/" + c.id() + "/" + at + ".jpg"
                : null;
        return new CameraDetection(c.id(), id(c.id()), at, what, null, confidence, snapshot, null);
    }

    // --- field reports -------------------------------------------------------------------------------------------

    private InboundEvent newReport(long at) {
        return report(at, true);
    }

    private ReportNew report(long requested, boolean followUp) {
        ServiceCode service = services.get(random.nextInt(services.size()));
        double[] position = placeInCity();
        String requestId = "hp-" + Long.toString(requested / 1000, 36) + "-" + Long.toString(++sequence, 36);
        String[] texts = DESCRIPTIONS.getOrDefault(service.code(), DESCRIPTIONS.get("other"));
        ReportNew r = new ReportNew(
                requestId,
                service.code(),
                texts[random.nextInt(texts.length)],
                round6(position[0]),
                round6(position[1]),
                null,
                null,
                random.nextDouble() < 0.6 ? "https://hpsmart.haiphong.gov.vn/media/" + requestId + ".jpg" : null,
                requested,
                "acc-" + Long.toHexString(random.nextLong() & 0xffffffffL),
                "dev-" + Long.toHexString(random.nextLong() & 0xffffffffL));
        if (followUp && random.nextDouble() < 0.85) {
            // Most reports are taken up within minutes to hours; the demo compresses this to minutes.
            long ack = requested + 60_000 + (long) (random.nextDouble() * 8 * 60_000);
            pending.add(new Pending(ack, sequence++, update(requestId, "INVESTIGATING", ack), null));
            if (random.nextDouble() < 0.7) {
                long done = ack + 120_000 + (long) (random.nextDouble() * 15 * 60_000);
                pending.add(new Pending(done, sequence++, update(requestId, "FIXED", done), null));
            }
        }
        return r;
    }

    private ReportUpdate update(String requestId, String status, long at) {
        return new ReportUpdate(
                requestId,
                requestId + "-" + status.toLowerCase(java.util.Locale.ROOT),
                status,
                "UBND phường",
                null,
                at);
    }

    /** A random point on one of the districts, weighted by how many people report from it. */
    private double[] placeInCity() {
        for (int attempt = 0; attempt < 200; attempt++) {
            Area area = reportAreas.get(random.nextInt(reportAreas.size()));
            boolean urban = area.code().compareTo("310") < 0;
            if (!urban && random.nextDouble() < 0.6) {
                continue;
            }
            Envelope e = area.geometry().getEnvelopeInternal();
            double lat = e.getMinY() + random.nextDouble() * e.getHeight();
            double lon = e.getMinX() + random.nextDouble() * e.getWidth();
            if (area.geometry().contains(area.geometry().getFactory().createPoint(new Coordinate(lon, lat)))) {
                return new double[] {lat, lon};
            }
        }
        return new double[] {20.8575, 106.6818}; // the Opera House, should the dice be unkind
    }

    // --- ports ---------------------------------------------------------------------------------------------------

    private double gustAt(String portId, long at) {
        if (scenario != null && scenario.drives(portId, "met")) {
            var v = scenario.valueAt(Duration.ofMillis(at - scenarioStart));
            if (v.isPresent()) {
                return v.getAsDouble() + 0.6 * (random.nextDouble() - 0.5);
            }
        }
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(at), Timestamps.VIETNAM);
        // Sea breeze: stronger in the afternoon; never near the warning level in normal weather.
        double breeze = 6 + 3 * Math.sin((t.getHour() - 9) / 24.0 * 2 * Math.PI);
        return Math.min(13.5, breeze * 1.35 + 2.5 * random.nextDouble());
    }

    private InboundEvent portTelemetry(String portId, PortAsset a, long now) {
        String id = id(a.id());
        switch (a.type()) {
            case "met" -> {
                double gust = round1(gustAt(portId, now));
                return new MetObserved(
                        portId,
                        "met",
                        a.id(),
                        id,
                        now,
                        round1(gust / 1.45),
                        gust,
                        round1(100 + 60 * random.nextDouble()),
                        gust > 17 ? round1(8 + 20 * random.nextDouble()) : 0.0,
                        gust > 17 ? 1500.0 : 9000.0);
            }
            case "sts", "rtg" -> {
                // Boom anemometers sit in the lee of the structure here; the station readings carry the wind rules.
                double gust = round1(gustAt(portId, now) * 0.6);
                String state = gust > 11 ? "stopped" : random.nextDouble() < 0.8 ? "working" : "idle";
                int moves = state.equals("working") ? random.nextInt(3) : 0;
                return new CraneTelemetry(
                        portId,
                        a.type(),
                        a.id(),
                        id,
                        now,
                        state,
                        moves,
                        gust,
                        moves > 0 ? round1(8 + 22 * random.nextDouble()) : 0.0);
            }
            case "gate" -> {
                int queue = (int) (5 + 25 * trafficLoad(now) + 6 * random.nextDouble());
                return new GateTelemetry(portId, "gate", a.id(), id, now, queue, round1(queue * 0.9));
            }
            case "yard" -> {
                int capacity = a.capacityTeu() == null ? 1500 : a.capacityTeu();
                int occupied = (int) (capacity * (0.62 + 0.2 * random.nextDouble()));
                return new YardTelemetry(
                        portId, "yard", a.id(), id, now, a.id().toUpperCase(java.util.Locale.ROOT), occupied, capacity);
            }
            case "reefer" -> {
                double[] setpoints = {-25, -18, 2, 5, 13};
                double setpoint = setpoints[random.nextInt(setpoints.length)];
                return new ReeferTelemetry(
                        portId,
                        "reefer",
                        a.id(),
                        id,
                        now,
                        container(false),
                        setpoint,
                        round1(setpoint + (random.nextDouble() - 0.5)),
                        round1(setpoint + 2 + random.nextDouble()),
                        true);
            }
            case "tide" -> {
                double hours = now / 3_600_000.0;
                return new TideTelemetry(
                        portId, "tide", a.id(), id, now, round1(190 + 140 * Math.sin(2 * Math.PI * hours / 24.84)));
            }
            case "ais" -> {
                Port port = ref.port(portId).orElseThrow();
                long mmsi = 574_000_000L + random.nextInt(999_999);
                double range = 0.02 + 0.05 * random.nextDouble();
                double bearing = random.nextDouble() * 2 * Math.PI;
                return new AisPosition(
                        portId,
                        "ais",
                        a.id(),
                        id,
                        now,
                        mmsi,
                        round6(port.lat() - Math.abs(range * Math.cos(bearing))),
                        round6(port.lon() + range * Math.sin(bearing)),
                        round1(random.nextDouble() * 11),
                        round1(random.nextDouble() * 359),
                        random.nextInt(360),
                        random.nextInt(2) == 0 ? 0 : 5);
            }
            default -> {
                // berths report events, not telemetry: send a met reading of the same port instead
                PortAsset met = ref.port(portId).orElseThrow().assets().stream()
                        .filter(x -> x.type().equals("met"))
                        .findFirst()
                        .orElseThrow();
                return portTelemetry(portId, met, now);
            }
        }
    }

    private InboundEvent gateTransaction(long at) {
        int i = random.nextInt(portAssets.size());
        String portId = portOf.get(i);
        PortAsset gate = ref.port(portId).orElseThrow().assets().stream()
                .filter(a -> a.type().equals("gate"))
                .findFirst()
                .orElse(null);
        if (gate == null) {
            return null;
        }
        boolean misread = random.nextDouble() < 0.03;
        return new GateEquipmentEvent(
                portId,
                "gate",
                gate.id(),
                id(gate.id()),
                at,
                random.nextBoolean() ? "GTIN" : "GTOT",
                container(misread),
                "15C-" + (10000 + random.nextInt(89999)),
                "L" + (1 + random.nextInt(6)));
    }

    private InboundEvent berthCall(long at) {
        int i = random.nextInt(portAssets.size());
        String portId = portOf.get(i);
        List<PortAsset> berths = ref.port(portId).orElseThrow().assets().stream()
                .filter(a -> a.type().equals("berth"))
                .toList();
        if (berths.isEmpty()) {
            return null;
        }
        PortAsset berth = berths.get(random.nextInt(berths.size()));
        long mmsi = 574_000_000L + random.nextInt(999_999);
        return new BerthEvent(
                portId,
                "berth",
                berth.id(),
                id(berth.id()),
                at,
                mmsi,
                9_000_000L + random.nextInt(999_999),
                null,
                random.nextBoolean() ? "ARRI" : "DEPA",
                random.nextDouble() < 0.6 ? "ACT" : "EST");
    }

    /** A container number with a right ISO 6346 check digit, or a misread one with a wrong digit. */
    String container(boolean misread) {
        String firstTen = OWNERS[random.nextInt(OWNERS.length)] + String.format("%06d", random.nextInt(1_000_000));
        int check = Iso6346.checkDigit(firstTen);
        return firstTen + (misread ? (check + 1 + random.nextInt(8)) % 10 : check);
    }

    private int pick(double[] shares) {
        double r = random.nextDouble();
        for (int i = 0; i < shares.length; i++) {
            r -= shares[i];
            if (r <= 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
