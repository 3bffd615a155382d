// Citizen reports on the wall: a clustered layer of report markers coloured by status and lateness, the outlines of
// report hotspots, the incidents fused from a camera and reports, the deadline panel (late reports first) with the
// report KPIs, and a report's panel (its text, photo, status history and, for a signed-in operator, status buttons).
// The citizen's own text is only ever set with textContent; a photo is shown only from this server's /media/ path.

import { t, pick, formatNumber, formatTime, formatShortDate, sameCityDay } from "./i18n.js";
import { $, el, textTooltip, parseTime } from "./dom.js";
import { leafletMap } from "./map.js";

/** FixMyStreet statuses after which nothing more is expected of the city. */
const RESOLVED = new Set([
  "FIXED",
  "CLOSED",
  "DUPLICATE",
  "NOT_COUNCILS_RESPONSIBILITY",
  "NO_FURTHER_ACTION",
  "INTERNAL_REFERRAL",
]);
/** From the most to the least urgent: the colour of a cluster is that of its most urgent report. */
const LEVELS = ["escalated", "late-resolve", "late-ack", "open", "progress", "resolved"];
/** The operator's buttons: the status each sets, and its label. */
const ACTIONS = [
  ["INVESTIGATING", "report.action.ack"],
  ["IN_PROGRESS", "report.action.progress"],
  ["FIXED", "report.action.fixed"],
  ["CLOSED", "report.action.closed"],
  ["DUPLICATE", "report.action.duplicate"],
];
const KPIS = [
  ["reports-received-today", "report.kpi.today"],
  ["reports-open", "report.kpi.open"],
  ["reports-ack-on-time", "report.kpi.ackOnTime"],
  ["reports-resolved-on-time", "report.kpi.resolvedOnTime"],
  ["reports-first-response-median", "report.kpi.firstResponse"],
];
const TOKEN_KEY = "ioc.operatorToken";
const MEDIA_PATH = /^\/media\/[A-Za-z0-9_-][A-Za-z0-9._/-]*$/;
/** The deadline list draws this many rows; the rest are counted. */
const MAX_ROWS = 100;
const TICK_MS = 10000;
const MINUTE = 60000;

/** serviceRequestId → {data, marker} */
const reports = new Map();
/** alertId → the outline of a report.hotspot alert */
const hotspots = new Map();
/** alertId → {alert, marker, links} of an incident.fused alert */
const fused = new Map();
const kpis = new Map();
/** serviceRequestId → its row in the deadline list */
const rows = new Map();
let context = { areaName: (code) => code || "", camera: () => null };
let cluster = null;
let hotspotLayer = null;
let fusedLayer = null;
/** What the panel shows: null, {type: "report", id} or {type: "incident", alertId}. */
let open = null;
let renderQueued = false;
let tokenTimer = null;

// ---------- state of a report ----------

export function isResolved(r) {
  return r.resolvedAt != null || RESOLVED.has(r.status);
}

function level(r) {
  if (isResolved(r)) {
    return "resolved";
  }
  if (r.escalated) {
    return "escalated";
  }
  if (r.late === "resolve") {
    return "late-resolve";
  }
  if (r.late === "acknowledge") {
    return "late-ack";
  }
  return r.acknowledgedAt != null || r.status !== "OPEN" ? "progress" : "open";
}

/** The deadline that matters now: the one missed, else the next one. */
function deadline(r) {
  if (r.late === "resolve") {
    return { kind: "resolve", at: parseTime(r.resolveBy) };
  }
  if (r.late === "acknowledge") {
    return { kind: "ack", at: parseTime(r.acknowledgeBy) };
  }
  if (r.acknowledgedAt == null && r.status === "OPEN") {
    return { kind: "ack", at: parseTime(r.acknowledgeBy) };
  }
  return { kind: "resolve", at: parseTime(r.resolveBy) };
}

