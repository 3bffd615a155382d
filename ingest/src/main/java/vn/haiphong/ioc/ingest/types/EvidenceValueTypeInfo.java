package vn.haiphong.ioc.ingest.types;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;

/** The type of a value in an alert's evidence: see {@link EvidenceValueSerializer}. */
public final class EvidenceValueTypeInfo extends TypeInformation<Object> {
    private static final long serialVersionUID = 1L;

    public static final EvidenceValueTypeInfo INSTANCE = new EvidenceValueTypeInfo();

    private EvidenceValueTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Object> getTypeClass() {
        return Object.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Object> createSerializer(SerializerConfig config) {
        return new EvidenceValueSerializer(new KryoSerializer<>(Object.class, config));
    }

    @Override
    public String toString() {
        return "EvidenceValue";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EvidenceValueTypeInfo;
    }

    @Override
    public int hashCode() {
        return EvidenceValueTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof EvidenceValueTypeInfo;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
