package vn.haiphong.ioc.ingest.mqtt;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/** A Flink MiniCluster for a test class, with an in-memory metric reporter so tests can read the source's gauges. */
public final class FlinkTestCluster implements AutoCloseable {
    private final MiniCluster miniCluster;
    private final InMemoryReporter reporter;

    private FlinkTestCluster(MiniCluster miniCluster, InMemoryReporter reporter) {
        this.miniCluster = miniCluster;
        this.reporter = reporter;
    }

    public static FlinkTestCluster start(int slots) throws Exception {
        InMemoryReporter reporter = InMemoryReporter.create();
        Configuration configuration = reporter.addToConfiguration(new Configuration());
        MiniCluster miniCluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        miniCluster.start();
        return new FlinkTestCluster(miniCluster, reporter);
    }

    public MiniCluster miniCluster() {
        return miniCluster;
    }

    /** An environment that submits to this cluster with the given job configuration. */
    public StreamExecutionEnvironment environment(int parallelism, Configuration jobConfiguration) {
        return new TestStreamEnvironment(miniCluster, jobConfiguration, parallelism, List.of(), List.of());
    }

    /** The sum of a numeric gauge over every operator of the job that registered it. */
    public long gaugeSum(JobID job, String name) {
        long sum = 0;
        for (Map.Entry<String, Metric> entry :
                reporter.getMetricsByIdentifiers(job).entrySet()) {
            if (entry.getKey().endsWith("." + name) && entry.getValue() instanceof Gauge) {
                Object value = ((Gauge<?>) entry.getValue()).getValue();
                if (value instanceof Number) {
                    sum += ((Number) value).longValue();
                }
            }
        }
        return sum;
    }

    @Override
    public void close() throws Exception {
        miniCluster.close();
    }
}