/** Escalated first, then late to resolve, then late to acknowledge, then the nearest deadline, then the oldest. */
export function deadlineOrder(a, b) {
  const rank = (r) => (r.escalated ? 0 : r.late === "resolve" ? 1 : r.late === "acknowledge" ? 2 : 3);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) {
    return byRank;
  }
  const da = deadline(a).at ?? Infinity;
  const db = deadline(b).at ?? Infinity;
  if (da !== db) {
    return da < db ? -1 : 1;
  }
  return (parseTime(a.requestedAt) ?? 0) - (parseTime(b.requestedAt) ?? 0);
}

function duration(ms) {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  if (minutes < 60) {
    return t("dur.m", { m: minutes });
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return minutes % 60 === 0 ? t("dur.h", { h: hours }) : t("dur.hm", { h: hours, m: minutes % 60 });
  }
  return t("dur.dh", { d: Math.floor(hours / 24), h: hours % 24 });
}

function countdown(r, now) {
  const { kind, at } = deadline(r);
  if (at == null) {
    return "";
  }
  const what = t(kind === "ack" ? "report.deadline.ack" : "report.deadline.resolve");
  return at >= now
    ? t("report.dueIn", { what, d: duration(at - now) })
    : t("report.overdue", { what, d: duration(now - at) });
}

function when(ms) {
  if (ms == null) {
    return "";
  }
  const date = new Date(ms);
  return sameCityDay(date, new Date()) ? formatTime(date) : `${formatShortDate(date)} ${formatTime(date)}`;
}

function serviceName(r) {
  return pick(r.serviceName) || r.serviceCode || "";
}

function statusText(status) {
  const key = `report.status.${status}`;
  const text = t(key);
  return text === key ? status : text;
}

function lateText(r) {
  if (r.escalated) {
    return t("report.escalated");
  }
  return r.late === "resolve" ? t("report.late.resolve") : r.late === "acknowledge" ? t("report.late.ack") : "";
}

// ---------- map layers ----------

function addPane(map, name, zIndex) {
  const pane = map.getPane(name) || map.createPane(name);
  pane.style.zIndex = String(zIndex);
}

function clusterIcon(group) {
  const markers = group.getAllChildMarkers();
  let worst = LEVELS.length - 1;
  for (const marker of markers) {
    worst = Math.min(worst, LEVELS.indexOf(marker.options.reportLevel));
  }
  const node = el("div", "report-cluster-count", formatNumber(group.getChildCount()));
  node.dataset.level = LEVELS[Math.max(worst, 0)];
  return L.divIcon({ className: "report-cluster", html: node, iconSize: [38, 38] });
}

/**
 * Creates the layers; `ctx` gives the wall's reference data: areaName(code) → text, camera(id) → {name, lat, lon}.
 */
export function initReports(ctx) {
  context = { ...context, ...ctx };
  const map = leafletMap();
  addPane(map, "hotspots", 350);
  addPane(map, "reports", 610);
  addPane(map, "fused", 635);
  hotspotLayer = L.layerGroup().addTo(map);
  fusedLayer = L.layerGroup().addTo(map);
  // Without the clustering library (a failed load) the reports are still drawn, one by one.
  cluster =
    typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({
          clusterPane: "reports",
          maxClusterRadius: 48,
          showCoverageOnHover: false,
          spiderfyOnMaxZoom: true,
          disableClusteringAtZoom: 16,
          chunkedLoading: true,
          iconCreateFunction: clusterIcon,
        })
      : L.layerGroup();
  cluster.addTo(map);
  $("#report-panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("#report-panel").hidden) {
      closePanel();
    }
  });
  setInterval(renderDeadlines, TICK_MS);
  // The sign-in control (admin.js) says when the operator changes.
  window.addEventListener("ioc-operator", renderActionsVisibility);
  refreshReportTexts();
}

function markerIcon(r) {
  const node = el("div", "report-dot");
  node.dataset.id = r.serviceRequestId;
  node.dataset.level = level(r);
  node.dataset.status = r.status;
  node.classList.toggle("selected", open != null && open.type === "report" && open.id === r.serviceRequestId);
  return L.divIcon({ className: "report-marker", html: node, iconSize: [18, 18] });
}

function reportTooltip(r) {
  return textTooltip([
    serviceName(r),
    context.areaName(r.area),
    [statusText(r.status), lateText(r)].filter(Boolean).join(" · "),
    isResolved(r) ? null : countdown(r, Date.now()),
  ]);
}

