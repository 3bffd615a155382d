package vn.haiphong.ioc.ingest.pipeline;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;

/**
 * Runs a {@link DecodeFunction} and emits its per-feed counts on {@link DecodeFunction#COUNTS}: every
 * {@code flushMillis} of processing time, right before each checkpoint barrier and at the end of input. Flushing
 * before the barrier puts every count of the messages a checkpoint covers into that checkpoint downstream, so the
 * counts stay exact across a restart without state of their own here. A plain function cannot do this: processing-time
 * timers need a keyed stream, and a count that waited for the next message would never arrive when the feeds go quiet.
 */
public final class DecodeOperator extends ProcessOperator<MqttRecord, DeadLetter> {
    private final DecodeFunction decode;
    private final long flushMillis;

    public DecodeOperator(DecodeFunction function, long flushMillis) {
        super(function);
        this.decode = function;
        if (flushMillis <= 0) {
            throw new IllegalArgumentException("flushMillis must be positive: " + flushMillis);
        }
        this.flushMillis = flushMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        getProcessingTimeService().scheduleWithFixedDelay(time -> flushCounts(), flushMillis, flushMillis);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flushCounts();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flushCounts();
        super.finish();
    }

    private void flushCounts() {
        for (FeedCount count : decode.drainCounts()) {
            output.collect(DecodeFunction.COUNTS, new StreamRecord<>(count));
        }
    }
}
