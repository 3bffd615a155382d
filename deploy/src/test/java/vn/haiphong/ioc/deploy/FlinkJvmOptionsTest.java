package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FlinkJvmOptionsTest {
    @Test
    void theLauncherAndTheBuildGiveFlinkTheSameJvmOptions() throws Exception {
        // The root pom hands the same list to every Surefire fork; the two must not drift apart.
        String rootPom = Files.readString(Path.of("../pom.xml"));
        Matcher m = Pattern.compile("<flink.jvm.opts>([^<]*)</flink.jvm.opts>").matcher(rootPom);
        assertThat(m.find()).as("the root pom defines flink.jvm.opts").isTrue();

        assertThat(JavaCommand.flinkJvmOptions())
                .containsExactlyElementsOf(Arrays.asList(m.group(1).trim().split("\\s+")))
                .contains("--add-opens=java.base/java.util=ALL-UNNAMED");
    }
}