function upsert(r, batch) {
  const id = r.serviceRequestId;
  const known = reports.get(id);
  if (known && (r.seq ?? 0) < (known.data.seq ?? 0)) {
    return;
  }
  if (!Number.isFinite(r.lat) || !Number.isFinite(r.lon)) {
    return;
  }
  if (known) {
    const moved = known.marker.getLatLng().lat !== r.lat || known.marker.getLatLng().lng !== r.lon;
    known.data = r;
    known.marker.options.reportLevel = level(r);
    known.marker.setIcon(markerIcon(r));
    if (moved) {
      cluster.removeLayer(known.marker);
      known.marker.setLatLng([r.lat, r.lon]);
      cluster.addLayer(known.marker);
    } else if (cluster.refreshClusters) {
      cluster.refreshClusters(known.marker);
    }
    return;
  }
  const marker = L.marker([r.lat, r.lon], {
    pane: "reports",
    keyboard: false,
    icon: markerIcon(r),
    reportLevel: level(r),
  });
  marker.bindTooltip(() => reportTooltip(reports.get(id).data), { direction: "top", className: "wall-tooltip" });
  marker.on("click", () => openReport(id, false));
  reports.set(id, { data: r, marker });
  if (batch) {
    batch.push(marker);
  } else {
    cluster.addLayer(marker);
  }
}

function remove(id) {
  const known = reports.get(id);
  if (!known) {
    return;
  }
  cluster.removeLayer(known.marker);
  reports.delete(id);
  if (open && open.type === "report" && open.id === id) {
    closePanel();
  }
}

/** A report frame: {serviceRequestId, report} with report null when it is removed. */
export function applyReport(frame) {
  if (!frame || !frame.serviceRequestId) {
    return;
  }
  if (frame.report) {
    upsert(frame.report, null);
  } else {
    remove(frame.serviceRequestId);
  }
  afterChange(frame.serviceRequestId);
}

/** The reports of a snapshot, all at once (the clustering library adds a batch far faster than one by one). */
export function applyReports(frames) {
  const batch = [];
  for (const frame of frames || []) {
    if (frame && frame.report) {
      upsert(frame.report, batch);
    }
  }
  if (batch.length > 0) {
    if (cluster.addLayers) {
      cluster.addLayers(batch);
    } else {
      batch.forEach((m) => cluster.addLayer(m));
    }
  }
  afterChange(null);
}

/** Forgets every report (a new snapshot is coming). */
export function clearReports() {
  cluster.clearLayers();
  reports.clear();
}

function afterChange(id) {
  scheduleDeadlines();
  if (open && open.type === "report") {
    if (!reports.has(open.id)) {
      closePanel();
    } else if (id == null || open.id === id) {
      renderReportPanel(false);
    }
  } else if (open && open.type === "incident") {
    renderIncidentPanel();
  }
  drawFusedLinks();
  document.body.dataset.reports = String(reports.size);
}

// ---------- hotspots and fused incidents, from their alerts ----------

function outlineLatLngs(outline) {
  if (!outline || outline.type !== "Polygon" || !Array.isArray(outline.coordinates)) {
    return null;
  }
  const rings = outline.coordinates
    .filter((ring) => Array.isArray(ring))
    .map((ring) =>
      ring
        .filter((p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]))
        .map(([lon, lat]) => [lat, lon]),
    )
    .filter((ring) => ring.length >= 3);
  return rings.length > 0 ? rings : null;
}

function hotspotTooltip(alert) {
  const count = alert.evidence && Number.isFinite(alert.evidence.count) ? alert.evidence.count : null;
  return textTooltip([pick(alert.title), count == null ? null : t("report.hotspot.count", { n: formatNumber(count) })]);
}

function fusedSources(alert) {
  const sources = alert.evidence && Array.isArray(alert.evidence.sources) ? alert.evidence.sources : [];
  return sources.filter((s) => s && typeof s.type === "string" && s.id != null);
}

function sourcePosition(source) {
  if (source.type === "camera") {
    const camera = context.camera(String(source.id));
    return camera ? L.latLng(camera.lat, camera.lon) : null;
  }
  if (source.type === "report") {
    const known = reports.get(String(source.id));
    return known ? known.marker.getLatLng() : null;
  }
  return null;
}

