package vn.haiphong.ioc.core.wire;

import java.time.Duration;
import java.util.Map;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CameraState;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.PortAssetState;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.core.ref.ReferenceData;

/**
 * The checks a well-typed message must still pass: values in range, known places and codes, a believable time. Each
 * failure is one sentence naming the field, for the dead-letter topic.
 */
public final class InboundValidator {
    /** Device clocks drift; more than this ahead of our clock is a broken clock, not an event. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);
    /** Older than this is not a late event but a wrong one. */
    public static final Duration MAX_AGE = Duration.ofDays(30);

    private static final int MAX_TEXT = 4000;

    private final ReferenceData reference;

    public InboundValidator(ReferenceData reference) {
        this.reference = reference;
    }

    /** The first problem found, or null when the event is usable. */
    public String problem(InboundEvent e, long now) {
        String p = time("event time", e.eventTime(), now);
        if (p != null) {
            return p;
        }
        if (e instanceof TrafficFlowObserved t) {
            return traffic(t, now);
        } else if (e instanceof CrowdFlowObserved c) {
            return first(
                    interval(c.dateObservedFrom(), c.dateObservedTo(), now),
                    atLeast("peopleCount", c.peopleCount(), 0),
                    atLeast("queueLength", c.queueLength(), 0),
                    range("averageWaitMinutes", c.averageWaitMinutes(), 0, 1440),
                    c.countersOpen() == null ? null : atLeast("countersOpen", c.countersOpen(), 0));
        } else if (e instanceof CameraDetection d) {
            return detection(d);
        } else if (e instanceof CameraState s) {
            return oneOf("status", s.status(), CameraState.STATUSES);
        } else if (e instanceof ReportNew r) {
            return report(r);
        } else if (e instanceof ReportUpdate u) {
            return first(
                    oneOf("status", u.status(), ReportUpdate.STATUSES),
                    text("description", u.description()),
                    u.updateId().isBlank() ? "field 'update_id' is empty" : null);
        } else if (e instanceof MetObserved m) {
            return first(
                    m.windSpeed() == null && m.gustSpeed() == null
                            ? "a weather reading needs windSpeed or gustSpeed"
                            : null,
                    range("windSpeed", m.windSpeed(), 0, 100),
                    range("gustSpeed", m.gustSpeed(), 0, 120),
                    range("windDirection", m.windDirection(), 0, 360),
                    range("precipitation", m.precipitation(), 0, 500),
                    range("visibility", m.visibility(), 0, 100_000));
        } else if (e instanceof CraneTelemetry c) {
            return first(
                    oneOf("state", c.state(), CraneTelemetry.STATES),
                    c.moves() == null ? null : atLeast("moves", c.moves(), 0),
                    range("gustSpeed", c.gustSpeed(), 0, 120),
                    range("loadTonnes", c.loadTonnes(), 0, 200));
        } else if (e instanceof GateTelemetry g) {
            return first(
                    atLeast("queueLength", g.queueLength(), 0),
                    range("averageWaitMinutes", g.averageWaitMinutes(), 0, 1440));
        } else if (e instanceof GateEquipmentEvent g) {
            return first(
                    oneOf("equipmentEventTypeCode", g.equipmentEventTypeCode(), java.util.Set.of("GTIN", "GTOT")),
                    g.equipmentReference().isBlank() ? "field 'equipmentReference' is empty" : null);
        } else if (e instanceof YardTelemetry y) {
            return first(
                    atLeast("capacityTeu", y.capacityTeu(), 1),
                    y.occupiedTeu() < 0 || y.occupiedTeu() > y.capacityTeu()
                            ? "field 'occupiedTeu' must be between 0 and capacityTeu (" + y.capacityTeu() + ")"
                            : null);
        } else if (e instanceof ReeferTelemetry r) {
            return first(
                    range("setpoint", r.setpoint(), -70, 40),
                    range("supplyAirTemperature", r.supplyAirTemperature(), -70, 60),
                    range("returnAirTemperature", r.returnAirTemperature(), -70, 60));
        } else if (e instanceof TideTelemetry t) {
            return range("waterLevel", t.waterLevel(), -200, 1000);
        } else if (e instanceof AisPosition a) {
            return first(
                    a.mmsi() < 100_000_000L || a.mmsi() > 999_999_999L ? "field 'mmsi' must have 9 digits" : null,
                    range("latitude", a.latitude(), -90, 90),
                    range("longitude", a.longitude(), -180, 180),
                    a.navigationStatus() == null ? null : rangeInt("navigationStatus", a.navigationStatus(), 0, 15));
        } else if (e instanceof BerthEvent b) {
            return first(
                    oneOf(
                            "portCallServiceEventTypeCode",
                            b.portCallServiceEventTypeCode(),
                            java.util.Set.of("ARRI", "DEPA")),
                    oneOf("classifierCode", b.classifierCode(), java.util.Set.of("EST", "ACT", "PLN", "REQ")));
        } else if (e instanceof PortAssetState s) {
            return oneOf("status", s.status(), CameraState.STATUSES);
        }
        return null;
    }

