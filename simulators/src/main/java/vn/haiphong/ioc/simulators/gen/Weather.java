package vn.haiphong.ioc.simulators.gen;

import java.util.SplittableRandom;

/**
 * The city's weather as smooth functions of time (seeded phases), so that port stations, camera detections and
 * citizen reports all see the same rain without sharing mutable state.
 */
public final class Weather {
    private static final double HOUR_MS = 3_600_000.0;

    private final Profile.Weather profile;
    private final double[] rainPhases;
    private final double windPhaseSlow;
    private final double windPhaseFast;
    private final double directionPhase;

    public Weather(Profile.Weather profile, long seed) {
        this.profile = profile;
        SplittableRandom rng = Randoms.forKey(seed, "weather");
        this.rainPhases = new double[profile.rainPeriodsHours().length];
        for (int i = 0; i < rainPhases.length; i++) {
            rainPhases[i] = rng.nextDouble() * 2 * Math.PI;
        }
        this.windPhaseSlow = rng.nextDouble() * 2 * Math.PI;
        this.windPhaseFast = rng.nextDouble() * 2 * Math.PI;
        this.directionPhase = rng.nextDouble() * 2 * Math.PI;
    }

    /** Rain rate over the city in mm/h: dry most of the time, showers where the slow waves line up. */
    public double rain(long t) {
        double h = t / HOUR_MS;
        double s = 0;
        for (int i = 0; i < rainPhases.length; i++) {
            s += Math.sin(2 * Math.PI * h / profile.rainPeriodsHours()[i] + rainPhases[i]);
        }
        return Math.max(0, s - profile.rainThreshold()) * profile.rainPerUnit();
    }

    public boolean raining(long t) {
        return rain(t) >= 0.5;
    }

    /** The 10-minute mean wind over a port in m/s, between about 4 and 9 (ports differ by a phase). */
    public double wind(long t, double portPhase) {
        double h = t / HOUR_MS;
        return profile.windMean()
                + 1.5 * Math.sin(2 * Math.PI * h / 13.0 + windPhaseSlow + portPhase)
                + 1.0 * Math.sin(2 * Math.PI * h / 3.1 + windPhaseFast + 2 * portPhase);
    }

    /** Prevailing direction in degrees: the north-east monsoon from October to March, south-east otherwise. */
    public double direction(long t) {
        int month = CityTime.local(t).getMonthValue();
        double base = month >= 10 || month <= 3 ? 50 : 140;
        double h = t / HOUR_MS;
        return base + 25 * Math.sin(2 * Math.PI * h / 9.0 + directionPhase);
    }

    /** Visibility in metres: lower in rain, and in the early-morning mist of winter and spring. */
    public double visibility(long t) {
        double v = 12_000 / (1 + rain(t) / 3);
        int month = CityTime.local(t).getMonthValue();
        double hour = CityTime.hourOfDay(t);
        if ((month == 12 || month <= 4) && hour >= 5 && hour < 8) {
            v *= 0.4;
        }
        return v;
    }
}