function fusedPosition(alert) {
  const p = alert.position;
  if (p && Number.isFinite(p.lat) && Number.isFinite(p.lon)) {
    return L.latLng(p.lat, p.lon);
  }
  const points = fusedSources(alert).map(sourcePosition).filter(Boolean);
  if (points.length === 0) {
    return null;
  }
  return L.latLng(
    points.reduce((s, q) => s + q.lat, 0) / points.length,
    points.reduce((s, q) => s + q.lng, 0) / points.length,
  );
}

function drawFusedLinks() {
  for (const entry of fused.values()) {
    for (const link of entry.links) {
      link.remove();
    }
    entry.links = [];
    const from = entry.marker && entry.marker.getLatLng();
    if (!from) {
      continue;
    }
    for (const source of fusedSources(entry.alert)) {
      const to = sourcePosition(source);
      if (to) {
        const link = L.polyline([from, to], {
          pane: "hotspots",
          interactive: false,
          color: "#ff5cf0",
          weight: 2,
          dashArray: "4 5",
          className: `fused-link fused-link-${source.type}`,
        });
        link.addTo(fusedLayer);
        entry.links.push(link);
      }
    }
  }
}

function dropFusedLayers(entry) {
  entry.links.forEach((l) => l.remove());
  entry.links = [];
  if (entry.marker) {
    entry.marker.remove();
    entry.marker = null;
  }
}

function removeFused(alertId) {
  const entry = fused.get(alertId);
  if (!entry) {
    return;
  }
  dropFusedLayers(entry);
  fused.delete(alertId);
  if (open && open.type === "incident" && open.alertId === alertId) {
    closePanel();
  }
}

function upsertFused(alert) {
  const known = fused.get(alert.alertId);
  if (known) {
    dropFusedLayers(known);
  }
  const entry = { alert, marker: null, links: [] };
  fused.set(alert.alertId, entry);
  const position = fusedPosition(alert);
  if (position) {
    const node = el("div", "fused-icon");
    node.dataset.alertId = alert.alertId;
    entry.marker = L.marker(position, {
      pane: "fused",
      keyboard: false,
      icon: L.divIcon({ className: "fused-marker", html: node, iconSize: [26, 26] }),
    });
    const tooltip = () =>
      textTooltip([pick(alert.title), t("report.fused.sources", { n: fusedSources(alert).length })]);
    entry.marker.bindTooltip(tooltip, { direction: "top", className: "wall-tooltip" });
    entry.marker.on("click", () => openIncident(alert.alertId));
    entry.marker.addTo(fusedLayer);
  }
  drawFusedLinks();
  if (open && open.type === "incident" && open.alertId === alert.alertId) {
    renderIncidentPanel();
  }
}

/** Takes every alert the wall applies; hotspots and fused incidents are drawn, the others ignored. */
export function applyReportAlert(alert) {
  if (!alert || !alert.alertId) {
    return;
  }
  if (alert.rule === "report.hotspot") {
    const known = hotspots.get(alert.alertId);
    if (known) {
      known.remove();
      hotspots.delete(alert.alertId);
    }
    const rings = alert.status === "cleared" ? null : outlineLatLngs(alert.evidence && alert.evidence.outline);
    if (rings) {
      const polygon = L.polygon(rings, {
        pane: "hotspots",
        color: "#ff8a1f",
        weight: 2.5,
        dashArray: "6 4",
        fillColor: "#ff8a1f",
        fillOpacity: 0.14,
        className: "hotspot-outline",
      });
      polygon.bindTooltip(() => hotspotTooltip(alert), { sticky: true, className: "wall-tooltip" });
      polygon.addTo(hotspotLayer);
      const path = polygon.getElement && polygon.getElement();
      if (path) {
        path.dataset.alertId = alert.alertId;
      }
      hotspots.set(alert.alertId, polygon);
    }
  } else if (alert.rule === "incident.fused") {
    if (alert.status === "cleared") {
      removeFused(alert.alertId);
    } else {
      upsertFused(alert);
    }
  }
}

