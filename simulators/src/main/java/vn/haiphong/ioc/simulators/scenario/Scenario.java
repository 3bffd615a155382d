package vn.haiphong.ioc.simulators.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * A timed script that takes over fields of chosen port assets: each track drives one wire field of its targets
 * through keyframes, interpolated linearly, from its first keyframe to its last; outside that span the generators'
 * own values apply. It may also add messages of its own: a vessel sailing in along waypoints and berthing (AIS
 * positions and berth events), and gate events (e.g. a misread container number). Scenarios are data: JSON files
 * under {@code scenarios/}.
 */
public record Scenario(
        String name, LocalizedText description, List<Track> tracks, List<Vessel> vessels, List<GateEvent> gateEvents) {

    /** The fields a track may drive, by asset type: exactly those the port generators consult. */
    public static final Map<String, Set<String>> DRIVABLE = Map.of(
            "met", Set.of("windSpeed", "gustSpeed", "windDirection", "precipitation", "visibility"),
            "sts", Set.of("gustSpeed"),
            "rtg", Set.of("gustSpeed"),
            "gate", Set.of("queueLength", "averageWaitMinutes"),
            "tide", Set.of("waterLevel"),
            // 1 powered, 0 not: a rack losing power.
            "reefer", Set.of("powerOn"));

    public static final Scenario NONE =
            new Scenario("none", new LocalizedText("Không có kịch bản", "No scenario"), List.of(), null, null);

    public Scenario {
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
        vessels = vessels == null ? List.of() : List.copyOf(vessels);
        gateEvents = gateEvents == null ? List.of() : List.copyOf(gateEvents);
    }

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
