package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    @Test
    void theSamplerReadsThisProcessMemoryAndCpuFromProc() throws Exception {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcessSampler.statusField(pid, "VmRSS:").orElse(0)).isGreaterThan(10L * 1024 * 1024);
        assertThat(ProcessSampler.cpuTicks(pid).orElse(0)).isPositive();
        assertThat(ProcessSampler.statusMemTotal()).isGreaterThan(1L << 30);
        try (ProcessSampler sampler = new ProcessSampler(Map.of("me", pid))) {
            long from = System.currentTimeMillis();
            long spin = System.nanoTime() + 2_500_000_000L;
            double x = 0;
            while (System.nanoTime() < spin) {
                x += Math.sqrt(x + 1); // keep one core busy so the CPU share is visible
            }
            ProcessSampler.Usage u = sampler.usage("me", from, System.currentTimeMillis());
            assertThat(u.samples()).as("x=%s", x).isGreaterThanOrEqualTo(2);
            assertThat(u.cpuPercentOfOneCore()).isGreaterThan(30);
            assertThat(u.peakRssBytes()).isGreaterThan(10L * 1024 * 1024);
        }
    }

    @Test
    void theSummaryShowsEachPhaseWithItsThroughputLossLatencyAndProcesses() throws Exception {
        ObjectNode r = (ObjectNode) new ObjectMapper().readTree("""
                {"machine": {"cores": 2, "cpu": "Test CPU", "memoryGiB": 23.5, "java": "17", "os": "Linux"},
                 "commit": "abc1234", "date": "2026-11-25T12:00:00Z", "parallelism": 2,
                 "mix": "cam:1", "size": 0,
                 "phases": [
                   {"phase": "10000", "offeredRate": 10000, "publishRate": 9990, "throughput": 9985, "loss": 0,
                    "latencyMillis": {"probes": 600, "alerts": 598, "p50": 12.5, "p95": 30.1, "p99": 55.0},
                    "stackCpuPercentOfOneCore": 150, "stackPeakRssMiB": 1200,
                    "processes": {"ingest": {"cpuPercentOfOneCore": 90, "peakRssMiB": 700}}},
                   {"phase": "max", "offeredRate": null, "publishRate": 30000, "throughput": 29000, "loss": 3,
                    "latencyMillis": {"probes": 10, "alerts": 0},
                    "stackCpuPercentOfOneCore": 199, "stackPeakRssMiB": 1400,
                    "processes": {"ingest": {"cpuPercentOfOneCore": 120, "peakRssMiB": 800}}}
                 ]}
                """);
        String md = Bench.markdown(r);
        assertThat(md)
                .contains("Machine: 2 cores (Test CPU)")
                .contains("Commit abc1234")
                .contains("| 10000 | 10,000 | 9,990 | 9,985 | 0 | 12.5 | 30.1 | 55.0 | 598/600 | 150 | 1200 |")
                .contains("| max | max | 30,000 | 29,000 | 3 | - | - | - | 0/10 | 199 | 1400 |")
                .contains("| 10000 | 90% / 700 |");
    }
}
