package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {

    /** PostgreSQL does its work in backends, children of the postmaster: the tree's CPU must include them. */
    @Test
    void aTreeCountsTheCpuAndMemoryOfItsChildren() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "yes > /dev/null & wait").start();
        try {
            long pid = shell.pid();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long childTicks = 0;
            while (System.nanoTime() < deadline && childTicks < 20) {
                OptionalLong tree = ProcessSampler.treeCpuTicks(pid);
                OptionalLong own = ProcessSampler.cpuTicks(pid);
                childTicks = tree.orElse(0) - own.orElse(0);
                Thread.sleep(50);
            }
            assertThat(childTicks).as("CPU ticks of the busy child").isGreaterThanOrEqualTo(20);
            assertThat(ProcessSampler.treePss(pid)).isPresent();
            assertThat(ProcessSampler.treePss(pid).getAsLong()).isPositive();
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIsGoneHasNoSample() {
        assertThat(ProcessSampler.treeCpuTicks(Long.MAX_VALUE)).isEmpty();
        assertThat(ProcessSampler.treePss(Long.MAX_VALUE)).isEmpty();
    }
}
