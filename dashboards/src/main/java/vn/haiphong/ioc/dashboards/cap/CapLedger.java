package vn.haiphong.ioc.dashboards.cap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Severity;

/**
 * The CAP messages of each port: every change of a port alert that the hub accepted becomes a message that references
 * the alert's earlier ones. A port keeps its active alerts and its most recently cleared ones (their Cancel is what a
 * consumer must still see), each with its last changes, so a message's references can be fetched too. Runs on the
 * hub's event loop.
 */
public final class CapLedger implements Consumer<Alert> {
    /** Cleared alerts a port keeps, newest first out last. */
    static final int CLEARED_PER_PORT = 200;
    /** Changes kept per alert: the first, and the latest ones. */
    static final int CHANGES_PER_ALERT = 32;

    private static final Comparator<CapMessage> NEWEST_FIRST =
            Comparator.comparingLong(CapMessage::sent).reversed().thenComparing(m -> m.identifier());

    private final Set<String> ports;
    /** port → alertId → the alert's messages in seq order. */
    private final Map<String, Map<String, TreeMap<Long, CapMessage>>> byPort = new HashMap<>();
    /** port → identifier → message. */
    private final Map<String, Map<String, CapMessage>> byIdentifier = new HashMap<>();

    /** @param ports the ports whose alerts are kept; alerts of other sites are ignored */
    public CapLedger(Set<String> ports) {
        this.ports = Set.copyOf(ports);
        for (String port : ports) {
            byPort.put(port, new LinkedHashMap<>());
            byIdentifier.put(port, new HashMap<>());
        }
    }

    @Override
    public void accept(Alert alert) {
        if (!"port".equals(alert.domain()) || !ports.contains(alert.site())) {
            return;
        }
        Map<String, TreeMap<Long, CapMessage>> alerts = byPort.get(alert.site());
        Map<String, CapMessage> identifiers = byIdentifier.get(alert.site());
        TreeMap<Long, CapMessage> changes = alerts.computeIfAbsent(alert.alertId(), id -> new TreeMap<>());
        if (changes.containsKey(alert.seq())) {
            return;
        }
        CapMessage message = new CapMessage(alert, references(alert, changes));
        changes.put(alert.seq(), message);
        identifiers.put(message.identifier(), message);
        while (changes.size() > CHANGES_PER_ALERT) {
            // Keep the first: every later message refers to it.
            Long second = changes.higherKey(changes.firstKey());
            identifiers.remove(changes.remove(second).identifier());
        }
        // Most recently changed last, so eviction below finds the stalest cleared alerts first.
        alerts.remove(alert.alertId());
        alerts.put(alert.alertId(), changes);
        evictCleared(alerts, identifiers);
    }

    /** The earlier messages of the alert: the first one (raised, sent at raisedAt) and every later one known. */
    private static List<CapMessage.Reference> references(Alert alert, TreeMap<Long, CapMessage> known) {
        List<CapMessage.Reference> refs = new ArrayList<>();
        if (alert.seq() > 1 && !known.containsKey(1L)) {
            // The first change of an alert is sent at its raise time, so it can be referred to though this server
            // started after it.
            refs.add(new CapMessage.Reference(CapMessage.identifier(alert.alertId(), 1), alert.raisedAt()));
        }
        for (CapMessage earlier : known.headMap(alert.seq(), false).values()) {
            refs.add(new CapMessage.Reference(earlier.identifier(), earlier.sent()));
        }
        return refs;
    }

    private static void evictCleared(
            Map<String, TreeMap<Long, CapMessage>> alerts, Map<String, CapMessage> identifiers) {
        long cleared = alerts.values().stream()
                .filter(c -> c.lastEntry().getValue().alert().status() == AlertStatus.cleared)
                .count();
        Iterator<TreeMap<Long, CapMessage>> it = alerts.values().iterator();
        while (cleared > CLEARED_PER_PORT && it.hasNext()) {
            TreeMap<Long, CapMessage> changes = it.next();
            if (changes.lastEntry().getValue().alert().status() == AlertStatus.cleared) {
                changes.values().forEach(m -> identifiers.remove(m.identifier()));
                it.remove();
                cleared--;
            }
        }
    }

    /** The latest message of each alert of the port at or above {@code minSeverity}, newest first. */
    public List<CapMessage> current(String port, Severity minSeverity) {
        Map<String, TreeMap<Long, CapMessage>> alerts = byPort.get(port);
        if (alerts == null) {
            return List.of();
        }
        List<CapMessage> latest = new ArrayList<>();
        for (TreeMap<Long, CapMessage> changes : alerts.values()) {
            CapMessage last = changes.lastEntry().getValue();
            if (last.alert().severity().compareTo(minSeverity) >= 0) {
                latest.add(last);
            }
        }
        latest.sort(NEWEST_FIRST);
        return latest;
    }

    /** A message of the port by its identifier, if the port still keeps it. */
    public Optional<CapMessage> find(String port, String identifier) {
        Map<String, CapMessage> identifiers = byIdentifier.get(port);
        return Optional.ofNullable(identifiers == null ? null : identifiers.get(identifier));
    }
}
