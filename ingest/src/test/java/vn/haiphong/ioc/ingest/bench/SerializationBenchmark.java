package vn.haiphong.ioc.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;
import vn.haiphong.ioc.ingest.rules.GustReading;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * What a network shuffle costs per record: Flink's serializer of each type that crosses one in {@code IocPipeline},
 * serialize then deserialize through Flink's in-memory views (the network stack adds buffer handling on top). Run
 * with {@code ./ioc jmh SerializationBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class SerializationBenchmark {
    private RoundTrip<MqttRecord> mqttRecord;
    private RoundTrip<TrafficFlowObserved> traffic;
    private RoundTrip<CameraDetection> detection;
    private RoundTrip<GustReading> gust;
    private RoundTrip<ReportNew> report;
    private RoundTrip<ReportUpdate> reportUpdate;
    private RoundTrip<Alert> alert;
    private RoundTrip<Alert> alertWithKryoEvidence;
    private RoundTrip<Kpi> kpi;
    private RoundTrip<DeadLetter> deadLetter;
    private RoundTrip<OutboundMessage> outbound;

    @Setup
    public void setUp() throws IOException {
        mqttRecord = new RoundTrip<>(TypeInformation.of(MqttRecord.class), Samples.mqttRecord());
        traffic = new RoundTrip<>(TypeInformation.of(TrafficFlowObserved.class), Samples.traffic());
        detection = new RoundTrip<>(TypeInformation.of(CameraDetection.class), Samples.detection());
        gust = new RoundTrip<>(TypeInformation.of(GustReading.class), Samples.gust());
        report = new RoundTrip<>(TypeInformation.of(ReportNew.class), Samples.report());
        reportUpdate = new RoundTrip<>(TypeInformation.of(ReportUpdate.class), Samples.reportUpdate());
        alert = new RoundTrip<>(IocTypes.ALERT, Samples.windAlert());
        alertWithKryoEvidence = new RoundTrip<>(TypeInformation.of(Alert.class), Samples.windAlert());
        kpi = new RoundTrip<>(TypeInformation.of(Kpi.class), Samples.kpi());
        deadLetter = new RoundTrip<>(TypeInformation.of(DeadLetter.class), Samples.deadLetter());
        outbound = new RoundTrip<>(TypeInformation.of(OutboundMessage.class), Samples.outbound());
    }

    @Benchmark
    public MqttRecord mqttRecord() throws IOException {
        return mqttRecord.run();
    }

    @Benchmark
    public TrafficFlowObserved trafficFlowObserved() throws IOException {
        return traffic.run();
    }

    @Benchmark
    public CameraDetection cameraDetection() throws IOException {
        return detection.run();
    }

    @Benchmark
    public GustReading gustReading() throws IOException {
        return gust.run();
    }

    @Benchmark
    public ReportNew reportNew() throws IOException {
        return report.run();
    }

    @Benchmark
    public ReportUpdate reportUpdate() throws IOException {
        return reportUpdate.run();
    }

    /** Alert as the pipeline's alert streams carry it ({@link IocTypes#ALERT}). */
    @Benchmark
    public Alert alert() throws IOException {
        return alert.run();
    }

    /** Alert as Flink analyses it by itself, its evidence values through Kryo: what the job did before IocTypes. */
    @Benchmark
    public Alert alertWithKryoEvidence() throws IOException {
        return alertWithKryoEvidence.run();
    }

    @Benchmark
    public Kpi kpi() throws IOException {
        return kpi.run();
    }

    @Benchmark
    public DeadLetter deadLetter() throws IOException {
        return deadLetter.run();
    }

    @Benchmark
    public OutboundMessage outboundMessage() throws IOException {
        return outbound.run();
    }

    /** One value and its serializer, with the buffers reused as a network channel reuses its own. */
    static final class RoundTrip<T> {
        private final TypeSerializer<T> serializer;
        private final T value;
        private final DataOutputSerializer out = new DataOutputSerializer(1024);
        private final DataInputDeserializer in = new DataInputDeserializer();

        RoundTrip(TypeInformation<T> type, T value) throws IOException {
            this(type.createSerializer(new SerializerConfigImpl()), value);
        }

        RoundTrip(TypeSerializer<T> serializer, T value) throws IOException {
            this.serializer = serializer;
            this.value = value;
            // A round trip that loses data would be fast for the wrong reason.
            assertThat(run()).usingRecursiveComparison().isEqualTo(value);
        }

        T run() throws IOException {
            out.clear();
            serializer.serialize(value, out);
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            return serializer.deserialize(in);
        }
    }
}
