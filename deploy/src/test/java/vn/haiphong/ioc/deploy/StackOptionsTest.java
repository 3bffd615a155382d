package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsAreTheDemoPortsUnderTheRepository() {
        StackOptions o = StackOptions.fromArgs("--repo-root=" + tmp);
        assertThat(o.repoRoot()).isEqualTo(tmp.toAbsolutePath());
        assertThat(o.broker()).isEqualTo(Broker.Kind.HIVEMQ);
        assertThat(o.mqttPort()).isEqualTo(1883);
        assertThat(o.mqttBind()).isEqualTo("127.0.0.1");
        assertThat(o.httpPort()).isEqualTo(8080);
        assertThat(o.flinkUiPort()).isEqualTo(8081);
        assertThat(o.simRate()).isEqualTo(200);
        assertThat(o.simSeed()).isEqualTo(42);
        assertThat(o.scenario())
                .isEqualTo("storm-tan-vu,accident-lach-tray,desk-queue-le-chan,flood-fusion-cau-rao")
                .isEqualTo(StackOptions.DEMO_SCENARIOS);
        assertThat(o.withSimulators()).isTrue();
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(o.dataDir()).isEqualTo(tmp.toAbsolutePath().resolve(".ioc/data"));
        assertThat(o.logDir()).isEqualTo(tmp.toAbsolutePath().resolve(".ioc/logs"));
        assertThat(o.pidFile()).isNull();
        assertThat(o.startupTimeout()).isEqualTo(Duration.ofSeconds(180));
    }

    @Test
    void theDemoKeepsHistoryInAnEmbeddedPostgresOnPort5433UnlessToldOtherwise() {
        StackOptions o = StackOptions.fromArgs("--repo-root=" + tmp);
        assertThat(o.withDb()).isTrue();
        assertThat(o.dbPort()).isEqualTo(5433);
        assertThat(o.dbUrl()).isNull();

        StackOptions external = StackOptions.fromArgs(
                "--repo-root=" + tmp,
                "--db-url=jdbc:postgresql://db.example:5432/ioc",
                "--db-user=ioc",
                "--db-password=s3cret");
        assertThat(external.dbUrl()).isEqualTo("jdbc:postgresql://db.example:5432/ioc");
        assertThat(external.dbUser()).isEqualTo("ioc");
        assertThat(external.dbPassword()).isEqualTo("s3cret");

        assertThat(StackOptions.fromArgs("--repo-root=" + tmp, "--with-db=false")
                        .withDb())
                .isFalse();
        assertThat(StackOptions.fromArgs("--repo-root=" + tmp, "--db-port=6543").dbPort())
                .isEqualTo(6543);
    }

    @Test
    void aDatabaseUrlMustBePostgresAndCannotComeWithWithDbFalse() {
        assertThatThrownBy(() -> StackOptions.fromArgs("--repo-root=" + tmp, "--db-url=jdbc:mysql://x/ioc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> StackOptions.fromArgs(
                        "--repo-root=" + tmp, "--db-url=jdbc:postgresql://x/ioc", "--with-db=false"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contradict");
    }

    @Test
    void scenarioNoneMeansCalmWeather() {
        assertThat(StackOptions.fromArgs("--repo-root=" + tmp, "--scenario=none")
                        .scenario())
                .isNull();
    }

    @Test
    void readsEveryOption() {
        StackOptions o = StackOptions.fromArgs(
                "--repo-root=" + tmp,
                "--broker=mosquitto",
                "--mqtt-port=0",
                "--mqtt-bind=0.0.0.0",
                "--http-port=9080",
                "--flink-ui-port=9081",
                "--sim-rate=20",
                "--sim-seed=7",
                "--scenario=storm-tan-vu",
                "--with-simulators=false",
                "--parallelism=1",
                "--data-dir=" + tmp.resolve("d"),
                "--log-dir=" + tmp.resolve("l"),
                "--pid-file=" + tmp.resolve("p"),
                "--startup-timeout=30",
                "--stop-grace=5");
        assertThat(o.broker()).isEqualTo(Broker.Kind.MOSQUITTO);
        assertThat(o.mqttPort()).isZero();
        assertThat(o.mqttBind()).isEqualTo("0.0.0.0");
        assertThat(o.httpPort()).isEqualTo(9080);
        assertThat(o.flinkUiPort()).isEqualTo(9081);
        assertThat(o.simRate()).isEqualTo(20);
        assertThat(o.simSeed()).isEqualTo(7);
        assertThat(o.scenario()).isEqualTo("storm-tan-vu");
        assertThat(o.withSimulators()).isFalse();
        assertThat(o.parallelism()).isEqualTo(1);
        assertThat(o.dataDir()).isEqualTo(tmp.resolve("d"));
        assertThat(o.logDir()).isEqualTo(tmp.resolve("l"));
        assertThat(o.pidFile()).isEqualTo(tmp.resolve("p"));
        assertThat(o.startupTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.stopGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void choosesTheBrokerByNameAndRefusesOneItCannotStart() {
        assertThat(StackOptions.fromArgs("--repo-root=" + tmp, "--broker=hivemq")
                        .broker())
                .isEqualTo(Broker.Kind.HIVEMQ);
        assertThat(StackOptions.fromArgs("--repo-root=" + tmp, "--broker=Mosquitto")
                        .broker())
                .isEqualTo(Broker.Kind.MOSQUITTO);
        assertThat(Broker.Kind.MOSQUITTO.optionValue()).isEqualTo("mosquitto");
        assertThatThrownBy(() -> StackOptions.fromArgs("--repo-root=" + tmp, "--broker=emqx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --broker needs hivemq or mosquitto, not 'emqx'");
    }

    @Test
    void rejectsATypoInsteadOfIgnoringIt() {
        assertThatThrownBy(() -> StackOptions.fromArgs("--repo-root=" + tmp, "--http-prot=9090"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option(s) [http-prot]")
                .hasMessageContaining("http-port");
        assertThatThrownBy(() -> StackOptions.fromArgs("--repo-root=" + tmp, "--sim-rate=fast"))
                .hasMessageContaining("--sim-rate needs a whole number, not 'fast'");
        assertThatThrownBy(() -> StackOptions.fromArgs("--repo-root=" + tmp, "demo"))
                .hasMessageContaining("options are --key=value");
    }

    @Test
    void takesOptionsFromTheEnvironmentWhenTheCommandLineHasNone() {
        Options o = Options.parse(
                new String[] {"--http-port=9000"}, Map.of("IOC_HTTP_PORT", "7000", "IOC_FLINK_UI_PORT", "7001"));
        assertThat(o.getInt("http-port", 8080)).isEqualTo(9000);
        assertThat(o.getInt("flink-ui-port", 8081)).isEqualTo(7001);
        assertThat(o.getInt("mqtt-port", 1883)).isEqualTo(1883);
        assertThat(o.getBoolean("with-simulators", true)).isTrue();
    }

    @Test
    void findsTheRepositoryAboveTheWorkingDirectory() throws Exception {
        Files.writeString(tmp.resolve("pom.xml"), "<project/>");
        Files.createDirectories(tmp.resolve("deploy/src"));
        Files.writeString(tmp.resolve("deploy/pom.xml"), "<project/>");
        assertThat(StackOptions.findRepoRoot(tmp.resolve("deploy/src"))).contains(tmp.toAbsolutePath());
        assertThat(StackOptions.findRepoRoot(Path.of("/"))).isEmpty();
    }
}
