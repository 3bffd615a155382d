package vn.haiphong.ioc.simulators.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.simulators.gen.MessageStream;
import vn.haiphong.ioc.simulators.gen.SimMessage;

class PublishLoopTest {
    private static final long T0 = 1_790_000_000_000L;

    /** A clock that only the test's sleeper moves. */
    private static final class FakeClock extends Clock {
        long now = T0;

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Messages every {@code gapMs}, one per topic of a cycle of three feeds. */
    private static MessageStream every(long gapMs) {
        return new MessageStream() {
            private long i;

            @Override
            public SimMessage next() {
                long at = T0 + i * gapMs;
                Feed feed = Feed.values()[(int) (i++ % 3)];
                return new SimMessage(feed, "hp/v1/" + feed + "/x", new byte[] {'{', '}'}, false, at, at, at, null);
            }
        };
    }

    private static final class Recorder implements MessageSink {
        final FakeClock clock;
        final PublishStats stats;
        final List<long[]> sent = new ArrayList<>();
        long costMs;
        int refuseAfter = Integer.MAX_VALUE;

        Recorder(FakeClock clock, PublishStats stats) {
            this.clock = clock;
            this.stats = stats;
        }

        @Override
        public boolean send(SimMessage m) {
            if (sent.size() >= refuseAfter) {
                return false;
            }
            sent.add(new long[] {clock.now, m.releaseAt()});
            clock.now += costMs;
            stats.recordPublished(m.feed());
            return true;
        }

        @Override
        public int inFlight() {
            return 0;
        }

        @Override
        public boolean flush(Duration timeout) {
            return true;
        }

        @Override
        public void abort() {}

        @Override
        public void close() {}
    }

    @Test
    void sendsEachMessageAtItsReleaseTimeUntilTheStopTime() throws InterruptedException {
        FakeClock clock = new FakeClock();
        PublishStats stats = new PublishStats();
        Recorder sink = new Recorder(clock, stats);
        PublishLoop loop = new PublishLoop(every(5), sink, stats, clock, ms -> clock.now += ms, T0 + 10_000);
        assertThat(loop.run()).isEqualTo(2_000);
        for (long[] s : sink.sent) {
            assertThat(s[0]).isEqualTo(s[1]);
        }
        assertThat(stats.published()).isEqualTo(2_000);
        assertThat(stats.published(Feed.cam)).isEqualTo(667);
    }

    @Test
    void aSlowSinkDelaysMessagesButDropsNone() throws InterruptedException {
        FakeClock clock = new FakeClock();
        PublishStats stats = new PublishStats();
        Recorder sink = new Recorder(clock, stats);
        sink.costMs = 10;
        PublishLoop loop = new PublishLoop(every(5), sink, stats, clock, ms -> clock.now += ms, T0 + 1_000);
        long sent = loop.run();
        // The clock reaches the stop time after 100 sends, each taking twice the schedule's gap.
        assertThat(sent).isEqualTo(100);
        for (int i = 0; i < sink.sent.size(); i++) {
            assertThat(sink.sent.get(i)[1]).isEqualTo(T0 + i * 5L);
            assertThat(sink.sent.get(i)[0]).isGreaterThanOrEqualTo(sink.sent.get(i)[1]);
        }
        assertThat(stats.progress(clock.now, 0)).contains("behind schedule 495 ms");
    }

    @Test
    void stopsWhenToldOrWhenTheSinkGivesUp() throws InterruptedException {
        FakeClock clock = new FakeClock();
        PublishStats stats = new PublishStats();
        Recorder sink = new Recorder(clock, stats);
        sink.refuseAfter = 7;
        PublishLoop refused = new PublishLoop(every(5), sink, stats, clock, ms -> clock.now += ms, Long.MAX_VALUE);
        assertThat(refused.run()).isEqualTo(7);

        Recorder second = new Recorder(clock, stats);
        PublishLoop[] holder = new PublishLoop[1];
        holder[0] = new PublishLoop(
                every(5),
                second,
                stats,
                clock,
                ms -> {
                    clock.now += ms;
                    if (clock.now > T0 + 50) {
                        holder[0].stop();
                    }
                },
                Long.MAX_VALUE);
        holder[0].run();
        assertThat(second.sent).isNotEmpty().allMatch(s -> s[1] <= T0 + 55);
    }

    @Test
    void theProgressLineCountsPerFeedSinceTheLastLine() {
        PublishStats stats = new PublishStats();
        stats.progress(T0, 0);
        stats.recordPublished(Feed.cam);
        stats.recordPublished(Feed.cam);
        stats.recordPublished(Feed.port);
        stats.recordFailure();
        assertThat(stats.progress(T0 + 10_000, 4))
                .startsWith("published 3 (0.3/s; cam 2, report 0, port 1), failed 1")
                .contains("in flight 4");
        stats.recordPublished(Feed.report);
        assertThat(stats.progress(T0 + 20_000, 0))
                .startsWith("published 1 (0.1/s; cam 0, report 1, port 0), failed 0; total 4 published, 1 failed");
    }
}
