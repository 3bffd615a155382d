package vn.haiphong.ioc.dashboards.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.dashboards.history.HistoryDatabase;

/**
 * The audit trail of what operators did from the wall: one log line per action (logger {@code ioc.audit}), and a row
 * of {@code operator_actions} when the history database is there. A database that is down costs the row, never the
 * action: the line is logged first.
 */
public final class OperatorActions {
    public static final String REPORT_UPDATE = "report.update";
    public static final String RULES_CHANGE = "rules.change";

    private static final Logger audit = LoggerFactory.getLogger("ioc.audit");
    private static final Logger log = LoggerFactory.getLogger(OperatorActions.class);

    private final HistoryDatabase history;

    public OperatorActions(HistoryDatabase history) {
        this.history = history;
    }

    /** One recorded action. */
    public record Action(
            long at, String operator, String action, String serviceRequestId, String note, ObjectNode details) {}

    public void record(Action action) {
        audit.info(
                "operator={} action={}{} details={}",
                action.operator(),
                action.action(),
                action.serviceRequestId() == null ? "" : " report=" + action.serviceRequestId(),
                action.details());
        if (history.state() != HistoryDatabase.State.ready) {
            return;
        }
        history.write(connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO operator_actions (id, at, operator, action, service_request_id, note, details)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setTimestamp(2, new Timestamp(action.at()));
                        insert.setString(3, action.operator());
                        insert.setString(4, action.action());
                        insert.setString(5, action.serviceRequestId());
                        insert.setString(6, action.note());
                        insert.setString(7, Json.mapper().writeValueAsString(action.details()));
                        return insert.executeUpdate();
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .onFailure(e -> log.warn(
                        "operator action {} of {} not stored in the history: {}",
                        action.action(),
                        action.operator(),
                        e.getMessage()));
    }

    /** The latest {@code limit} actions of one kind, newest first (empty without a database). */
    public Future<List<Action>> latest(String kind, int limit) {
        if (history.state() != HistoryDatabase.State.ready) {
            return Future.succeededFuture(List.of());
        }
        return history.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT at, operator, action, service_request_id, note, details::text FROM operator_actions"
                            + " WHERE action = ? ORDER BY at DESC LIMIT ?")) {
                select.setString(1, kind);
                select.setInt(2, limit);
                List<Action> actions = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        JsonNode details = Json.mapper().readTree(rows.getString(6));
                        actions.add(new Action(
                                rows.getTimestamp(1).getTime(),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5),
                                details instanceof ObjectNode o
                                        ? o
                                        : Json.mapper().createObjectNode()));
                    }
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                return actions;
            }
        });
    }
}
