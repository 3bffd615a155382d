package vn.haiphong.ioc.dashboards.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.alert.Vessel;
import vn.haiphong.ioc.dashboards.mqtt.OutboundMessage;
import vn.haiphong.ioc.dashboards.testing.Samples;

/** The hub on its own: sequencing, replay, backpressure and what counts as news. */
@ExtendWith(VertxExtension.class)
class LiveHubTest {

    /** Runs the block on one Vert.x context, as the hub always is in the server. */
    private static void onContext(Vertx vertx, VertxTestContext test, Consumer<LiveHub> block, int ringSize) {
        vertx.runOnContext(v -> test.verify(() -> {
            block.accept(new LiveHub(vertx, ringSize));
            test.completeNow();
        }));
    }

    private static void kpi(LiveHub hub, int i) {
        Kpi kpi = Samples.maxGust("tan-vu", i, Samples.T0 + i * 60_000L);
        hub.onMessage(new OutboundMessage.KpiMessage(kpi.topic(), kpi));
    }

    private static void alert(LiveHub hub, Alert alert) {
        hub.onMessage(new OutboundMessage.AlertMessage(alert.topic(), alert));
    }

    private static void report(LiveHub hub, ReportView report) {
        hub.onMessage(new OutboundMessage.ReportMessage(report.topic(), report.serviceRequestId(), report));
    }

    private static void removeReport(LiveHub hub, String id) {
        hub.onMessage(new OutboundMessage.ReportMessage("ioc/v1/report/" + id, id, null));
    }

    private static List<Long> range(long firstInclusive, long lastInclusive) {
        return LongStream.rangeClosed(firstInclusive, lastInclusive).boxed().toList();
    }

