package vn.haiphong.ioc.dashboards.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Vessel;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.dashboards.mqtt.BridgeListener;
import vn.haiphong.ioc.dashboards.mqtt.OutboundMessage;

/**
 * The live state of the wall and its push channel: the active alerts, the latest KPI of each topic, the vessels in the
 * ports, the citizen reports (at most a bounded number), the dead-letter counts and the MQTT state; every change becomes a sequenced frame in a bounded ring and goes
 * to every client. A client may take only the alerts that pass a filter (a port operator's feed): it walks the same
 * ring and the same sequence numbers, skipping what is not for it, so it resumes exactly as the wall does.
 *
 * <p>A client that cannot keep up is not buffered for: when its write queue is full nothing more is written to it, and
 * when it drains it is sent what it missed from the ring, or a fresh snapshot when that has already left the ring.
 * Everything here runs on one event loop.
 */
public final class LiveHub implements BridgeListener {
    public static final String HELLO = "hello";
    public static final String SNAPSHOT = "snapshot";
    public static final String ALERT = "alert";
    public static final String KPI = "kpi";
    public static final String DEADLETTERS = "deadletters";
    public static final String MQTT = "mqtt";
    public static final String VESSEL = "vessel";
    public static final String REPORT = "report";
    /** The reports a hub keeps by default: years of HP Smart's volume (395 reports in 2022), bounded all the same. */
    public static final int DEFAULT_MAX_REPORTS = 5_000;
    /** The rule set in force, the version the job applied, and the log of rule changes. */
    public static final String RULES = "rules";

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    private static final int RECENTLY_CLEARED = 4_096;
    /** A broken device can flood the dead-letter topic; the wall needs its counts once a second at most. */
    private static final long DEADLETTER_PUSH_INTERVAL_MS = 1_000;

    private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparingLong(Alert::raisedAt)
            .thenComparingLong(Alert::updatedAt)
            .reversed()
            .thenComparing(Alert::alertId);

    private final Vertx vertx;
    private final ObjectMapper mapper = Json.mapper();
    private final String instance = UUID.randomUUID().toString();
    private final PushRing ring;
    private final Set<Client> clients = new LinkedHashSet<>();

