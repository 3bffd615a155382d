package vn.haiphong.ioc.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;
import vn.haiphong.ioc.ingest.reports.ReportFact;
import vn.haiphong.ioc.ingest.reports.ReportMark;
import vn.haiphong.ioc.ingest.reports.ReportViewUpdate;
import vn.haiphong.ioc.ingest.rules.GustReading;
import vn.haiphong.ioc.ingest.rules.OpenReportDelta;
import vn.haiphong.ioc.ingest.store.HistoryRow;
import vn.haiphong.ioc.ingest.store.HistoryRows;
import vn.haiphong.ioc.ingest.store.HistoryTable;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * What Flink makes of the types that cross a network shuffle in {@link IocPipeline}: each must be a POJO (records
 * included) with no {@link GenericTypeInfo}, i.e. no Kryo, anywhere inside, because Kryo is several times slower per
 * record and its format breaks when a class changes.
 */
class SerializationTest {
    private static final long T = 1_795_000_000_000L;

    static Stream<Class<?>> shuffledTypes() {
        return Stream.of(
                MqttRecord.class,
                TrafficFlowObserved.class,
                CameraDetection.class,
                GustReading.class,
                ReportNew.class,
                ReportUpdate.class,
                Alert.class,
                Kpi.class,
                DeadLetter.class,
                OutboundMessage.class,
                OpenReportDelta.class,
                ReportFact.class,
                ReportMark.class,
                ReportViewUpdate.class,
                FeedCount.class,
                HistoryRow.class);
    }

    @ParameterizedTest
    @MethodSource("shuffledTypes")
    void flinkAnalysesEveryShuffledTypeAsAPojoNotAsAGenericType(Class<?> type) {
        assertThat(TypeInformation.of(type)).isExactlyInstanceOf(PojoTypeInfo.class);
    }

    @ParameterizedTest
    @MethodSource("shuffledTypes")
    void noShuffledTypeHasKryoInsideAsThePipelineTypesIt(Class<?> type) {
        assertThat(kryoInside(asThePipelineTypesIt(type), type.getSimpleName())).isEmpty();
    }

    @Test
    void leftToItselfFlinkWouldSerializeTheEvidenceOfAnAlertWithKryo() {
        // Why IocTypes.ALERT exists; when this fails, Flink handles Map<String, Object> and it can go.
        assertThat(kryoInside(TypeInformation.of(Alert.class), "Alert"))
                .containsExactly("Alert.evidence.value: GenericType<java.lang.Object>");
    }

    @Test
    void noStreamOfThePipelineFallsBackToKryo() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<MqttRecord> records = env.fromData(new MqttRecord("hp/v1/cam/tc-001/tlm", new byte[] {'{'}, T));
        IocPipeline.Outputs outputs = IocPipeline.build(records, IocPipeline.Options.defaults());

