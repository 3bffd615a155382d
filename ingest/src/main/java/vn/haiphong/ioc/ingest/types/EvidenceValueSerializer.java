package vn.haiphong.ioc.ingest.types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A value of an alert's evidence: the figures behind a decision, published as a JSON object. The JSON kinds of value
 * (null, text, integers, decimals, booleans, lists and objects with text keys) are written with a one-byte tag and
 * come back as the same Java types (lists as {@link ArrayList}, objects as {@link LinkedHashMap}); anything else goes
 * through the {@code fallback} (Kryo), so no value is ever refused.
 */
public final class EvidenceValueSerializer extends TypeSerializer<Object> {
    private static final long serialVersionUID = 1L;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte DOUBLE = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte BOOLEAN = 5;
    private static final byte LIST = 6;
    private static final byte MAP = 7;
    private static final byte OTHER = 8;

    private final TypeSerializer<Object> fallback;

    public EvidenceValueSerializer(TypeSerializer<Object> fallback) {
        this.fallback = fallback;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<Object> duplicate() {
        TypeSerializer<Object> duplicate = fallback.duplicate();
        return duplicate == fallback ? this : new EvidenceValueSerializer(duplicate);
    }

    /** A plain {@code Object}, as Kryo made. */
    @Override
    public Object createInstance() {
        return fallback.createInstance();
    }

    @Override
    public Object copy(Object from) {
        if (from == null || isScalar(from)) {
            return from;
        }
        if (from instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copy(element));
            }
            return copy;
        }
        if (isJsonObject(from)) {
            Map<?, ?> map = (Map<?, ?>) from;
            Map<String, Object> copy = new LinkedHashMap<>(capacity(map.size()));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put((String) e.getKey(), copy(e.getValue()));
            }
            return copy;
        }
        return fallback.copy(from);
    }

    @Override
    public Object copy(Object from, Object reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Object value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            StringValue.writeString(s, out);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                serialize(element, out);
            }
        } else if (isJsonObject(value)) {
            Map<?, ?> map = (Map<?, ?>) value;
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                StringValue.writeString((String) e.getKey(), out);
                serialize(e.getValue(), out);
            }
        } else {
            out.writeByte(OTHER);
            fallback.serialize(value, out);
        }
    }

    @Override
    public Object deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return StringValue.readString(in);
            case DOUBLE:
                return in.readDouble();
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case BOOLEAN:
                return in.readBoolean();
            case LIST: {
                int size = in.readInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(deserialize(in));
                }
                return list;
            }
            case MAP: {
                int size = in.readInt();
                Map<String, Object> map = new LinkedHashMap<>(capacity(size));
                for (int i = 0; i < size; i++) {
                    map.put(StringValue.readString(in), deserialize(in));
                }
                return map;
            }
            case OTHER:
                return fallback.deserialize(in);
            default:
                throw new IOException("not an evidence value: unknown tag " + tag);
        }
    }

    @Override
    public Object deserialize(Object reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EvidenceValueSerializer other && fallback.equals(other.fallback);
    }

    @Override
    public int hashCode() {
        return fallback.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Object> snapshotConfiguration() {
        return new Snapshot(this);
    }

    private static boolean isScalar(Object value) {
        return value instanceof String
                || value instanceof Double
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Boolean;
    }

    /** A map is a JSON object when all its keys are text; any other map goes to the fallback whole. */
    private static boolean isJsonObject(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return false;
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static int capacity(int size) {
        return (int) (size / 0.75f) + 1;
    }

    /** Versioned with the fallback's own snapshot nested, as Flink's composite serializers are. */
    public static final class Snapshot extends CompositeTypeSerializerSnapshot<Object, EvidenceValueSerializer> {
        private static final int VERSION = 1;

        public Snapshot() {}

        Snapshot(EvidenceValueSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(EvidenceValueSerializer outer) {
            return new TypeSerializer<?>[] {outer.fallback};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected EvidenceValueSerializer createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new EvidenceValueSerializer((TypeSerializer<Object>) nested[0]);
        }
    }
}