/** Forgets the hotspots and fused incidents (a new snapshot is coming with the active alerts). */
export function clearReportAlerts() {
  for (const polygon of hotspots.values()) {
    polygon.remove();
  }
  hotspots.clear();
  for (const id of [...fused.keys()]) {
    removeFused(id);
  }
}

// ---------- deadline panel and KPIs ----------

function scheduleDeadlines() {
  if (!renderQueued) {
    renderQueued = true;
    setTimeout(() => {
      renderQueued = false;
      renderDeadlines();
    }, 0);
  }
}

function renderDeadlines() {
  const list = $("#deadline-list");
  if (!list) {
    return;
  }
  const now = Date.now();
  const openReports = [...reports.values()].map((e) => e.data).filter((r) => !isResolved(r));
  openReports.sort(deadlineOrder);
  $("#deadline-count").textContent = formatNumber(openReports.length);
  const late = openReports.filter((r) => r.late || r.escalated).length;
  $("#deadline-late").textContent = late > 0 ? t("report.lateCount", { n: formatNumber(late) }) : "";
  $("#deadline-empty").hidden = openReports.length > 0;
  // An empty panel leaves the column's height to the alert list.
  $("#report-deadlines").classList.toggle("empty", openReports.length === 0);
  const shown = openReports.slice(0, MAX_ROWS).map((r) => deadlineRow(r, now));
  const kept = new Set(shown.map((li) => li.dataset.id));
  for (const id of [...rows.keys()]) {
    if (!kept.has(id)) {
      rows.delete(id);
    }
  }
  if (openReports.length > MAX_ROWS) {
    shown.push(el("li", "deadline-more muted", t("report.more", { n: formatNumber(openReports.length - MAX_ROWS) })));
  }
  list.replaceChildren(...shown);
}

/** A report's row, kept across redraws (focus and selection stay put), its content renewed. */
function deadlineRow(r, now) {
  let li = rows.get(r.serviceRequestId);
  if (!li) {
    li = el("li", "deadline-row");
    li.dataset.id = r.serviceRequestId;
    li.tabIndex = 0;
    li.setAttribute("role", "button");
    const go = () => openReport(li.dataset.id, true);
    li.addEventListener("click", go);
    li.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        go();
      }
    });
    rows.set(r.serviceRequestId, li);
  }
  li.dataset.level = level(r);
  li.classList.toggle("selected", open != null && open.type === "report" && open.id === r.serviceRequestId);
  const top = el("div", "dr-top");
  top.append(el("span", "dr-service", serviceName(r)), el("span", "dr-countdown", countdown(r, now)));
  const bottom = el("div", "dr-bottom");
  const requested = parseTime(r.requestedAt);
  const age = requested == null ? "" : t("report.age", { d: duration(now - requested) });
  // Lateness says more than the status here; the panel shows both.
  bottom.append(
    el("span", "dr-where", [context.areaName(r.area), age].filter(Boolean).join(" · ")),
    el("span", "dr-status", lateText(r) || statusText(r.status)),
  );
  li.replaceChildren(top, bottom);
  return li;
}

function kpiText(kpi) {
  const v = kpi.value;
  const unit = (kpi.unit || "").toLowerCase();
  if (unit === "%") {
    return `${formatNumber(v, v % 1 === 0 ? 0 : 1)} %`;
  }
  if (unit === "min" || unit === "minutes") {
    return duration(v * MINUTE);
  }
  if (unit === "s") {
    return duration(v * 1000);
  }
  if (unit === "h") {
    return duration(v * 60 * MINUTE);
  }
  return formatNumber(v, Number.isInteger(v) ? 0 : 1);
}

/**
 * Takes every KPI the wall holds (none: redraw the last ones); the city-wide report KPIs are shown in the deadline
 * panel's header.
 */
