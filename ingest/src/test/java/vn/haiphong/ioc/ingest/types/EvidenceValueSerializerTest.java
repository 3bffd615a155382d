package vn.haiphong.ioc.ingest.types;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's own checks of a serializer (copies, sequences, snapshot and restore, duplicates) over evidence values. */
class EvidenceValueSerializerTest extends SerializerTestBase<Object> {

    @Override
    protected TypeSerializer<Object> createSerializer() {
        return EvidenceValueTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Object> getTypeClass() {
        return Object.class;
    }

    @Override
    protected Object[] getTestData() {
        return new Object[] {
            16.8,
            312,
            1_795_000_000_000L,
            "m/s",
            "Va chạm giữa xe máy và ô tô con",
            true,
            List.of("tc-001", 2, 3.5),
            Map.of("car", 41, "bus", 3),
            List.of(Map.of("id", "tc-001", "occupancy", 0.72)),
            new BigDecimal("12.50"),
            2.5f
        };
    }
}
