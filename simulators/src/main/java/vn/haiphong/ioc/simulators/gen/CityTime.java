package vn.haiphong.ioc.simulators.gen;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import vn.haiphong.ioc.core.wire.Timestamps;

/** Local time in Hai Phong (+07:00, no daylight saving), which daily profiles follow. */
public final class CityTime {
    private CityTime() {}

    public static LocalDateTime local(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), Timestamps.VIETNAM);
    }

    /** Hours since local midnight, fractional: 16.5 is 16:30. */
    public static double hourOfDay(long epochMillis) {
        long localMillis = epochMillis + Timestamps.VIETNAM.getTotalSeconds() * 1000L;
        return Math.floorMod(localMillis, 86_400_000L) / 3_600_000.0;
    }

    public static DayOfWeek dayOfWeek(long epochMillis) {
        return local(epochMillis).getDayOfWeek();
    }

    public static boolean weekend(long epochMillis) {
        DayOfWeek d = dayOfWeek(epochMillis);
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }
}