    private String traffic(TrafficFlowObserved t, long now) {
        String p = interval(t.dateObservedFrom(), t.dateObservedTo(), now);
        if (p != null) {
            return p;
        }
        for (Map.Entry<String, Integer> e : t.intensity().entrySet()) {
            if (!TrafficFlowObserved.VEHICLE_TYPES.contains(e.getKey())) {
                return "field 'intensity' has unknown vehicleType '" + e.getKey() + "' (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(TrafficFlowObserved.VEHICLE_TYPES)) + ")";
            }
            if (e.getValue() == null || e.getValue() < 0) {
                return "field 'intensity." + e.getKey() + "' must be a count of 0 or more";
            }
        }
        return first(
                range("averageVehicleSpeed", t.averageVehicleSpeed(), 0, 250), range("occupancy", t.occupancy(), 0, 1));
    }

    private static String detection(CameraDetection d) {
        if (!CameraDetection.SUB_CATEGORIES.contains(d.detection())) {
            return "field 'category'/'subCategory' names no known detection '" + d.detection() + "' (expected one of "
                    + String.join(", ", new java.util.TreeSet<>(CameraDetection.SUB_CATEGORIES)) + ")";
        }
        return first(range("confidence", d.confidence(), 0, 1), text("description", d.description()));
    }

    private String report(ReportNew r) {
        if (reference.service(r.serviceCode()).isEmpty()) {
            return "unknown service_code '" + r.serviceCode() + "'";
        }
        if (r.serviceRequestId().isBlank()) {
            return "field 'service_request_id' is empty";
        }
        if (!Topics.isLevel(r.serviceRequestId())) {
            return "service_request_id '" + r.serviceRequestId() + "' must be lowercase letters, digits and dashes"
                    + " (at most 64): it names the report's update topic hp/v1/report/{service_request_id}/update";
        }
        Double lat = r.latitude();
        Double lon = r.longitude();
        if (lat == null || lon == null) {
            return "missing field 'lat'/'long' (or a GeoJSON Point in 'location')";
        }
        if (!reference.areas().withinCity(lat, lon)) {
            return "position " + lat + ", " + lon + " is outside Hai Phong";
        }
        return text("description", r.description());
    }

    private static String time(String what, long t, long now) {
        if (t > now + MAX_CLOCK_AHEAD.toMillis()) {
            return what + " " + Timestamps.format(t) + " is in the future (more than " + MAX_CLOCK_AHEAD.toMinutes()
                    + " min ahead of " + Timestamps.format(now) + ")";
        }
        if (t < now - MAX_AGE.toMillis()) {
            return what + " " + Timestamps.format(t) + " is more than " + MAX_AGE.toDays() + " days old";
        }
        return null;
    }

    private static String interval(long from, long to, long now) {
        if (from > to) {
            return "dateObservedFrom is after dateObservedTo";
        }
        if (to - from > Duration.ofDays(1).toMillis()) {
            return "observation interval is longer than a day";
        }
        return time("dateObservedFrom", from, now);
    }

    private static String text(String field, String value) {
        return value != null && value.length() > MAX_TEXT
                ? "field '" + field + "' is longer than " + MAX_TEXT + " characters"
                : null;
    }

    private static String range(String field, Double value, double min, double max) {
        if (value == null) {
            return null;
        }
        return value.isNaN() || value < min || value > max
                ? "field '" + field + "' = " + value + " is out of range [" + fmt(min) + ", " + fmt(max) + "]"
                : null;
    }

    private static String rangeInt(String field, int value, int min, int max) {
        return value < min || value > max
                ? "field '" + field + "' = " + value + " is out of range [" + min + ", " + max + "]"
                : null;
    }

    private static String atLeast(String field, int value, int min) {
        return value < min ? "field '" + field + "' = " + value + " must be at least " + min : null;
    }

    private static String oneOf(String field, String value, java.util.Set<String> allowed) {
        return allowed.contains(value)
                ? null
                : "field '" + field + "' = '" + value + "' is not one of "
                        + String.join(", ", new java.util.TreeSet<>(allowed));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
