package vn.haiphong.ioc.dashboards.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.dashboards.auth.OperatorAuth;
import vn.haiphong.ioc.dashboards.auth.OperatorTokens.Operator;
import vn.haiphong.ioc.dashboards.http.HttpApi;

/**
 * {@code POST /api/operator/reports/{serviceRequestId}/updates}: an operator changes a citizen report's status from
 * the wall. The update goes out as HP Smart's own updates do, on {@code hp/v1/report/{id}/update} in the contract's
 * FixMyStreet fields through ioc-core's codec (checked by the same validator the job uses), with a fresh {@code
 * update_id}; the job stores it and updates the report's state. Who did it is logged and stored.
 */
public final class ReportUpdatesApi {
    static final int MAX_AGENCY = 200;
    private static final Set<String> FIELDS = Set.of("status", "description", "agency_responsible");
    private static final Logger log = LoggerFactory.getLogger(ReportUpdatesApi.class);

    private final InboundCodec codec;
    private final MqttPublisher publisher;
    private final OperatorActions actions;

    public ReportUpdatesApi(ReferenceData reference, MqttPublisher publisher, OperatorActions actions) {
        this.codec = new InboundCodec(reference);
        this.publisher = publisher;
        this.actions = actions;
    }

    public void create(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        String id = ctx.pathParam("serviceRequestId");
        JsonNode body;
        try {
            body = Json.mapper()
                    .readTree(
                            ctx.body().buffer() == null
                                    ? new byte[0]
                                    : ctx.body().buffer().getBytes());
        } catch (IOException e) {
            badRequest(ctx, "the body must be a JSON object: {\"status\": \"IN_PROGRESS\", \"description\": \"…\"}");
            return;
        }
        if (body == null || !body.isObject()) {
            badRequest(ctx, "the body must be a JSON object: {\"status\": \"IN_PROGRESS\", \"description\": \"…\"}");
            return;
        }
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!FIELDS.contains(field)) {
                badRequest(ctx, "unknown field '" + field + "'; send " + new TreeSet<>(FIELDS));
                return;
            }
        }
        JsonNode status = body.path("status");
        if (!status.isTextual() || !ReportUpdate.STATUSES.contains(status.asText())) {
            badRequest(
                    ctx,
                    "status must be one of the FixMyStreet statuses " + new TreeSet<>(ReportUpdate.STATUSES) + ", not "
                            + (status.isMissingNode() ? "missing" : status.toString()));
            return;
        }
        String description = text(ctx, body, "description", ReportNew.MAX_DESCRIPTION);
        String agency = text(ctx, body, "agency_responsible", MAX_AGENCY);
        if (ctx.response().ended()) {
            return;
        }
        long now = System.currentTimeMillis();
        String topic = Topics.reportUpdate(id);
        ReportUpdate update =
                new ReportUpdate(id, UUID.randomUUID().toString(), status.asText(), agency, description, now);
        byte[] payload = codec.encode(update);
        // The job's own check, so what is accepted here is not dead-lettered there (e.g. an id that is no topic level).
        Decoded decoded = codec.decode(topic, payload, now);
        if (!decoded.isOk()) {
            badRequest(ctx, "this update would be refused: " + decoded.reason());
            return;
        }
        publisher.publish(topic, payload, false).onComplete(done -> {
            if (done.failed()) {
                log.warn(
                        "report update {} of {} not published: {}",
                        update.updateId(),
                        id,
                        done.cause().getMessage());
                HttpApi.error(ctx.response(), 503, "unavailable", "the MQTT broker is not reachable; try again later");
                return;
            }
            ObjectNode details = Json.mapper()
                    .createObjectNode()
                    .put("update_id", update.updateId())
                    .put("status", update.status())
                    .put("agency_responsible", agency);
            actions.record(new OperatorActions.Action(
                    now, operator.name(), OperatorActions.REPORT_UPDATE, id, description, details));
            ObjectNode answer = Json.mapper()
                    .createObjectNode()
                    .put("service_request_id", id)
                    .put("update_id", update.updateId())
                    .put("status", update.status())
                    .put("updated_datetime", vn.haiphong.ioc.core.wire.Timestamps.format(now))
                    .put("operator", operator.name());
            ctx.response()
                    .setStatusCode(202)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                    .end(answer.toString());
        });
    }

    /** An optional text field; answers 400 (and returns null) when it is not text or too long. */
    private static String text(RoutingContext ctx, JsonNode body, String field, int max) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull() || ctx.response().ended()) {
            return null;
        }
        if (!node.isTextual()) {
            badRequest(ctx, field + " must be text");
            return null;
        }
        String value = node.asText().strip();
        if (value.codePointCount(0, value.length()) > max) {
            badRequest(ctx, field + " is longer than " + max + " characters");
            return null;
        }
        return value.isEmpty() ? null : value;
    }

    private static void badRequest(RoutingContext ctx, String message) {
        HttpApi.error(ctx.response(), 400, "bad request", message);
    }
}