    private final Map<String, Alert> activeAlerts = new LinkedHashMap<>();
    /** The last seq of recently cleared alerts, so a late duplicate of an older message cannot bring one back. */
    private final Map<String, Long> clearedSeq = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > RECENTLY_CLEARED;
        }
    };

    private final Map<String, Kpi> kpis = new TreeMap<>();
    /** "{portId}/{mmsi}" → the vessel's latest position. */
    private final Map<String, PortVessel> vessels = new TreeMap<>();
    /** serviceRequestId → the report's latest state; at most {@link #maxReports}. */
    private final Map<String, ReportView> reports = new HashMap<>();

    private final int maxReports;

    private final List<Consumer<Alert>> alertListeners = new ArrayList<>();
    private final List<Consumer<OutboundMessage.RulesMessage>> rulesListeners = new ArrayList<>();
    private final List<Consumer<Boolean>> connectionListeners = new ArrayList<>();
    /** What the last rules frame said, for snapshots; null until someone sets it. */
    private JsonNode rulesState;

    private final Map<String, Long> deadLetters = new TreeMap<>();
    private DeadLetter lastDeadLetter;
    private boolean deadLetterWindowOpen;
    private boolean deadLettersDirty;
    private long undecodable;
    private boolean mqttConnected;
    private long mqttSince = System.currentTimeMillis();

    /**
     * @param ringCapacity how many frames a reconnecting or slow client can catch up on
     */
    public LiveHub(Vertx vertx, int ringCapacity) {
        this(vertx, ringCapacity, DEFAULT_MAX_REPORTS);
    }

    /**
     * @param maxReports how many reports are kept; past it the resolved one updated longest ago goes first, then the
     *     open one updated longest ago
     */
    public LiveHub(Vertx vertx, int ringCapacity, int maxReports) {
        if (maxReports < 1) {
            throw new IllegalArgumentException("maxReports must be positive");
        }
        this.vertx = vertx;
        this.maxReports = maxReports;
        // Sequence numbers start at the wall-clock millisecond, so a client resuming with a seq from an earlier run of
        // this server asks for frames before this run's first one and gets a snapshot rather than a wrong replay.
        this.ring = new PushRing(ringCapacity, System.currentTimeMillis());
    }

    // ---- inbound, from the MQTT bridge ----

    @Override
    public void onMessage(OutboundMessage message) {
        if (message instanceof OutboundMessage.AlertMessage m) {
            onAlert(m.alert());
        } else if (message instanceof OutboundMessage.KpiMessage m) {
            onKpi(m.topic(), m.kpi());
        } else if (message instanceof OutboundMessage.DeadLetterMessage m) {
            onDeadLetter(m.deadLetter());
        } else if (message instanceof OutboundMessage.VesselMessage m) {
            onVessel(m.portId(), m.mmsi(), m.vessel());
        } else if (message instanceof OutboundMessage.ReportMessage m) {
            onReport(m.serviceRequestId(), m.report());
        } else if (message instanceof OutboundMessage.RulesMessage m) {
            rulesListeners.forEach(listener -> listener.accept(m));
        }
    }

    @Override
    public void onConnectionChange(boolean connected) {
        log.debug("MQTT {}", connected ? "connected" : "disconnected");
        if (connected == mqttConnected) {
            return;
        }
        mqttConnected = connected;
        mqttSince = System.currentTimeMillis();
        publish(MQTT, mqttState(), null);
        connectionListeners.forEach(listener -> listener.accept(connected));
    }

    @Override
    public void onUndecodable(String topic, String reason) {
        undecodable++;
    }

    private void onAlert(Alert alert) {
        Alert active = activeAlerts.get(alert.alertId());
        Long cleared = clearedSeq.get(alert.alertId());
        if ((active != null && alert.seq() <= active.seq()) || (cleared != null && alert.seq() <= cleared)) {
            log.debug("ignored alert {} seq {}: not newer than what the wall shows", alert.alertId(), alert.seq());
            return;
        }
        if (alert.status() == AlertStatus.cleared) {
            // Pushed once so the wall can show it ending, then gone from the active set and from snapshots.
            activeAlerts.remove(alert.alertId());
            clearedSeq.put(alert.alertId(), alert.seq());
        } else {
            activeAlerts.put(alert.alertId(), alert);
        }
        publish(ALERT, mapper.valueToTree(alert), alert);
        for (Consumer<Alert> listener : alertListeners) {
            listener.accept(alert);
        }
    }

    /**
     * Takes back the alerts that were active when the server stopped (from the history), as if they had just arrived:
     * any the hub already has in a newer state are ignored, the others reach connected walls and the alert listeners.
     */
    public void restore(List<Alert> alerts) {
        alerts.forEach(this::onAlert);
    }

    /**
     * Calls {@code listener} with every alert change the hub accepts (newer than what it had), on the hub's event
     * loop.
     */
    public void addAlertListener(Consumer<Alert> listener) {
        alertListeners.add(listener);
    }

    /** Calls {@code listener} with every rule set that arrives on the rules topics, on the hub's event loop. */
    public void addRulesListener(Consumer<OutboundMessage.RulesMessage> listener) {
        rulesListeners.add(listener);
    }

    /** Calls {@code listener} when the MQTT bridge connects (and has subscribed) or loses the broker. */
    public void addConnectionListener(Consumer<Boolean> listener) {
        connectionListeners.add(listener);
    }

    /** Pushes a new state of the rules (set by the rules' owner) to every wall, and keeps it for snapshots. */
    public void setRules(JsonNode state) {
        rulesState = state;
        publish(RULES, state, null);
    }

    /** @param vessel its latest position, or null when it has left the port's area */
    private void onVessel(String portId, long mmsi, Vessel vessel) {
        String key = portId + "/" + mmsi;
        PortVessel known = vessels.get(key);
        Vessel previous = known == null ? null : known.vessel();
        if (vessel == null) {
            if (vessels.remove(key) != null) {
                publish(VESSEL, vesselState(portId, mmsi, null), null);
            }
            return;
        }
        // Retained positions come again on every resubscribe; an older one must not move a ship back.
        if (previous != null && (previous.equals(vessel) || vessel.updatedAt() < previous.updatedAt())) {
            return;
        }
        vessels.put(key, new PortVessel(portId, mmsi, vessel));
        publish(VESSEL, vesselState(portId, mmsi, vessel), null);
    }

    private ObjectNode vesselState(String portId, long mmsi, Vessel vessel) {
        ObjectNode state = mapper.createObjectNode().put("portId", portId).put("mmsi", mmsi);
        state.set("vessel", vessel == null ? null : mapper.valueToTree(vessel));
        return state;
    }

    /** @param report its latest state, or null when it is removed */
    private void onReport(String id, ReportView report) {
        ReportView known = reports.get(id);
        if (report == null) {
            if (reports.remove(id) != null) {
                publish(REPORT, reportState(id, null), null);
            }
            return;
        }
        // Retained states come again on every resubscribe, and a late copy must not undo a newer status.
        if (known != null && report.seq() <= known.seq()) {
            return;
        }
        reports.put(id, report);
        if (reports.size() > maxReports) {
            String dropped = leastNeededReport();
            reports.remove(dropped);
            if (dropped.equals(id)) {
                return;
            }
            publish(REPORT, reportState(dropped, null), null);
        }
        publish(REPORT, reportState(id, report), null);
    }

    /** The resolved report updated longest ago, else the open one updated longest ago. */
    private String leastNeededReport() {
        ReportView oldest = null;
        for (ReportView r : reports.values()) {
            if (oldest == null
                    || (resolved(r) && !resolved(oldest))
                    || (resolved(r) == resolved(oldest) && r.updatedAt() < oldest.updatedAt())) {
                oldest = r;
            }
        }
        return oldest.serviceRequestId();
    }

    private static boolean resolved(ReportView r) {
        return r.resolvedAt() != null || ReportUpdate.CLOSING_STATUSES.contains(r.status());
    }

    private ObjectNode reportState(String id, ReportView report) {
        ObjectNode state = mapper.createObjectNode().put("serviceRequestId", id);
        state.set("report", report == null ? null : mapper.valueToTree(report));
        return state;
    }

    private void onKpi(String topic, Kpi kpi) {
        Kpi previous = kpis.get(topic);
        // Retained KPIs come again on every resubscribe; the wall needs them once.
        if (previous != null && (previous.equals(kpi) || kpi.updatedAt() < previous.updatedAt())) {
            return;
        }
        kpis.put(topic, kpi);
        publish(KPI, mapper.valueToTree(kpi), null);
    }

    private void onDeadLetter(DeadLetter deadLetter) {
        String feed = deadLetter.feed() == null ? "unknown" : deadLetter.feed().name();
        deadLetters.merge(feed, 1L, Long::sum);
        lastDeadLetter = deadLetter;
        if (deadLetterWindowOpen) {
            deadLettersDirty = true;
            return;
        }
        publish(DEADLETTERS, deadLetterState(), null);
        deadLetterWindowOpen = true;
        vertx.setTimer(DEADLETTER_PUSH_INTERVAL_MS, id -> closeDeadLetterWindow());
    }

    private void closeDeadLetterWindow() {
        deadLetterWindowOpen = false;
        if (deadLettersDirty) {
            deadLettersDirty = false;
            publish(DEADLETTERS, deadLetterState(), null);
            deadLetterWindowOpen = true;
            vertx.setTimer(DEADLETTER_PUSH_INTERVAL_MS, id -> closeDeadLetterWindow());
        }
    }

    // ---- outbound, to websocket clients ----

    /**
     * Attaches a client. It is sent a hello, then either the frames after {@code since} when the ring still holds all
     * of them, or a snapshot of the current state.
     *
     * @param since the last seq the client has seen, or null for a new client
     */
    public void attach(FrameSink sink, Long since) {
        attach(sink, since, null);
    }

    /**
     * Attaches a client of the alerts that pass {@code filter} only: it is sent the matching alert frames after {@code
     * since} when the ring still holds them all, else a snapshot of the matching active alerts, then the matching
     * alerts as they come.
     */
    public void attachAlerts(FrameSink sink, Long since, Predicate<Alert> filter) {
        attach(sink, since, java.util.Objects.requireNonNull(filter));
    }

    private void attach(FrameSink sink, Long since, Predicate<Alert> filter) {
        Client client = new Client(sink, filter);
        clients.add(client);
        sink.closeHandler(() -> clients.remove(client));
        sink.drainHandler(() -> {
            client.waiting = false;
            pump(client);
        });
        boolean replay = since != null && ring.canReplayAfter(since);
        ObjectNode hello = mapper.createObjectNode()
                .put("type", HELLO)
                .put("seq", ring.lastSeq())
                .put("instance", instance)
                .put("mode", replay ? "replay" : SNAPSHOT)
                .put("bufferFrom", ring.firstSeq());
        sink.hello(text(hello));
        if (replay) {
            client.lastSent = since;
            pump(client);
        } else {
            sendSnapshot(client);
        }
    }

    private void publish(String type, JsonNode data, Alert alert) {
        ring.append(type, text(data), alert);
        log.debug("push {} {} to {} clients", type, ring.lastSeq(), clients.size());
        // A copy: a failing write may close a websocket, and its close handler leaves the set.
        for (Client client : List.copyOf(clients)) {
            if (!client.waiting) {
                pump(client);
            }
        }
    }

    /** Writes what the client has not seen yet, until its write queue fills up. */
    private void pump(Client client) {
        if (client.lastSent < ring.firstSeq() - 1) {
            if (client.sink.writeQueueFull()) {
                client.waiting = true;
                return;
            }
            sendSnapshot(client);
            return;
        }
        while (client.lastSent < ring.lastSeq()) {
            if (client.sink.writeQueueFull()) {
                client.waiting = true;
                return;
            }
            PushFrame frame = ring.get(client.lastSent + 1);
            if (client.wants(frame)) {
                client.sink.write(frame);
            }
            client.lastSent = frame.seq();
        }
    }

    private void sendSnapshot(Client client) {
        JsonNode data = client.filter == null ? snapshot() : alertSnapshot(client.filter);
        client.sink.write(new PushFrame(ring.lastSeq(), SNAPSHOT, text(data), null));
        client.lastSent = ring.lastSeq();
    }

    /** What a client of some alerts starts from: {@code {"alerts": [the matching active alerts, newest first]}}. */
    private ObjectNode alertSnapshot(Predicate<Alert> filter) {
        ObjectNode data = mapper.createObjectNode();
        ArrayNode alerts = data.putArray("alerts");
        activeAlerts().stream().filter(filter).forEach(a -> alerts.add(mapper.valueToTree(a)));
        return data;
    }

    // ---- state, for snapshots and the REST API ----

    public ObjectNode snapshot() {
        ObjectNode data = mapper.createObjectNode();
        ArrayNode alerts = data.putArray("alerts");
        activeAlerts().forEach(a -> alerts.add(mapper.valueToTree(a)));
        ArrayNode kpiArray = data.putArray("kpis");
        kpis.values().forEach(k -> kpiArray.add(mapper.valueToTree(k)));
        ArrayNode vesselArray = data.putArray("vessels");
        vessels.values().forEach(v -> vesselArray.add(vesselState(v.portId(), v.mmsi(), v.vessel())));
        ArrayNode reportArray = data.putArray("reports");
        reports.values().stream()
                .sorted(Comparator.comparing(ReportView::serviceRequestId))
                .forEach(r -> reportArray.add(reportState(r.serviceRequestId(), r)));
        data.set("mqtt", mqttState());
        data.set("deadletters", deadLetterState());
        if (rulesState != null) {
            data.set(RULES, rulesState);
        }
        return data;
    }

    /** The active alerts, newest first. */
    public List<Alert> activeAlerts() {
        List<Alert> alerts = new ArrayList<>(activeAlerts.values());
        alerts.sort(NEWEST_FIRST);
        return alerts;
    }

    /** The latest KPI of each topic, by topic. */
    public List<Kpi> kpis() {
        return List.copyOf(kpis.values());
    }

    /** The reports the hub holds, in no particular order. */
    public List<ReportView> reports() {
        return List.copyOf(reports.values());
    }

    public boolean mqttConnected() {
        return mqttConnected;
    }

    public long lastSeq() {
        return ring.lastSeq();
    }

    public int clientCount() {
        return clients.size();
    }

    public long undecodable() {
        return undecodable;
    }

    private ObjectNode mqttState() {
        return mapper.createObjectNode()
                .put("state", mqttConnected ? "connected" : "disconnected")
                .put("since", Timestamps.format(mqttSince));
    }

    private ObjectNode deadLetterState() {
        ObjectNode state = mapper.createObjectNode();
        ObjectNode counts = state.putObject("counts");
        long total = 0;
        for (Map.Entry<String, Long> e : deadLetters.entrySet()) {
            counts.put(e.getKey(), e.getValue());
            total += e.getValue();
        }
        state.put("total", total);
        if (lastDeadLetter != null) {
            state.putObject("last")
                    .put(
                            "feed",
                            lastDeadLetter.feed() == null
                                    ? "unknown"
                                    : lastDeadLetter.feed().name())
                    .put("topic", lastDeadLetter.topic())
                    .put("reason", lastDeadLetter.reason())
                    .put("receivedAt", Timestamps.format(lastDeadLetter.receivedAt()));
        }
        return state;
    }

    private String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vessel under the port and MMSI of its topic. */
    private record PortVessel(String portId, long mmsi, Vessel vessel) {}

    private static final class Client {
        final FrameSink sink;
        /** Null: every frame (the wall); else only the alert frames whose alert passes. */
        final Predicate<Alert> filter;

        long lastSent;
        boolean waiting;

        Client(FrameSink sink, Predicate<Alert> filter) {
            this.sink = sink;
            this.filter = filter;
        }

        boolean wants(PushFrame frame) {
            return filter == null || (frame.alert() != null && filter.test(frame.alert()));
        }
    }
}
