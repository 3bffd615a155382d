package vn.haiphong.ioc.simulators.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.Timestamps;

/**
 * A message encoded once by ioc-core's codec, with holes where each copy gets its own id and the current time:
 * building a payload is then a few array copies, so that the load generator leaves the CPU to the system it measures.
 * The holes are found by encoding the event with marker values: an id of {@link #ID_MARK} and event times of
 * {@link #TIME_MARK} minus each offset, which the codec writes as ISO-8601 strings.
 */
final class Template {
    static final String ID_MARK = "bench-id-mark";
    /** A time no real message carries: 2001-09-09T08:46:40+07:00 is 1,000,000,000,000 ms. */
    static final long TIME_MARK = 1_000_000_000_000L;

    private final Feed feed;
    private final String topic;
    private final byte[][] parts;
    /** For each hole between parts: -1 for the id, else the time offset in milliseconds before now. */
    private final long[] holes;

    private Template(Feed feed, String topic, byte[][] parts, long[] holes) {
        this.feed = feed;
        this.topic = topic;
        this.parts = parts;
        this.holes = holes;
    }

    /**
     * Splits {@code encoded} at the id mark and at the marked times {@code TIME_MARK - offset} for each of
     * {@code timeOffsets}; fails when a mark is missing, so a change of the codec cannot silently freeze the times.
     */
    static Template of(Feed feed, String topic, byte[] encoded, long... timeOffsets) {
        String text = new String(encoded, StandardCharsets.UTF_8);
        List<byte[]> parts = new ArrayList<>();
        List<Long> holes = new ArrayList<>();
        int at = 0;
        while (true) {
            int best = -1;
            long hole = 0;
            int length = 0;
            int id = text.indexOf(ID_MARK, at);
            if (id >= 0) {
                best = id;
                hole = -1;
                length = ID_MARK.length();
            }
            for (long offset : timeOffsets) {
                String mark = Timestamps.format(TIME_MARK - offset);
                int t = text.indexOf(mark, at);
                if (t >= 0 && (best < 0 || t < best)) {
                    best = t;
                    hole = offset;
                    length = mark.length();
                }
            }
            if (best < 0) {
                break;
            }
            parts.add(text.substring(at, best).getBytes(StandardCharsets.UTF_8));
            holes.add(hole);
            at = best + length;
        }
        parts.add(text.substring(at).getBytes(StandardCharsets.UTF_8));
        if (!holes.contains(-1L)) {
            throw new IllegalArgumentException("no id mark in the encoded " + topic + " message: " + text);
        }
        for (long offset : timeOffsets) {
            if (!holes.contains(offset)) {
                throw new IllegalArgumentException("no time mark " + Timestamps.format(TIME_MARK - offset)
                        + " in the encoded " + topic + " message: " + text);
            }
        }
        return new Template(
                feed,
                topic,
                parts.toArray(byte[][]::new),
                holes.stream().mapToLong(Long::longValue).toArray());
    }

    Feed feed() {
        return feed;
    }

    String topic() {
        return topic;
    }

    /** A copy with this id, its times relative to {@code clock}'s current time. */
    byte[] fill(String id, Clock clock) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(parts[0]);
        for (int i = 0; i < holes.length; i++) {
            out.writeBytes(holes[i] < 0 ? id.getBytes(StandardCharsets.US_ASCII) : clock.formatted(holes[i]));
            out.writeBytes(parts[i + 1]);
        }
        return out.toByteArray();
    }

    /** The current time, formatted as the codec does, cached for the millisecond: most messages share one. */
    static final class Clock {
        private long millis = Long.MIN_VALUE;
        private final Map<Long, byte[]> byOffset = new HashMap<>();

        /** Moves the clock to the current wall-clock time. */
        void tick() {
            long now = System.currentTimeMillis();
            if (now != millis) {
                millis = now;
                byOffset.clear();
            }
        }

        long millis() {
            return millis;
        }

        byte[] formatted(long offset) {
            return byOffset.computeIfAbsent(
                    offset, o -> Timestamps.format(millis - o).getBytes(StandardCharsets.UTF_8));
        }
    }
}