        List<String> kryo = new ArrayList<>();
        for (Transformation<?> t : outputs.toMessages().getTransformation().getTransitivePredecessors()) {
            kryo.addAll(kryoInside(t.getOutputType(), "'" + t.getName() + "'"));
        }
        assertThat(kryo).isEmpty();
        assertThat(outputs.alerts().getType()).isEqualTo(IocTypes.ALERT);
    }

    @Test
    void noStreamOfTheHistoryFallsBackToKryo() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<MqttRecord> records = env.fromData(new MqttRecord("hp/v1/cam/tc-001/tlm", new byte[] {'{'}, T));
        IocPipeline.Outputs outputs =
                IocPipeline.build(records, IocPipeline.Options.defaults().withHistory(new HistoryRows(null, null)));

        List<String> kryo = new ArrayList<>();
        for (Transformation<?> t : outputs.toHistory().getTransformation().getTransitivePredecessors()) {
            kryo.addAll(kryoInside(t.getOutputType(), "'" + t.getName() + "'"));
        }
        assertThat(kryo).isEmpty();
    }

    @Test
    void aHistoryRowWithNullValuesRoundTrips() throws Exception {
        HistoryRow row = new HistoryRow(
                HistoryTable.KPI_VALUES, T, "k", "camera", "tc-1", "a", "b", "1.0", null, null, "true", "c");
        TypeSerializer<HistoryRow> serializer =
                TypeInformation.of(HistoryRow.class).createSerializer(new SerializerConfigImpl());
        assertThat(roundTrip(serializer, row)).isEqualTo(row);
    }

    @Test
    void anAlertRoundTripsWithEveryKindOfEvidenceValue() throws Exception {
        Map<String, Object> evidence = new java.util.HashMap<>();
        evidence.put("gustSpeed", 16.8);
        evidence.put("vehicles", 312);
        evidence.put("lastDetection", T);
        evidence.put("unit", "m/s");
        evidence.put("congested", true);
        evidence.put("missing", null);
        evidence.put("cameras", List.of("tc-001", "tc-002"));
        evidence.put("counts", Map.of("car", 41, "bus", 3));
        evidence.put("ratio", 0.5f); // not a JSON type of its own: travels through the fallback
        Entity entity = new Entity("met", "tan-vu/met-1");
        Alert alert = new Alert(
                Alert.idFor("port.wind.warning", entity, T),
                "port.wind.warning",
                "port",
                "tan-vu",
                "306",
                "weather",
                "windWarning",
                Severity.high,
                AlertStatus.cleared,
                T,
                T + 600_000,
                T + 600_000L,
                entity,
                new Position(20.83946, 106.7752),
                new LocalizedText("Cảnh báo gió mạnh", "Wind warning"),
                new LocalizedText("Gió giật 16.8 m/s", "Gust 16.8 m/s"),
                evidence,
                2);

        Alert copy = roundTrip(IocTypes.ALERT.createSerializer(new SerializerConfigImpl()), alert);

        assertThat(copy).isEqualTo(alert);
        assertThat(copy.evidence().get("ratio")).isInstanceOf(Float.class);
        assertThat(copy.evidence().get("lastDetection")).isInstanceOf(Long.class);
    }

    @Test
    void theOutboundMessageCarriesThePayloadBytesUnchanged() throws Exception {
        OutboundMessage m =
                OutboundMessage.ofUtf8(Topics.alert("port", "tan-vu"), "{\"title\":\"Gió mạnh\"}", 1, false);
        OutboundMessage copy =
                roundTrip(TypeInformation.of(OutboundMessage.class).createSerializer(new SerializerConfigImpl()), m);
        assertThat(new String(copy.payload, StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"Gió mạnh\"}");
    }

    @SuppressWarnings("unchecked")
    private static TypeInformation<?> asThePipelineTypesIt(Class<?> type) {
        return type == Alert.class ? IocTypes.ALERT : TypeInformation.of(type);
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    /** Where in a type Flink would use Kryo: the paths to every generic type inside it. */
    static List<String> kryoInside(TypeInformation<?> type, String path) {
        List<String> found = new ArrayList<>();
        collect(type, path, found);
        return found;
    }

    private static void collect(TypeInformation<?> type, String path, List<String> found) {
        if (type instanceof GenericTypeInfo<?>) {
            found.add(path + ": " + type);
        } else if (type instanceof PojoTypeInfo<?> pojo) {
            for (int i = 0; i < pojo.getArity(); i++) {
                collect(pojo.getTypeAt(i), path + "." + pojo.getFieldNames()[i], found);
            }
        } else if (type instanceof MapTypeInfo<?, ?> map) {
            collect(map.getKeyTypeInfo(), path + ".key", found);
            collect(map.getValueTypeInfo(), path + ".value", found);
        } else if (type instanceof ListTypeInfo<?> list) {
            collect(list.getElementTypeInfo(), path + "[]", found);
        } else if (type instanceof ObjectArrayTypeInfo<?, ?> array) {
            collect(array.getComponentInfo(), path + "[]", found);
        } else if (type instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                collect(composite.getTypeAt(i), path + "." + composite.getFieldNames()[i], found);
            }
        }
    }
}
