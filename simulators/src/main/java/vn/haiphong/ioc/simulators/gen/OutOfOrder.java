package vn.haiphong.ioc.simulators.gen;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Holds a fraction of messages back by 1–8 s, as a device with a flaky link would, and releases them late with their
 * original event time, so that event-time code downstream meets real disorder. Retained state messages are never held:
 * they stand for what a device says on connecting.
 */
public final class OutOfOrder implements MessageStream {
    public static final long MIN_DELAY_MS = 1_000;
    public static final long MAX_DELAY_MS = 8_000;

    private final MessageStream upstream;
    private final double fraction;
    private final SplittableRandom rng;
    private final PriorityQueue<SimMessage> held =
            new PriorityQueue<>(Comparator.comparingLong(SimMessage::releaseAt).thenComparingLong(SimMessage::dueAt));
    private SimMessage lookahead;

    public OutOfOrder(MessageStream upstream, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the out-of-order fraction must be in [0, 1), not " + fraction);
        }
        this.upstream = upstream;
        this.fraction = fraction;
        this.rng = Randoms.forKey(seed, "out-of-order");
    }

    @Override
    public SimMessage next() {
        while (true) {
            if (lookahead == null) {
                lookahead = upstream.next();
            }
            SimMessage first = held.peek();
            if (first != null && first.releaseAt() <= lookahead.releaseAt()) {
                return held.poll();
            }
            SimMessage m = lookahead;
            lookahead = null;
            // The draw happens for every message, so the same seed holds back the same messages.
            double draw = rng.nextDouble();
            long delay = MIN_DELAY_MS + (long) (rng.nextDouble() * (MAX_DELAY_MS - MIN_DELAY_MS + 1));
            if (draw < fraction && !m.retained()) {
                held.add(m.releasedAt(m.releaseAt() + delay));
            } else {
                return m;
            }
        }
    }
}