export function renderReportKpis(all) {
  const box = $("#report-kpis");
  if (!box) {
    return;
  }
  if (all) {
    kpis.clear();
    for (const k of all) {
      if (k.scopeType === "city" && KPIS.some(([name]) => name === k.kpi)) {
        kpis.set(k.kpi, k);
      }
    }
  }
  // Until the job publishes any, the panel keeps its height for the list.
  if (kpis.size === 0) {
    box.replaceChildren();
    return;
  }
  const cells = KPIS.map(([name, label]) => {
    const k = kpis.get(name);
    const cell = el("div", "rk");
    cell.dataset.kpi = name;
    cell.dataset.value = k ? String(k.value) : "";
    const value = el("div", "rk-value", k ? kpiText(k) : "–");
    if (k && k.target != null && Number.isFinite(k.value) && (k.unit || "") === "%") {
      cell.classList.toggle("below-target", k.value < k.target);
      cell.title = t("report.kpi.target", { v: formatNumber(k.target) });
    }
    cell.append(value, el("div", "rk-label", t(label)));
    return cell;
  });
  box.replaceChildren(...cells);
}

// ---------- the panel: one report, or one fused incident ----------

function closePanel() {
  open = null;
  $("#report-panel").hidden = true;
  clearInterval(tokenTimer);
  tokenTimer = null;
  for (const node of document.querySelectorAll(".report-dot.selected, .deadline-row.selected")) {
    node.classList.remove("selected");
  }
}

function markSelected(id) {
  for (const node of document.querySelectorAll(".report-dot.selected, .deadline-row.selected")) {
    node.classList.remove("selected");
  }
  for (const node of document.querySelectorAll(`.report-dot[data-id], .deadline-row[data-id]`)) {
    if (node.dataset.id === id) {
      node.classList.add("selected");
    }
  }
}

export function openReport(id, fly) {
  const known = reports.get(id);
  if (!known) {
    return;
  }
  open = { type: "report", id };
  renderReportPanel(true);
  markSelected(id);
  const map = leafletMap();
  if (fly && map) {
    if (cluster.zoomToShowLayer) {
      cluster.zoomToShowLayer(known.marker, () => markSelected(id));
    } else {
      map.flyTo(known.marker.getLatLng(), Math.max(map.getZoom(), 15), { duration: 0.6 });
    }
  }
}

/** An alert of the list chosen: a fused incident opens its panel, an alert about one report opens that report. */
export function openFromAlert(alert) {
  if (alert.rule === "incident.fused" && fused.has(alert.alertId)) {
    openIncident(alert.alertId);
    return;
  }
  const id = alert.entity && alert.entity.type === "report" ? String(alert.entity.id) : null;
  if (id && reports.has(id)) {
    openReport(id, false);
  }
}

function openIncident(alertId) {
  if (!fused.has(alertId)) {
    return;
  }
  open = { type: "incident", alertId };
  renderIncidentPanel();
}

function field(label, value) {
  const row = el("div", "rp-field");
  row.append(el("span", "rp-label", label), el("span", "rp-value", value));
  return row;
}

