package vn.haiphong.ioc.simulators.gen.report;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;
import vn.haiphong.ioc.simulators.gen.Source;

/**
 * Citizens' field reports from HP Smart and the city's answers. New reports arrive at random; each is then taken up
 * (INVESTIGATING, IN_PROGRESS or ACTION_SCHEDULED) within its service's acknowledge deadline and resolved, mostly within
 * the resolve deadline; a share is never acknowledged. At start, a backlog of old unacknowledged reports gives the
 * overdue rule something to find at once.
 */
final class ReportSource extends Source {
    private static final long MINUTE = 60_000;
    private static final Duration BACKLOG_MIN_AGE = Duration.ofHours(3);
    private static final Duration BACKLOG_MAX_AGE = Duration.ofHours(12);

    private final Profile.Reports profile;
    private final Places places;
    private final Pseudonyms pseudonyms;
    private final Map<String, Double> areas = new LinkedHashMap<>();
    private final Map<String, Double> dryServices = new LinkedHashMap<>();
    private final Map<String, Double> rainServices = new LinkedHashMap<>();
    private final int backlogSize;
    private final Deque<ReportNew> backlog = new ArrayDeque<>();
    private final PriorityQueue<Pending> updates =
            new PriorityQueue<>(Comparator.comparingLong(Pending::at).thenComparingLong(Pending::order));
    private double perSecond;
    private long nextNew;
    private long seq;
    private long order;

    private record Pending(long at, long order, ReportUpdate update) {}

    private record Filed(ReportNew report, String district) {}

    ReportSource(SimContext ctx, Places places, int backlogSize) {
        super(ctx, "reports");
        this.profile = ctx.profile().reports();
        this.places = places;
        this.pseudonyms = new Pseudonyms(ctx.seed());
        this.backlogSize = backlogSize;
        profile.areas().forEach((code, w) -> {
            if (ctx.reference().areas().byCode(code).isPresent()) {
                areas.put(code, w);
            }
        });
        if (areas.isEmpty()) {
            // A deployment's own areas layer: every area equally likely.
            ctx.reference().areas().all().forEach(a -> areas.put(a.code(), 1.0));
        }
        for (ServiceCode s : ctx.reference().services()) {
            double w = profile.services().getOrDefault(s.code(), 0.02);
            dryServices.put(s.code(), w);
            rainServices.put(s.code(), profile.rainServices().getOrDefault(s.code(), w));
        }
    }

    @Override
    protected double nominalRate() {
        return profile.perMinute() / 60;
    }

    @Override
    protected boolean elastic() {
        return false;
    }

    @Override
    protected void start(double scale) {
        perSecond = nominalRate() * scale;
        List<ReportNew> old = new ArrayList<>();
        for (int i = 0; i < backlogSize; i++) {
            old.add(backlogReport());
        }
        old.sort(Comparator.comparingLong(ReportNew::requestedDatetime));
        backlog.addAll(old);
        nextNew = perSecond > 0 ? exponentialGap(perSecond) : Long.MAX_VALUE;
        reschedule();
    }

    @Override
    protected InboundEvent emit(long now) {
        InboundEvent event;
        if (!backlog.isEmpty()) {
            event = backlog.poll();
        } else if (!updates.isEmpty() && ctx.nanosAt(updates.peek().at()) <= nextNew) {
            event = updates.poll().update();
        } else {
            Filed filed = newReport(now, dryOrRain(now));
            scheduleUpdates(filed);
            nextNew += exponentialGap(perSecond);
            event = filed.report();
        }
        reschedule();
        return event;
    }

    private void reschedule() {
        if (!backlog.isEmpty()) {
            due = 0;
        } else {
            long update = updates.isEmpty()
                    ? Long.MAX_VALUE
                    : ctx.nanosAt(updates.peek().at());
            due = Math.min(update, nextNew);
        }
    }

    private Map<String, Double> dryOrRain(long t) {
        return ctx.weather().raining(t) ? rainServices : dryServices;
    }

    /** An old report still waiting for anyone to take it up, past its acknowledge deadline. */
    private ReportNew backlogReport() {
        long age = BACKLOG_MIN_AGE.toMillis()
                + (long) (rng.nextDouble() * (BACKLOG_MAX_AGE.toMillis() - BACKLOG_MIN_AGE.toMillis()));
        Map<String, Double> overdue = new LinkedHashMap<>();
        dryServices.forEach((code, w) -> {
            Duration ack = ctx.reference().service(code).orElseThrow().acknowledgeWithin();
            if (ack != null && ack.toMillis() < age) {
                overdue.put(code, w);
            }
        });
        return newReport(ctx.startMillis() - age, overdue.isEmpty() ? dryServices : overdue)
                .report();
    }

