package vn.haiphong.ioc.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class IocWatermarksTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };
    private final IocWatermarks.Generator<Object> generator =
            new IocWatermarks.Generator<>(Duration.ofSeconds(10), Duration.ofSeconds(30), now::get);

    @Test
    void followsTheNewestEventLessTheOutOfOrderBound() {
        generator.onEvent("e", 990_000, output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(979_999L);
    }

    @Test
    void aQuietFeedStillMovesTimeForwardWithTheWallClock() {
        generator.onEvent("e", 900_000, output);
        generator.onPeriodicEmit(output);
        now.addAndGet(120_000);
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(970_000L, 1_090_000L);
    }

    @Test
    void neverGoesBack() {
        generator.onEvent("e", 2_000_000, output);
        generator.onPeriodicEmit(output);
        generator.onEvent("e", 1_000_000, output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_989_999L);
    }
}
