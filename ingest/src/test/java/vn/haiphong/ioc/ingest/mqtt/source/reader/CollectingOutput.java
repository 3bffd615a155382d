package vn.haiphong.ioc.ingest.mqtt.source.reader;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;

/** A reader output that keeps what it is given, for tests that drive a source reader by hand. */
final class CollectingOutput implements ReaderOutput<MqttRecord> {
    final List<MqttRecord> records = new ArrayList<>();

    @Override
    public void collect(MqttRecord record) {
        records.add(record);
    }

    @Override
    public void collect(MqttRecord record, long timestamp) {
        records.add(record);
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<MqttRecord> createOutputForSplit(String splitId) {
        return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
}
