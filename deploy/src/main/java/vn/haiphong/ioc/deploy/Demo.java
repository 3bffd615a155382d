package vn.haiphong.ioc.deploy;

import java.util.List;

/**
 * {@code ./ioc demo}: starts the whole IOC on this machine, prints where to look, and runs until Ctrl-C or SIGTERM,
 * which stop every process in reverse order. Exits non-zero if a component fails to start or dies while running.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(usage());
            return;
        }
        StackOptions options;
        try {
            options = StackOptions.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ioc demo: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        // Before anything logs: the launcher (and the embedded broker in it) write to <log-dir>/broker.log, the console
        // stays quiet. Mosquitto writes broker.log itself, so then the launcher keeps to launcher.log.
        System.setProperty("haiphong.ioc.log-dir", options.logDir().toString());
        System.setProperty(
                "haiphong.ioc.log-file",
                options.broker() == Broker.Kind.MOSQUITTO ? "launcher.log" : Stack.BROKER + ".log");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-demo.xml");
        }

        Stack stack;
        try {
            stack = Stack.start(options);
        } catch (StackException e) {
            System.err.println("ioc demo: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println();
        System.out.println("Hai Phong IOC is running:");
        System.out.println("  wall      " + stack.httpUrl());
        System.out.println("  Flink UI  " + stack.flinkUiUrl());
        System.out.println(
                "  MQTT      " + stack.mqttUri() + " (" + options.broker().optionValue() + ")");
        System.out.println("  history   " + stack.dbUrl().orElse("off (--with-db=false)"));
        System.out.println("  port feeds tokens in " + options.dataDir().resolve("dashboards/port-tokens.json")
                + " (one per port; see README, Port operators' feeds)");
        System.out.println("  operator sign-in tokens in "
                + options.dataDir().resolve("dashboards/operator-tokens.json")
                + " (op-lan: operator and admin; see README, Operators)");
        System.out.println("Logs in " + options.logDir() + ". Press Ctrl-C to stop.");

        // A demo whose Flink job or broker died would otherwise look alive while showing nothing new.
        while (true) {
            Thread.sleep(1000);
            // In this order: close() marks the stack closed before it stops the broker.
            if (!stack.broker().isRunning() && !stack.isClosed()) {
                System.err.println(
                        "ioc demo: the MQTT broker (" + options.broker().optionValue() + ") stopped; read "
                                + stack.logFile(Stack.BROKER) + ". Stopping the stack.");
                System.exit(1);
            }
            for (Component c : stack.components()) {
                if (!c.isAlive()) {
                    System.err.println("ioc demo: " + c.name() + " exited with code "
                            + c.exitCode().orElse(-1) + "; read " + c.logFile() + ". Stopping the stack.\n"
                            + c.logTail(15));
                    System.exit(1);
                }
            }
        }
    }

    static String usage() {
        return """
                Usage: ./ioc demo [--key=value ...]   (each option may also come from IOC_KEY, e.g. IOC_HTTP_PORT)
                  --broker=hivemq         MQTT broker: hivemq (embedded) or mosquitto (apt-get install mosquitto)
                  --mqtt-port=1883        MQTT broker port (0 = any free port)
                  --mqtt-bind=127.0.0.1   broker listen address (0.0.0.0 to let devices on the network in)
                  --http-port=8080        dashboards: the wall, REST and websocket
                  --flink-ui-port=8081    Flink web UI
                  --sim-rate=200          simulated messages per second
                  --sim-seed=42           simulators' random seed
                  --scenario=NAME[,NAME]  simulator scenarios (default: storm-tan-vu, accident-lach-tray,
                                          desk-queue-le-chan, flood-fusion-cau-rao; none for a calm day)
                  --with-simulators=true  false starts no simulators
                  --parallelism=2         Flink job parallelism
                  --with-db=true          keep history in PostgreSQL (false: none)
                  --db-port=5433          the embedded PostgreSQL's port (data in <data-dir>/postgres)
                  --db-url=jdbc:postgresql://host:5432/ioc   an external PostgreSQL/TimescaleDB instead
                  --db-user=NAME --db-password=SECRET        its credentials (or IOC_DB_USER, IOC_DB_PASSWORD)
                  --data-dir=.ioc/data    broker, Flink and PostgreSQL state
                  --log-dir=.ioc/logs     one log per process
                  --startup-timeout=180   seconds each component may take to become ready
                  --stop-grace=20         seconds each component may take to stop before it is killed
                  --repo-root=DIR         the IOC repository (default: found above the working directory)
                  --pid-file=FILE         write the children's process ids there while running
                """;
    }
}