function renderReportPanel(fresh) {
  const r = reports.get(open.id).data;
  const panel = $("#report-panel");
  panel.hidden = false;
  panel.dataset.type = "report";
  panel.dataset.id = r.serviceRequestId;
  panel.dataset.level = level(r);
  $("#report-panel-title").textContent = serviceName(r);
  const body = $("#report-panel-body");
  // A fresh panel starts over; an update keeps the history already loaded, and what the operator is typing.
  const history = !fresh && body.querySelector(".rp-history");
  const actions = !fresh && body.querySelector(".rp-actions");
  const badges = el("div", "rp-badges");
  badges.append(el("span", "rp-status", statusText(r.status)));
  if (lateText(r)) {
    badges.append(el("span", "rp-late", lateText(r)));
  }
  const fields = el("div", "rp-fields");
  fields.append(
    field(t("report.id"), r.serviceRequestId),
    field(t("report.area"), context.areaName(r.area)),
    field(t("report.requested"), when(parseTime(r.requestedAt))),
  );
  if (!isResolved(r)) {
    fields.append(field(t("report.deadline"), countdown(r, Date.now())));
  }
  fields.append(
    field(t("report.ackBy"), when(parseTime(r.acknowledgeBy))),
    field(t("report.resolveBy"), when(parseTime(r.resolveBy))),
  );
  if (r.duplicateOf) {
    fields.append(field(t("report.duplicateOf"), r.duplicateOf));
  }
  const links = el("div", "rp-links");
  if (r.incidentAlertId && fused.has(r.incidentAlertId)) {
    const button = el("button", "rp-link", t("report.partOfIncident"));
    button.type = "button";
    button.addEventListener("click", () => openIncident(r.incidentAlertId));
    links.append(button);
  }
  if (r.hotspotAlertId && hotspots.has(r.hotspotAlertId)) {
    links.append(el("span", "rp-chip", t("report.partOfHotspot")));
  }
  const description = el("p", "rp-description", r.description || t("report.noDescription"));
  description.classList.toggle("muted", !r.description);
  const parts = [badges, fields, links, description];
  if (typeof r.mediaUrl === "string" && MEDIA_PATH.test(r.mediaUrl) && !r.mediaUrl.includes("..")) {
    const img = document.createElement("img");
    img.className = "rp-photo";
    img.alt = t("report.photo");
    img.loading = "lazy";
    img.referrerPolicy = "no-referrer";
    img.addEventListener("error", () => {
      img.hidden = true;
    });
    img.src = r.mediaUrl;
    parts.push(img);
  }
  parts.push(history || historySection(r));
  parts.push(actions || actionsSection(r));
  body.replaceChildren(...parts);
  renderActionsVisibility();
  if (!tokenTimer) {
    // Besides its event, anything may store or drop the token while the panel is open.
    tokenTimer = setInterval(renderActionsVisibility, 2000);
  }
}

function historySection(r) {
  const section = el("section", "rp-history");
  section.append(el("h3", null, t("report.history")));
  const list = el("ol", "rp-updates");
  const state = el("p", "rp-history-state muted", t("history.loading"));
  section.append(state, list);
  loadHistory(r.serviceRequestId, section, state, list);
  return section;
}

async function loadHistory(id, section, state, list) {
  let response;
  let body = {};
  try {
    response = await fetch(`/api/history/reports/${encodeURIComponent(id)}`, {
      headers: { Accept: "application/json" },
    });
    body = await response.json().catch(() => ({}));
  } catch (e) {
    state.textContent = t("report.history.error", { message: e.message });
    section.dataset.state = "error";
    return;
  }
  if (response.status === 404) {
    state.textContent = t("report.history.none");
    section.dataset.state = "empty";
    return;
  }
  if (response.status === 503) {
    state.textContent = t("history.off");
    section.dataset.state = "off";
    return;
  }
  if (!response.ok) {
    state.textContent = t("report.history.error", { message: body.message || `HTTP ${response.status}` });
    section.dataset.state = "error";
    return;
  }
  const updates = Array.isArray(body.updates) ? body.updates : [];
  const items = [];
  const received = body.report && parseTime(body.report.requestedAt);
  if (received != null) {
    const item = el("li", "rp-update");
    item.append(el("span", "ru-time", when(received)), el("span", "ru-status", t("report.filed")));
    items.push(item);
  }
  for (const u of updates) {
    const item = el("li", "rp-update");
    item.append(el("span", "ru-time", when(parseTime(u.updatedAt))), el("span", "ru-status", statusText(u.status)));
    if (u.agencyResponsible) {
      item.append(el("span", "ru-agency", u.agencyResponsible));
    }
    if (u.description) {
      item.append(el("div", "ru-text", u.description));
    }
    items.push(item);
  }
  list.replaceChildren(...items);
  state.textContent = items.length === 0 ? t("report.history.none") : "";
  state.hidden = items.length > 0;
  section.dataset.state = "ready";
}

function token() {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    return null;
  }
}

function actionsSection(r) {
  const section = el("section", "rp-actions");
  section.append(el("h3", null, t("report.actions")));
  const note = document.createElement("textarea");
  note.className = "rp-note";
  note.maxLength = 1000;
  note.rows = 2;
  note.placeholder = t("report.note");
  const buttons = el("div", "rp-buttons");
  const message = el("p", "rp-message");
  message.setAttribute("role", "status");
  for (const [status, label] of ACTIONS) {
    const button = el("button", "rp-action", t(label));
    button.type = "button";
    button.dataset.status = status;
    button.addEventListener("click", () => sendStatus(r.serviceRequestId, status, note, buttons, message));
    buttons.append(button);
  }
  section.append(note, buttons, message);
  return section;
}