    @Test
    void greetsANewClientWithHelloAndASnapshot(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    kpi(hub, 1);
                    FakeSink sink = new FakeSink(100);
                    hub.attach(sink, null);
                    assertThat(sink.received).hasSize(2);
                    JsonObject hello = sink.received.get(0);
                    assertThat(hello.getString("type")).isEqualTo("hello");
                    assertThat(hello.getString("mode")).isEqualTo("snapshot");
                    assertThat(hello.getLong("seq")).isEqualTo(hub.lastSeq());
                    JsonObject snapshot = sink.received.get(1);
                    assertThat(snapshot.getString("type")).isEqualTo("snapshot");
                    assertThat(snapshot.getLong("seq")).isEqualTo(hub.lastSeq());
                    assertThat(snapshot.getJsonObject("data").getJsonArray("kpis"))
                            .hasSize(1);
                },
                100);
    }

    @Test
    void stopsWritingToAFullClientAndCatchesItUpFromTheRingOnDrain(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    FakeSink sink = new FakeSink(3);
                    hub.attach(sink, null);
                    long start = hub.lastSeq();
                    for (int i = 1; i <= 10; i++) {
                        kpi(hub, i);
                    }
                    // hello and snapshot fill two places of three: one frame went out, the other nine wait in the ring.
                    assertThat(sink.seqs("kpi")).containsExactly(start + 1);
                    sink.drain();
                    assertThat(sink.seqs("kpi")).containsExactlyElementsOf(range(start + 1, start + 4));
                    sink.drain();
                    sink.drain();
                    sink.drain();
                    assertThat(sink.seqs("kpi")).containsExactlyElementsOf(range(start + 1, start + 10));
                    kpi(hub, 11);
                    assertThat(sink.seqs("kpi")).containsExactlyElementsOf(range(start + 1, start + 11));
                },
                100);
    }

    @Test
    void aClientThatFellOutOfTheRingGetsAFreshSnapshotOnDrain(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    FakeSink sink = new FakeSink(3);
                    hub.attach(sink, null);
                    for (int i = 1; i <= 40; i++) {
                        kpi(hub, i);
                    }
                    sink.drain();
                    JsonObject snapshot = sink.last();
                    assertThat(snapshot.getString("type")).isEqualTo("snapshot");
                    assertThat(snapshot.getLong("seq")).isEqualTo(hub.lastSeq());
                    assertThat(snapshot.getJsonObject("data")
                                    .getJsonArray("kpis")
                                    .getJsonObject(0)
                                    .getDouble("value"))
                            .isEqualTo(40.0);
                    kpi(hub, 41);
                    assertThat(sink.last().getLong("seq")).isEqualTo(snapshot.getLong("seq") + 1);
                },
                16);
    }

    @Test
    void replaysTheFramesAfterSinceWhenTheRingHoldsThem(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    for (int i = 1; i <= 5; i++) {
                        kpi(hub, i);
                    }
                    long since = hub.lastSeq() - 3;
                    FakeSink sink = new FakeSink(100);
                    hub.attach(sink, since);
                    assertThat(sink.received.get(0).getString("mode")).isEqualTo("replay");
                    assertThat(sink.seqs("snapshot")).isEmpty();
                    assertThat(sink.seqs("kpi")).containsExactlyElementsOf(range(since + 1, since + 3));
                },
                100);
    }

    @Test
    void sendsASnapshotWhenSinceIsTooOldOrFromAnotherRun(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    for (int i = 1; i <= 40; i++) {
                        kpi(hub, i);
                    }
                    FakeSink tooOld = new FakeSink(100);
                    hub.attach(tooOld, hub.lastSeq() - 30);
                    FakeSink fromTheFuture = new FakeSink(100);
                    hub.attach(fromTheFuture, hub.lastSeq() + 1);
                    FakeSink fromAnEarlierRun = new FakeSink(100);
                    hub.attach(fromAnEarlierRun, 12L);
                    for (FakeSink sink : List.of(tooOld, fromTheFuture, fromAnEarlierRun)) {
                        assertThat(sink.received.get(0).getString("mode")).isEqualTo("snapshot");
                        assertThat(sink.seqs("snapshot")).containsExactly(hub.lastSeq());
                        assertThat(sink.seqs("kpi")).isEmpty();
                    }
                },
                16);
    }

    @Test
    void ignoresARepeatedOrOlderMessageOfAnAlert(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    Alert first = Samples.incident("tc-001", Samples.T0);
                    Alert update = first.updated(Samples.T0 + 1_000, first.severity(), Map.of("confidence", 0.95));
                    alert(hub, first);
                    alert(hub, update);
                    long seq = hub.lastSeq();
                    alert(hub, first);
                    alert(hub, update);
                    assertThat(hub.lastSeq()).isEqualTo(seq);
                    assertThat(hub.activeAlerts()).containsExactly(update);
                },
                100);
    }

    @Test
    void pushesAClearedAlertOnceAndDropsItFromTheActiveSet(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    Alert active = Samples.incident("tc-001", Samples.T0);
                    Alert cleared = active.cleared(Samples.T0 + 60_000, Map.of());
                    FakeSink sink = new FakeSink(100);
                    hub.attach(sink, null);
                    alert(hub, active);
                    alert(hub, cleared);
                    assertThat(sink.last().getJsonObject("data").getString("status"))
                            .isEqualTo("cleared");
                    assertThat(hub.activeAlerts()).isEmpty();
                    // A late duplicate of the active message must not bring it back.
                    long seq = hub.lastSeq();
                    alert(hub, active);
                    assertThat(hub.activeAlerts()).isEmpty();
                    assertThat(hub.lastSeq()).isEqualTo(seq);
                },
                100);
    }

    @Test
    void aRetainedKpiDeliveredAgainIsNotNews(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    kpi(hub, 5);
                    long seq = hub.lastSeq();
                    kpi(hub, 5);
                    assertThat(hub.lastSeq()).isEqualTo(seq);
                    kpi(hub, 4);
                    assertThat(hub.lastSeq()).as("an older window").isEqualTo(seq);
                    kpi(hub, 6);
                    assertThat(hub.lastSeq()).isEqualTo(seq + 1);
                    assertThat(hub.kpis()).hasSize(1);
                },
                100);
    }

    @Test
    void pushesTheMqttStateWhenItChanges(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    FakeSink sink = new FakeSink(100);
                    hub.attach(sink, null);
                    hub.onConnectionChange(true);
                    hub.onConnectionChange(true);
                    hub.onConnectionChange(false);
                    assertThat(sink.seqs("mqtt")).hasSize(2);
                    assertThat(sink.last().getJsonObject("data").getString("state"))
                            .isEqualTo("disconnected");
                    assertThat(hub.mqttConnected()).isFalse();
                },
                100);
    }

    @Test
    void forgetsAClientThatClosed(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    FakeSink sink = new FakeSink(100);
                    hub.attach(sink, null);
                    assertThat(hub.clientCount()).isEqualTo(1);
                    sink.close();
                    assertThat(hub.clientCount()).isZero();
                    kpi(hub, 1);
                    assertThat(sink.seqs("kpi")).isEmpty();
                },
                100);
    }

    @Test
    void coalescesAFloodOfDeadLettersIntoOnePushPerSecond(Vertx vertx, VertxTestContext test) {
        LiveHub hub = new LiveHub(vertx, 100);
        FakeSink sink = new FakeSink(10_000);
        vertx.runOnContext(v -> {
            hub.attach(sink, null);
            for (int i = 0; i < 50; i++) {
                hub.onMessage(new OutboundMessage.DeadLetterMessage(
                        "ioc/v1/deadletter/cam",
                        DeadLetter.of("hp/v1/cam/tc-999/tlm", new byte[] {1}, "unknown camera", Samples.T0)));
            }
            test.verify(() -> assertThat(sink.seqs("deadletters")).hasSize(1));
            // The rest arrive together once the one-second window closes.
            vertx.setPeriodic(100, timer -> {
                if (sink.seqs("deadletters").size() == 2) {
                    vertx.cancelTimer(timer);
                    test.verify(() -> {
                        JsonObject data = sink.last().getJsonObject("data");
                        assertThat(data.getLong("total")).isEqualTo(50);
                        assertThat(data.getJsonObject("counts").getLong("cam")).isEqualTo(50);
                        assertThat(data.getJsonObject("last").getString("reason"))
                                .isEqualTo("unknown camera");
                    });
                    test.completeNow();
                }
            });
        });
    }

    @Test
    void aFilteredClientGetsOnlyItsAlertsAndResumesOverTheFramesItSkipped(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    Alert before = Samples.portWind("tan-vu", Severity.high, Samples.T0);
                    Alert elsewhere = Samples.portWind("dinh-vu", Severity.critical, Samples.T0);
                    Alert tooLow = Samples.portWind("tan-vu", Severity.low, Samples.T0);
                    alert(hub, before);
                    alert(hub, elsewhere);
                    alert(hub, tooLow);
                    FakeSink sink = new FakeSink(100);
                    hub.attachAlerts(
                            sink,
                            null,
                            a -> a.site().equals("tan-vu") && a.severity().compareTo(Severity.medium) >= 0);
                    JsonObject snapshot = sink.received.get(1);
                    assertThat(snapshot.getJsonObject("data").fieldNames()).containsExactly("alerts");
                    assertThat(snapshot.getJsonObject("data").getJsonArray("alerts"))
                            .extracting(a -> ((JsonObject) a).getString("alertId"))
                            .containsExactly(before.alertId());

                    kpi(hub, 1);
                    alert(hub, Samples.portWind("dinh-vu", Severity.high, Samples.T0 + 1));
                    Alert mine = Samples.portWind("tan-vu", Severity.critical, Samples.T0 + 2);
                    alert(hub, mine);
                    assertThat(sink.received).hasSize(3);
                    assertThat(sink.last().getLong("seq")).isEqualTo(hub.lastSeq());
                    assertThat(sink.last().getJsonObject("data").getString("alertId"))
                            .isEqualTo(mine.alertId());

                    // Resuming from before the KPI: only the port's alert comes back, and nothing else.
                    FakeSink back = new FakeSink(100);
                    hub.attachAlerts(back, hub.lastSeq() - 3, a -> a.site().equals("tan-vu"));
                    assertThat(back.received.get(0).getString("mode")).isEqualTo("replay");
                    assertThat(back.received).hasSize(2);
                    assertThat(back.last().getJsonObject("data").getString("alertId"))
                            .isEqualTo(mine.alertId());
                },
                100);
    }

    @Test
    void pushesVesselsAndTheirLeavingAndKeepsThemInTheSnapshot(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    FakeSink sink = new FakeSink(100);
                    hub.attach(sink, null);
                    Vessel ship = Samples.vessel(574001230L, "HAI PHONG 01", 20.836, 106.776, 90, true, Samples.T0);
                    hub.onMessage(new OutboundMessage.VesselMessage(ship.topic("tan-vu"), "tan-vu", ship.mmsi(), ship));
                    // The retained copy again on a resubscribe is no news.
                    hub.onMessage(new OutboundMessage.VesselMessage(ship.topic("tan-vu"), "tan-vu", ship.mmsi(), ship));
                    assertThat(sink.seqs("vessel")).hasSize(1);
                    JsonObject data = sink.last().getJsonObject("data");
                    assertThat(data.getString("portId")).isEqualTo("tan-vu");
                    assertThat(data.getJsonObject("vessel").getBoolean("atBerth"))
                            .isTrue();
                    assertThat(hub.snapshot().get("vessels")).hasSize(1);

                    hub.onMessage(new OutboundMessage.VesselMessage(ship.topic("tan-vu"), "tan-vu", ship.mmsi(), null));
                    assertThat(sink.seqs("vessel")).hasSize(2);
                    assertThat(sink.last().getJsonObject("data").getValue("vessel"))
                            .isNull();
                    assertThat(hub.snapshot().get("vessels")).isEmpty();
                },
                100);
    }

    @Test
    void pushesReportsKeepsTheNewestStateAndRemovesOneOnItsEmptyPayload(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    FakeSink sink = new FakeSink(100);
                    hub.attach(sink, null);
                    ReportView open = Samples.report("HP-1", "OPEN", null, false, Samples.T0, 1);
                    ReportView acknowledged = Samples.report("HP-1", "INVESTIGATING", null, false, Samples.T0, 2);
                    report(hub, open);
                    report(hub, acknowledged);
                    // The retained copy after a resubscribe, and a late copy of the first state: neither is news.
                    report(hub, acknowledged);
                    report(hub, open);
                    assertThat(sink.seqs("report")).hasSize(2);
                    JsonObject data = sink.last().getJsonObject("data");
                    assertThat(data.getString("serviceRequestId")).isEqualTo("HP-1");
                    assertThat(data.getJsonObject("report").getString("status")).isEqualTo("INVESTIGATING");
                    assertThat(hub.reports()).containsExactly(acknowledged);

                    FakeSink later = new FakeSink(100);
                    hub.attach(later, null);
                    JsonObject snapshot = later.received.get(1).getJsonObject("data");
                    assertThat(snapshot.getJsonArray("reports")).hasSize(1);
                    assertThat(snapshot.getJsonArray("reports")
                                    .getJsonObject(0)
                                    .getJsonObject("report")
                                    .getLong("seq"))
                            .isEqualTo(2L);

                    removeReport(hub, "HP-1");
                    assertThat(sink.seqs("report")).hasSize(3);
                    assertThat(sink.last().getJsonObject("data").getValue("report"))
                            .isNull();
                    assertThat(hub.reports()).isEmpty();
                    assertThat(hub.snapshot().get("reports")).isEmpty();
                    // Removing what is not there again says nothing.
                    removeReport(hub, "HP-1");
                    assertThat(sink.seqs("report")).hasSize(3);
                },
                100);
    }

    @Test
    void keepsAtMostItsReportsDroppingTheOldestResolvedFirst(Vertx vertx, VertxTestContext test) {
        vertx.runOnContext(v -> test.verify(() -> {
            LiveHub hub = new LiveHub(vertx, 100, 3);
            FakeSink sink = new FakeSink(100);
            hub.attach(sink, null);
            report(hub, Samples.report("HP-OPEN-OLD", "OPEN", "acknowledge", true, Samples.T0, 1));
            report(hub, Samples.report("HP-FIXED-OLD", "FIXED", null, false, Samples.T0 + 60_000, 1));
            report(hub, Samples.report("HP-FIXED-NEW", "FIXED", null, false, Samples.T0 + 120_000, 1));
            report(hub, Samples.report("HP-NEW", "OPEN", null, false, Samples.T0 + 180_000, 1));
            assertThat(hub.reports())
                    .extracting(ReportView::serviceRequestId)
                    .containsExactlyInAnyOrder("HP-OPEN-OLD", "HP-FIXED-NEW", "HP-NEW");
            // The wall is told, so it holds what the hub holds.
            assertThat(sink.received)
                    .filteredOn(f -> "report".equals(f.getString("type")))
                    .extracting(f -> f.getJsonObject("data").getString("serviceRequestId"))
                    .containsExactly("HP-OPEN-OLD", "HP-FIXED-OLD", "HP-FIXED-NEW", "HP-FIXED-OLD", "HP-NEW");
            report(hub, Samples.report("HP-NEWER", "OPEN", null, false, Samples.T0 + 240_000, 1));
            report(hub, Samples.report("HP-NEWEST", "OPEN", null, false, Samples.T0 + 300_000, 1));
            // No resolved one left: the open one updated longest ago goes.
            assertThat(hub.reports())
                    .extracting(ReportView::serviceRequestId)
                    .containsExactlyInAnyOrder("HP-NEW", "HP-NEWER", "HP-NEWEST");
            assertThat(hub.snapshot().get("reports")).hasSize(3);
            test.completeNow();
        }));
    }

    @Test
    void aPortsAlertFeedGetsNoReports(Vertx vertx, VertxTestContext test) {
        onContext(
                vertx,
                test,
                hub -> {
                    FakeSink feed = new FakeSink(100);
                    hub.attachAlerts(feed, null, a -> true);
                    report(hub, Samples.report("HP-2", "OPEN", null, false, Samples.T0, 1));
                    assertThat(feed.received).hasSize(2);
                    assertThat(feed.received.get(1).getJsonObject("data").fieldNames())
                            .containsExactly("alerts");
                },
                100);
    }
}
