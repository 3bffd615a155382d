package vn.haiphong.ioc.dashboards.live;

import vn.haiphong.ioc.core.alert.Alert;

/**
 * The last {@code capacity} push frames, by sequence number, so a client that reconnects or falls behind is sent
 * exactly what it missed. Sequence numbers are consecutive; the oldest frame is overwritten when the ring is full.
 * Not thread-safe: it lives on one event loop.
 */
final class PushRing {
    private final PushFrame[] frames;
    private final long base;
    private long last;

    /** @param base the sequence number before the first frame: the first frame appended gets {@code base + 1} */
    PushRing(int capacity, long base) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.frames = new PushFrame[capacity];
        this.base = base;
        this.last = base;
    }

    /** The sequence number of the newest frame, or {@code base} when there is none. */
    long lastSeq() {
        return last;
    }

    /** The sequence number of the oldest frame still held (greater than {@link #lastSeq()} when empty). */
    long firstSeq() {
        return Math.max(base + 1, last - frames.length + 1);
    }

    /** Appends the frame with the next sequence number. */
    PushFrame append(String type, String data, Alert alert) {
        PushFrame frame = new PushFrame(last + 1, type, data, alert);
        frames[slot(frame.seq())] = frame;
        last = frame.seq();
        return frame;
    }

    /** True when every frame after {@code seq} up to the newest is still held. */
    boolean canReplayAfter(long seq) {
        return seq >= firstSeq() - 1 && seq <= last;
    }

    /** The frame with this sequence number; only valid between {@link #firstSeq()} and {@link #lastSeq()}. */
    PushFrame get(long seq) {
        if (seq < firstSeq() || seq > last) {
            throw new IllegalArgumentException("frame " + seq + " is not held (" + firstSeq() + ".." + last + ")");
        }
        return frames[slot(seq)];
    }

    private int slot(long seq) {
        return (int) Math.floorMod(seq, (long) frames.length);
    }
}
