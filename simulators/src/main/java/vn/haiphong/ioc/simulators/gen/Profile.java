package vn.haiphong.ioc.simulators.gen;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import vn.haiphong.ioc.core.wire.Json;

/**
 * How the simulated city behaves, read from {@code profile/hai-phong.json}: shares, daily profiles ({@code [hour,
 * factor]} keyframes), ranges ({@code [min, max]}), Vietnamese texts. Tuning the simulation is editing that file.
 */
public record Profile(String about, Traffic traffic, Desks desks, Reports reports, Ports ports, Weather weather) {

    public static final String DEFAULT = "profile/hai-phong.json";

    public record Traffic(
            double periodSeconds,
            double[][] diurnal,
            double weekendFactor,
            Map<String, Double> vehicleMix,
            Map<String, Double> freightRoadMix,
            List<String> freightRoads,
            List<String> hotSpots,
            double[] capacityPerHour,
            double[] peakDemand,
            double[] hotSpotPeakDemand,
            double[] freeFlowKmh,
            double detectionsPerCameraHour,
            Map<String, Double> detections,
            Map<String, Double> rainDetections,
            double confidenceMean,
            double confidenceSd,
            double snapshotShare) {}

    public record Desks(
            double periodSeconds,
            List<List<String>> weekdaySessions,
            List<List<String>> saturdaySessions,
            double[][] arrivals,
            int[] counters,
            double servedPerCounterHour,
            double[] peakLoad,
            List<String> busyDesks,
            double[] busyPeakLoad) {}

    public record Reports(
            double perMinute,
            double neverAcknowledgedShare,
            double photoShare,
            double nearRoadShare,
            Map<String, Double> services,
            Map<String, Double> rainServices,
            Map<String, Double> areas,
            int accounts,
            Map<String, List<String>> texts,
            Map<String, String> agencies,
            Map<String, String> updates) {}

    public record Ports(
            Map<String, Double> periods,
            double calmGustMax,
            Map<String, Double> cranesPerHour,
            double craneFaultsPerDay,
            double[][] gateDiurnal,
            double[] gatePeakQueue,
            double gateTrucksPerHour,
            double gateMisreadShare,
            double[] yardOccupancy,
            double reeferFill,
            double reeferFaultHours,
            Map<String, Double> reeferSetpoints,
            Tide tide,
            List<String> containerOwners,
            List<String> reeferOwners,
            Map<String, Double> plateProvinces,
            Map<String, Double> flags,
            List<String> vesselNames,
            Map<String, double[][]> approaches,
            VesselCall vesselCall) {

        public double period(String assetType) {
            Double p = periods.get(assetType);
            if (p == null) {
                throw new IllegalArgumentException("the profile gives no period for port assets of type " + assetType);
            }
            return p;
        }
    }

    /** Harmonic constituents as {@code [period hours, amplitude cm, phase rad]}. */
    public record Tide(double meanCm, double[][] components) {}

    public record VesselCall(
            double[] anchorMinutes,
            double[] channelKnots,
            double[] berthHours,
            double[] idleMinutes,
            double occupiedAtStart) {}

    public record Weather(double windMean, double[] rainPeriodsHours, double rainThreshold, double rainPerUnit) {}

    public static Profile defaults() {
        try (InputStream in = Profile.class.getClassLoader().getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT + ": " + e.getMessage(), e);
        }
    }

    public static Profile read(InputStream in) throws IOException {
        // Strict about unknown names: a misspelt key in the profile should fail loudly, not be ignored.
        ObjectMapper mapper = Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper.readValue(in, Profile.class);
    }
}
