package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher against stand-in components ({@link FakeComponent}) in a repository laid out like the real one: every
 * module's {@code target/classes} and {@code target/classpath.txt}, here pointing at this module's test classpath.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StackTest {
    @TempDir
    Path tmp;

    private Path root;
    private final List<String> out = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fakeRepository() throws IOException {
        root = tmp.resolve("repo");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String module : List.of("ingest", "dashboards", "simulators")) {
            Files.createDirectories(root.resolve(module).resolve("target/classes"));
            Files.writeString(root.resolve(module).resolve("target/classpath.txt"), classpath);
        }
    }

    private StackOptions.Builder options() {
        return StackOptions.builder(root)
                .mqttPort(0)
                .httpPort(0)
                .flinkUiPort(0)
                .withDb(false) // the stand-in components use no database; HistoryStackSystemIT runs the real one
                .dataDir(tmp.resolve("data"))
                .logDir(tmp.resolve("logs"))
                .pidFile(tmp.resolve("run/stack.pids"))
                .shutdownHook(false)
                .stopGrace(Duration.ofSeconds(10))
                .startupTimeout(Duration.ofSeconds(60))
                .out(out::add)
                .mainClass(Stack.INGEST, FakeComponent.class.getName())
                .mainClass(Stack.DASHBOARDS, FakeComponent.class.getName())
                .mainClass(Stack.SIMULATORS, FakeComponent.class.getName());
    }

    @Test
    void startsTheBrokerAndEveryComponentThenStopsThemInReverseOrder() throws Exception {
        Stack stack = Stack.start(options().simRate(50).scenario("storm-tan-vu").build());
        List<Component> components;
        try {
            assertThat(List.of(stack.mqttPort(), stack.httpPort(), stack.flinkUiPort()))
                    .doesNotHaveDuplicates()
                    .allSatisfy(port -> assertThat(port).isPositive());
            assertThat(stack.mqttUri()).isEqualTo("tcp://localhost:" + stack.mqttPort());
            assertThat(stack.broker().isRunning()).isTrue();
            assertThat(stack.broker()).isInstanceOf(EmbeddedBroker.class);
            assertThat(stack.brokerPid()).isEqualTo(ProcessHandle.current().pid());

            assertThat(out).hasSize(4);
            assertThat(out.get(0)).startsWith("[ioc] broker     ready in");
            assertThat(out.subList(1, 3))
                    .anySatisfy(line -> assertThat(line).startsWith("[ioc] ingest     ready in"))
                    .anySatisfy(line -> assertThat(line).startsWith("[ioc] dashboards ready in"));
            assertThat(out.get(3)).startsWith("[ioc] simulators ready in").contains("scenario storm-tan-vu");

            components = stack.components();
            assertThat(components).extracting(Component::name).containsExactly("ingest", "dashboards", "simulators");
            assertThat(components).allSatisfy(c -> assertThat(c.isAlive()).isTrue());
            assertThat(Files.readAllLines(tmp.resolve("run/stack.pids")))
                    .containsExactly(
                            components.get(0).pid() + " ingest",
                            components.get(1).pid() + " dashboards",
                            components.get(2).pid() + " simulators");

            String ingestLog = Files.readString(stack.logFile(Stack.INGEST));
            assertThat(ingestLog)
                    .contains("--add-opens=java.base/java.util=ALL-UNNAMED")
                    .contains("-Dhaiphong.ioc.component=ingest")
                    .contains("fake ingest started with --mqtt=" + stack.mqttUri() + " --local=true --flink-ui-port="
                            + stack.flinkUiPort() + " --parallelism=2 --data-dir=" + tmp.resolve("data/flink"));
            assertThat(Files.readString(stack.logFile(Stack.SIMULATORS)))
                    .contains("--rate=50 --seed=42 --scenario=storm-tan-vu");
            assertThat(Files.readString(stack.logFile(Stack.DASHBOARDS)))
                    .doesNotContain("--add-opens")
                    .contains("--http-port=" + stack.httpPort());
            assertThat(get(stack.httpUrl() + "/health").statusCode()).isEqualTo(200);

            long oldPid = stack.component(Stack.DASHBOARDS).orElseThrow().pid();
            Component restarted = stack.restart(Stack.DASHBOARDS);
            assertThat(restarted.pid()).isNotEqualTo(oldPid);
            assertThat(get(stack.httpUrl() + "/health").statusCode()).isEqualTo(200);
            components = stack.components();
        } finally {
            stack.close();
        }

        assertThat(components).allSatisfy(c -> assertThat(c.isAlive()).isFalse());
        assertThat(stack.broker().isRunning()).isFalse();
        assertThat(Ports.isFree(stack.mqttPort())).isTrue();
        assertThat(tmp.resolve("run/stack.pids")).doesNotExist();
        // SIGTERM, not SIGKILL: each stand-in ran its shutdown hook, the simulators first and the Flink job last.
        long simulators = stoppedAt(stack.logFile(Stack.SIMULATORS), "simulators");
        long dashboards = stoppedAt(stack.logFile(Stack.DASHBOARDS), "dashboards");
        long ingest = stoppedAt(stack.logFile(Stack.INGEST), "ingest");
        assertThat(simulators).isLessThanOrEqualTo(dashboards);
        assertThat(dashboards).isLessThanOrEqualTo(ingest);
        assertThat(out.subList(out.size() - 4, out.size()))
                .extracting(line -> line.substring(6, 16).strip())
                .containsExactly("simulators", "dashboards", "ingest", "broker");
        stack.close();
    }

    @Test
    void runsMosquittoAsAChildThatThePidFileListsAndCloseStops() throws Exception {
        Stack stack = Stack.start(
                options().broker(Broker.Kind.MOSQUITTO).withSimulators(false).build());
        long brokerPid;
        try {
            assertThat(stack.broker()).isInstanceOf(MosquittoBroker.class);
            assertThat(stack.broker().isRunning()).isTrue();
            brokerPid = stack.brokerPid();
            assertThat(brokerPid).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(stack.broker().uri()).isEqualTo("tcp://127.0.0.1:" + stack.mqttPort());
            assertThat(out.get(0))
                    .startsWith("[ioc] broker     ready in")
                    .contains("(mosquitto pid " + brokerPid)
                    .contains("data in " + tmp.resolve("data/mosquitto"))
                    .contains("log " + tmp.resolve("logs/broker.log"));
            assertThat(Files.readString(stack.logFile(Stack.BROKER))).contains("mosquitto version 2.");

            List<Component> components = stack.components();
            assertThat(Files.readAllLines(tmp.resolve("run/stack.pids")))
                    .containsExactly(
                            brokerPid + " broker",
                            components.get(0).pid() + " ingest",
                            components.get(1).pid() + " dashboards");
            // What ./ioc looks for before it kills a pid from that file.
            assertThat(ProcessHandle.of(brokerPid).orElseThrow().info().commandLine())
                    .hasValueSatisfying(line ->
                            assertThat(line).contains("mosquitto -c ").endsWith("/" + MosquittoBroker.CONFIG_FILE));
            assertThat(Files.readString(stack.logFile(Stack.INGEST)))
                    .contains("--mqtt=" + stack.mqttUri() + " --local=true");
        } finally {
            stack.close();
        }

        assertThat(stack.broker().isRunning()).isFalse();
        assertThat(ProcessHandle.of(brokerPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Ports.isFree(stack.mqttPort())).isTrue();
        assertThat(tmp.resolve("run/stack.pids")).doesNotExist();
        assertThat(out.get(out.size() - 1)).startsWith("[ioc] broker     stopped in");
    }

    @Test
    void namesTheComponentAndItsLogWhenOneExitsWhileStarting() throws Exception {
        int mqttPort = Ports.freePort();
        StackOptions options = options()
                .mqttPort(mqttPort)
                .mainClass(Stack.DASHBOARDS, FakeComponent.Failing.class.getName())
                .build();

        assertThatThrownBy(() -> Stack.start(options))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("dashboards exited with code 3 before it was ready")
                .hasMessageContaining("HTTP 200 from http://localhost:")
                .hasMessageContaining("Read " + tmp.resolve("logs/dashboards.log"))
                .hasMessageContaining("boom: cannot start with --mqtt=tcp://localhost:" + mqttPort);

        // What had started was stopped again: no process of this test's stack is left.
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(tmp.toString())))
                .isEmpty();
        assertThat(Ports.isFree(mqttPort)).isTrue();
        assertThat(tmp.resolve("run/stack.pids")).doesNotExist();
    }

    @Test
    void namesWhatItWaitedForWhenAComponentIsNeverReady() {
        StackOptions options = options()
                .startupTimeout(Duration.ofSeconds(4))
                .extraArgs(Stack.INGEST, "--never-run=true")
                .withSimulators(false)
                .build();

        assertThatThrownBy(() -> Stack.start(options))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("ingest was not ready after 4 s")
                .hasMessageContaining("a RUNNING job in http://localhost:")
                .hasMessageContaining("Read " + tmp.resolve("logs/ingest.log"))
                .hasMessageContaining("fake ingest started with")
                .hasMessageContaining("--never-run=true");
    }

    @Test
    void refusesAPortThatIsTakenBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            StackOptions options = options().httpPort(taken.getLocalPort()).build();

            assertThatThrownBy(() -> Stack.start(options))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " for the dashboards is already in use")
                    .hasMessageContaining("--http-port=");
        }
        assertThat(tmp.resolve("logs/ingest.log")).doesNotExist();
    }

    @Test
    void asksForABuildWhenAModuleIsNotPackaged() throws Exception {
        Files.delete(root.resolve("simulators/target/classpath.txt"));

        assertThatThrownBy(() -> Stack.start(options().build()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("module 'simulators' is not built")
                .hasMessageContaining("simulators/target/classpath.txt is missing")
                .hasMessageContaining("./ioc build");
        assertThat(tmp.resolve("logs/ingest.log")).doesNotExist();

        // Without simulators the same repository is enough.
        try (Stack stack = Stack.start(options().withSimulators(false).build())) {
            assertThat(stack.components()).extracting(Component::name).containsExactly("ingest", "dashboards");
        }
    }

    private static long stoppedAt(Path log, String role) throws IOException {
        Matcher m = Pattern.compile("fake " + role + " stopping at (\\d+)").matcher(Files.readString(log));
        assertThat(m.find()).as("%s ran its shutdown hook", role).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