    private Filed newReport(long requested, Map<String, Double> services) {
        String code = Randoms.weighted(rng, services);
        String areaCode = Randoms.weighted(rng, areas);
        Places.Place place = places.sample(rng, areaCode, profile.nearRoadShare());
        String district = place.area().name();
        String id = "hp-" + ctx.runTag() + "-" + String.format(Locale.ROOT, "%06d", ++seq);
        // Frequent reporters exist: the square skews picks towards low account numbers.
        double u = rng.nextDouble();
        int account = (int) Math.min(profile.accounts() - 1, Math.floor(profile.accounts() * u * u));
        String media = rng.nextDouble() < profile.photoShare()
                ? "https://media.hpsmart.invalid/reports/" + id + "/1.jpg"
                : null;
        ReportNew report = new ReportNew(
                id,
                code,
                describe(code, place, district),
                place.lat(),
                place.lon(),
                null,
                address(place, district),
                media,
                requested,
                pseudonyms.account(account),
                pseudonyms.device(account));
        return new Filed(report, district);
    }

    private String describe(String code, Places.Place place, String district) {
        List<String> texts = profile.texts().getOrDefault(code, profile.texts().get("other"));
        String template = Randoms.pick(rng, texts);
        // Away from the camera-watched roads: a commune road in the rural districts, a neighbourhood street in town.
        String where = place.road() != null
                ? roadPhrase(place.road())
                : district.startsWith("Huyện") ? "đường liên xã" : "đường trong khu dân cư";
        return template.replace("{place}", where)
                .replace("{Place}", capitalize(where))
                .replace("{district}", district)
                .replace("{n}", Integer.toString(10 + rng.nextInt(51)));
    }

    static String roadPhrase(String road) {
        for (String prefix : List.of("Quốc lộ", "Đường", "Cầu", "Phố")) {
            if (road.startsWith(prefix)) {
                return road;
            }
        }
        return "đường " + road;
    }

    private static String address(Places.Place place, String district) {
        return place.road() == null
                ? district + ", Hải Phòng"
                : capitalize(roadPhrase(place.road())) + ", " + district + ", Hải Phòng";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private void scheduleUpdates(Filed filed) {
        ReportNew report = filed.report();
        String district = filed.district();
        if (rng.nextDouble() < profile.neverAcknowledgedShare()) {
            return;
        }
        ServiceCode service = ctx.reference().service(report.serviceCode()).orElseThrow();
        long ack = service.acknowledgeWithin().toMillis();
        long resolve = service.resolveWithin().toMillis();
        long t0 = report.requestedDatetime();
        long acked = t0 + (long) Randoms.clamp(-Math.log(1 - rng.nextDouble()) * 0.25 * ack, MINUTE, 0.9 * ack);
        double firstStatus = rng.nextDouble();
        String taken = firstStatus < 0.6 ? "INVESTIGATING" : firstStatus < 0.9 ? "IN_PROGRESS" : "ACTION_SCHEDULED";
        List<ReportUpdate> list = new ArrayList<>();
        list.add(update(report, 1, taken, acked, district));
        double outcome = rng.nextDouble();
        if (outcome < 0.04) {
            list.add(update(report, 2, "DUPLICATE", acked + minutes(5, 30), district));
        } else if (outcome < 0.07) {
            list.add(update(report, 2, "NOT_COUNCILS_RESPONSIBILITY", acked + minutes(10, 60), district));
        } else {
            double share = rng.nextDouble() < 0.88 ? Randoms.uniform(rng, 0.25, 0.95) : Randoms.uniform(rng, 1.05, 1.6);
            long fixed = Math.max(t0 + (long) (share * resolve), acked + 5 * MINUTE);
            list.add(update(report, 2, "FIXED", fixed, district));
            if (rng.nextDouble() < 0.6) {
                list.add(update(report, 3, "CLOSED", fixed + minutes(10, 120), district));
            }
        }
        for (ReportUpdate u : list) {
            updates.add(new Pending(u.updatedDatetime(), order++, u));
        }
    }

    private long minutes(int min, int max) {
        return (long) (Randoms.uniform(rng, min, max) * MINUTE);
    }

    private ReportUpdate update(ReportNew report, int n, String status, long at, String district) {
        String agency = profile.agencies().getOrDefault(report.serviceCode(), "UBND {district}");
        return new ReportUpdate(
                report.serviceRequestId(),
                report.serviceRequestId() + "-u" + n,
                status,
                agency.replace("{district}", district),
                profile.updates().get(status),
                at);
    }
}