function renderActionsVisibility() {
  const section = document.querySelector("#report-panel .rp-actions");
  if (section) {
    section.hidden = !token();
  }
}

async function sendStatus(id, status, note, buttons, message) {
  const bearer = token();
  if (!bearer) {
    renderActionsVisibility();
    return;
  }
  for (const b of buttons.children) {
    b.disabled = true;
  }
  message.dataset.state = "sending";
  message.textContent = t("report.sending");
  try {
    const response = await fetch(`/api/operator/reports/${encodeURIComponent(id)}/updates`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ status, description: note.value.trim() }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      message.dataset.state = "ok";
      message.textContent = t("report.sent", { status: statusText(status) });
      note.value = "";
    } else {
      message.dataset.state = "error";
      const reason = body.message || body.error || `HTTP ${response.status}`;
      message.textContent =
        response.status === 401 || response.status === 403
          ? t("report.denied", { message: reason })
          : t("report.refused", { message: reason });
    }
  } catch (e) {
    message.dataset.state = "error";
    message.textContent = t("report.refused", { message: e.message });
  } finally {
    for (const b of buttons.children) {
      b.disabled = false;
    }
  }
}

function renderIncidentPanel() {
  const entry = fused.get(open.alertId);
  if (!entry) {
    closePanel();
    return;
  }
  const { alert } = entry;
  const panel = $("#report-panel");
  panel.hidden = false;
  panel.dataset.type = "incident";
  panel.dataset.id = alert.alertId;
  panel.dataset.level = "fused";
  $("#report-panel-title").textContent = pick(alert.title) || t("report.fused");
  const fields = el("div", "rp-fields");
  fields.append(
    field(t("report.fused.kind"), t("report.fused")),
    field(t("report.fused.raised"), when(parseTime(alert.raisedAt))),
  );
  const description = el("p", "rp-description", pick(alert.description));
  const section = el("section", "rp-evidence");
  section.append(el("h3", null, t("report.fused.evidence")));
  const list = el("ul", "rp-sources");
  for (const source of fusedSources(alert)) {
    const item = el("li", "rp-source");
    item.dataset.type = source.type;
    item.dataset.id = String(source.id);
    const at = when(parseTime(source.at));
    if (source.type === "camera") {
      const camera = context.camera(String(source.id));
      const confidence = Number.isFinite(source.confidence)
        ? t("report.fused.confidence", { v: formatNumber(source.confidence * 100) })
        : "";
      item.append(
        el("span", "rs-kind", t("report.fused.camera")),
        el("span", "rs-name", camera ? `${pick(camera.name)} (${source.id})` : String(source.id)),
        el("span", "rs-meta", [at, confidence].filter(Boolean).join(" · ")),
      );
    } else {
      const known = reports.get(String(source.id));
      item.append(
        el("span", "rs-kind", t("report.fused.report")),
        el("span", "rs-name", known ? `${serviceName(known.data)} (${source.id})` : String(source.id)),
        el("span", "rs-meta", known ? [at, statusText(known.data.status)].filter(Boolean).join(" · ") : at),
      );
      if (known) {
        item.tabIndex = 0;
        item.classList.add("clickable");
        item.addEventListener("click", () => openReport(String(source.id), true));
      }
    }
    list.append(item);
  }
  section.append(list);
  $("#report-panel-body").replaceChildren(fields, description, section);
}

/** Redraws the panel headers, the list and an open panel in the current language. */
export function refreshReportTexts() {
  const close = $("#report-panel-close");
  if (close) {
    close.title = t("history.close");
    close.setAttribute("aria-label", t("history.close"));
  }
  renderReportKpis();
  renderDeadlines();
  // The cameras' positions may have arrived since a fused incident was drawn.
  for (const entry of [...fused.values()]) {
    upsertFused(entry.alert);
  }
  if (open && open.type === "report" && reports.has(open.id)) {
    renderReportPanel(true);
  } else if (open && open.type === "incident") {
    renderIncidentPanel();
  }
}
