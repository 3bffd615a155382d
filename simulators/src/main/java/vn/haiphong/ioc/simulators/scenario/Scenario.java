package vn.haiphong.ioc.simulators.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * A timed script that takes over fields of chosen port assets: each track drives one wire field of its targets
 * through keyframes, interpolated linearly, from its first keyframe to its last; outside that span the generators'
 * own values apply. It may also add messages of its own: a vessel sailing in along waypoints and berthing (AIS
 * positions and berth events), and gate events (e.g. a misread container number). For the cameras and citizens it
 * may drive traffic and desk camera fields ({@code cameraTracks}), send camera detections ({@code detections}, repeated
 * when asked), silence cameras for a while ({@code outages}: no messages, a retained {@code offline} state, then {@code
 * online}), and send citizen reports with their later updates ({@code reports}). Scenarios are data: JSON files under
 * {@code scenarios/}.
 */
public record Scenario(
        String name,
        LocalizedText description,
        List<Track> tracks,
        List<Vessel> vessels,
        List<GateEvent> gateEvents,
        List<CameraTrack> cameraTracks,
        List<Detection> detections,
        List<Outage> outages,
        List<Report> reports) {

    /** The fields a track may drive, by asset type: exactly those the port generators consult. */
    public static final Map<String, Set<String>> DRIVABLE = Map.of(
            "met", Set.of("windSpeed", "gustSpeed", "windDirection", "precipitation", "visibility"),
            "sts", Set.of("gustSpeed"),
            "rtg", Set.of("gustSpeed"),
            "gate", Set.of("queueLength", "averageWaitMinutes"),
            "tide", Set.of("waterLevel"),
            // 1 powered, 0 not: a rack losing power.
            "reefer", Set.of("powerOn"));

    /** The camera fields a camera track may drive, by camera kind: exactly those the camera generators consult. */
    public static final Map<String, Set<String>> CAMERA_DRIVABLE = Map.of(
            // vehicles: vehicles per minute, spread over the camera's vehicle mix.
            "traffic", Set.of("occupancy", "averageVehicleSpeed", "vehicles"),
            "desk", Set.of("queueLength", "averageWaitMinutes"));

    public static final Scenario NONE = new Scenario(
            "none",
            new LocalizedText("Không có kịch bản", "No scenario"),
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null);

    public Scenario {
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
        vessels = vessels == null ? List.of() : List.copyOf(vessels);
        gateEvents = gateEvents == null ? List.of() : List.copyOf(gateEvents);
        cameraTracks = cameraTracks == null ? List.of() : List.copyOf(cameraTracks);
        detections = detections == null ? List.of() : List.copyOf(detections);
        outages = outages == null ? List.of() : List.copyOf(outages);
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    /** Several scenarios played at once ({@code --scenario=a,b}): everything of each, under a joined name. */
    public static Scenario merge(List<Scenario> all) {
        if (all.size() == 1) {
            return all.get(0);
        }
        List<String> names = new ArrayList<>();
        List<String> vi = new ArrayList<>();
        List<String> en = new ArrayList<>();
        List<Track> tracks = new ArrayList<>();
        List<Vessel> vessels = new ArrayList<>();
        List<GateEvent> gateEvents = new ArrayList<>();
        List<CameraTrack> cameraTracks = new ArrayList<>();
        List<Detection> detections = new ArrayList<>();
        List<Outage> outages = new ArrayList<>();
        List<Report> reports = new ArrayList<>();
        for (Scenario s : all) {
            names.add(s.name());
            vi.add(s.description().vi());
            en.add(s.description().en());
            tracks.addAll(s.tracks());
            vessels.addAll(s.vessels());
            gateEvents.addAll(s.gateEvents());
            cameraTracks.addAll(s.cameraTracks());
            detections.addAll(s.detections());
            outages.addAll(s.outages());
            reports.addAll(s.reports());
        }
        return new Scenario(
                String.join(",", names),
                new LocalizedText(String.join(" ", vi), String.join(" ", en)),
                tracks,
                vessels,
                gateEvents,
                cameraTracks,
                detections,
                outages,
                reports);
    }

    /** One driven camera field of some cameras, over keyframes (interpolated as a port track's are). */
    public record CameraTrack(List<String> cameras, String field, Double noise, List<Keyframe> keyframes) {
        public CameraTrack {
            cameras = cameras == null ? List.of() : List.copyOf(cameras);
            noise = noise == null ? 0.0 : noise;
            keyframes = keyframes == null ? List.of() : List.copyOf(keyframes);
        }
    }

    /**
     * A camera detection sent at {@code at}, and again every {@code every} until {@code times} in all (the same
     * incident seen repeatedly, as video analytics do), each with its own message id.
     */
    public record Detection(
            Duration at,
            String camera,
            String category,
            double confidence,
            String description,
            Integer times,
            Duration every) {
        public Detection {
            times = times == null ? 1 : times;
            every = every == null ? Duration.ofMinutes(1) : every;
        }
    }

    /** A camera that goes dark at {@code from} (its retained state says offline) and returns at {@code to}. */
    public record Outage(String camera, Duration from, Duration to) {}

    /**
     * Citizen reports of one service code near a place: {@code count} of them (default 1) from {@code at}, one every
     * {@code every} (default PT2M), spread up to {@code spreadMeters} (default 0) around it; each then gets the
     * {@code updates}, relative to its own filing.
     */
    public record Report(
            Duration at,
            String serviceCode,
            double lat,
            double lon,
            String description,
            Integer count,
            Duration every,
            Double spreadMeters,
            List<ReportUpdate> updates) {
        public Report {
            count = count == null ? 1 : count;
            every = every == null ? Duration.ofMinutes(2) : every;
            spreadMeters = spreadMeters == null ? 0.0 : spreadMeters;
            updates = updates == null ? List.of() : List.copyOf(updates);
        }
    }

    /** A FixMyStreet status a report takes {@code after} its filing. */
    public record ReportUpdate(Duration after, String status, String agency, String description) {}

    /**
     * A vessel the scenario sails: its port's AIS receiver relays positions every {@code aisSeconds} (default 10)
     * along the waypoints (interpolated; speed and course from each leg), and its berth announces the arrival (EST a
     * few minutes ahead, ACT at {@code arriveAt}).
     */
    public record Vessel(
            String port,
            String berth,
            long mmsi,
            Long imo,
            String name,
            Duration arriveAt,
            Double aisSeconds,
            List<Waypoint> track) {
        public Vessel {
            track = track == null ? List.of() : List.copyOf(track);
            aisSeconds = aisSeconds == null ? 10.0 : aisSeconds;
        }
    }

    /** Where the vessel is at a scenario time, and its AIS navigation status from then on (0 under way, 5 moored). */
    public record Waypoint(Duration at, double lat, double lon, Integer navigationStatus) {}

    /** A gate equipment event the scenario sends as is, at {@code at}. */
    public record GateEvent(
            Duration at,
            String port,
            String gate,
            String equipmentEventTypeCode,
            String equipmentReference,
            String truckPlate,
            String lane) {}

    /**
     * One driven field. {@code noise} is the half-width of uniform jitter added to each reading, so the driven assets
     * do not report identical values; absent means none.
     */
    public record Track(Target target, String field, Double noise, List<Keyframe> keyframes) {
        public Track {
            noise = noise == null ? 0.0 : noise;
            keyframes = keyframes == null ? List.of() : List.copyOf(keyframes);
        }
    }

    /** Which assets a track drives: one port, some asset types, optionally only some asset ids. */
    public record Target(String port, List<String> assetTypes, List<String> assetIds) {
        public Target {
            assetTypes = assetTypes == null ? List.of() : List.copyOf(assetTypes);
            assetIds = assetIds == null ? List.of() : List.copyOf(assetIds);
        }

        public boolean matches(String portId, String assetType, String assetId) {
            return port.equals(portId)
                    && assetTypes.contains(assetType)
                    && (assetIds.isEmpty() || assetIds.contains(assetId));
        }
    }

    /** A value at a time after the scenario starts, in scenario time (before {@code --scenario-speed}). */
    public record Keyframe(Duration at, double value) {}
}
