// The operations wall: the city map (map.js), the KPI tiles, the port panel and vessels (ports.js) and the live alert
// list, fed by the /ws push channel.
// Every text that comes with the data goes into the page through textContent or a DOM node handed to Leaflet, never
// as HTML.

import {
  t,
  pick,
  lang,
  setLang,
  LANGUAGES,
  formatTime,
  formatDate,
  formatNumber,
  sameCityDay,
  formatShortDate,
} from "./i18n.js";
import { $, el, textTooltip, fetchWithRetry, parseTime } from "./dom.js";
import { createMap, drawBaseLayers, drawReference, leafletMap, areaCentre, refreshMapTexts } from "./map.js";
import { initHistory, openKpiChart, openAlertHistory, refreshHistoryTexts } from "./history.js";
import {
  initPorts,
  applyPortKpi,
  clearPortKpis,
  renderPortCards,
  renderPorts,
  applyVessel,
  clearVessels,
} from "./ports.js";
import {
  initReports,
  applyReport,
  applyReports,
  clearReports,
  applyReportAlert,
  openFromAlert,
  clearReportAlerts,
  renderReportKpis,
  refreshReportTexts,
} from "./reports.js";
import { initCameras, cameraKpi, cameraAlert, cameraSnapshot, refreshCameraTexts } from "./cameras.js";
import { initAdmin, applyRules, refreshAdminTexts } from "./admin.js";

const SEVERITIES = ["critical", "high", "medium", "low", "informational"];
const SEVERITY_COLOURS = {
  critical: "#ff3b5c",
  high: "#ff8a1f",
  medium: "#ffd23f",
  low: "#4fc3f7",
  informational: "#9fb3c4",
};
/** A cleared alert stays in the list this long, marked as ended, so the operators see it go. */
const CLEARED_LINGER_MS = 15000;
/** Past this long without the server (or without its MQTT feed), the wall calls itself disconnected. */
const STALE_AFTER_MS = 30000;
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30000;
/** Camera KPIs older than this, next to the newest one, no longer count toward the city total. */
const CAMERA_KPI_FRESH_MS = 5 * 60 * 1000;
const GUST_SCALE_MAX = 30;

const state = {
  reference: null,
  areas: new Map(),
  ports: new Map(),
  cameras: new Map(),
  thresholds: {},
  alerts: new Map(),
  kpis: new Map(),
  deadletters: { total: 0, counts: {} },
  mqtt: "unknown",
  mqttDownSince: null,
  ws: null,
  wsOpen: false,
  everConnected: false,
  downSince: Date.now(),
  nextRetryAt: null,
  retries: 0,
  lastSeq: null,
  snapshots: 0,
};

// ---------- header: texts, clock, language ----------

function applyStaticTexts() {
  document.documentElement.lang = lang();
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  $("#map").setAttribute("aria-label", t("mapLabel"));
  const button = $("#lang-switch");
  button.dataset.lang = lang();
  button.title = t("langSwitch");
}

function tickClock() {
  const now = new Date();
  $("#clock-time").textContent = formatTime(now, true);
  $("#clock-date").textContent = formatDate(now);
  renderConnection();
}

function wireLanguageSwitch() {
  $("#lang-switch").addEventListener("click", () => {
    const next = LANGUAGES[(LANGUAGES.indexOf(lang()) + 1) % LANGUAGES.length];
    setLang(next);
    applyStaticTexts();
    refreshMapTexts();
    for (const entry of state.alerts.values()) {
      renderAlertItem(entry);
    }
    renderKpis();
    tickClock();
    refreshHistoryTexts();
    renderPorts();
    refreshReportTexts();
    refreshCameraTexts();
    refreshAdminTexts();
  });
}

// ---------- connection state ----------

function renderConnection() {
  const now = Date.now();
  let status;
  let detail;
  if (state.wsOpen && state.mqtt === "connected") {
    status = "connected";
    detail = t("detail.live");
  } else if (state.wsOpen) {
    const since = state.mqttDownSince ?? now;
    status = now - since < STALE_AFTER_MS ? "reconnecting" : "disconnected";
    detail = t("detail.mqtt");
  } else {
    status = now - state.downSince < STALE_AFTER_MS ? "reconnecting" : "disconnected";
    if (!state.everConnected && status === "reconnecting") {
      detail = t("detail.connecting");
    } else {
      const seconds = state.nextRetryAt ? Math.max(0, Math.ceil((state.nextRetryAt - now) / 1000)) : 0;
      detail = t("detail.server", { s: seconds });
    }
  }
  const box = $("#connection-state");
  box.dataset.state = status;
  box.dataset.ws = state.wsOpen ? "open" : "closed";
  box.dataset.mqtt = state.mqtt;
  box.querySelector(".state-label").textContent = t(`state.${status}`);
  box.querySelector(".state-detail").textContent = detail;
}

// ---------- alerts ----------

function rank(severity) {
  const i = SEVERITIES.indexOf(severity);
  return i < 0 ? SEVERITIES.length : i;
}

function siteName(alert) {
  const port = state.ports.get(alert.site);
  if (port) {
    return pick(port.name);
  }
  const area = state.areas.get(alert.site) || state.areas.get(alert.area);
  if (area) {
    return area.name;
  }
  return alert.site || "";
}

function alertPosition(alert) {
  const p = alert.position;
  if (p && Number.isFinite(p.lat) && Number.isFinite(p.lon)) {
    return L.latLng(p.lat, p.lon);
  }
  const camera = alert.entity && state.cameras.get(alert.entity.id);
  if (camera) {
    return L.latLng(camera.lat, camera.lon);
  }
  const port = state.ports.get(alert.site);
  if (port) {
    return L.latLng(port.lat, port.lon);
  }
  return areaCentre(alert.area) || areaCentre(alert.site);
}

function createEntry(alert) {
  const li = el("li", "alert-item");
  li.dataset.alertId = alert.alertId;
  li.tabIndex = 0;
  const entry = { alert, li, marker: null, markerSeverity: null, clearTimer: null };
  const focus = () => focusAlert(entry);
  li.addEventListener("click", focus);
  li.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      focus();
    }
  });
  return entry;
}

function renderAlertItem(entry) {
  const { alert, li } = entry;
  li.dataset.severity = alert.severity;
  li.dataset.status = alert.status;
  li.dataset.domain = alert.domain || "";
  li.title = pick(alert.description);
  const raised = parseTime(alert.raisedAt);
  let time = "";
  if (raised != null) {
    const when = new Date(raised);
    time = sameCityDay(when, new Date()) ? formatTime(when) : `${formatShortDate(when)} ${formatTime(when)}`;
  }
  const badge = el("div", "a-sev", t(`severity.${alert.severity}`));
  const title = el("div", "a-title", pick(alert.title));
  const meta = el("div", "a-meta");
  meta.append(
    el("span", "a-domain", t(`domain.${alert.domain}`)),
    el("span", "a-site", siteName(alert)),
    el("span", "a-time", alert.status === "cleared" ? `${t("alert.cleared")} · ${time}` : time),
  );
  const body = el("div", "a-body");
  body.append(title, meta);
  li.replaceChildren(badge, body);
  if (entry.marker) {
    entry.marker.setTooltipContent(alertTooltip(alert));
  }
}

function alertTooltip(alert) {
  return textTooltip([pick(alert.title), `${t(`severity.${alert.severity}`)} · ${siteName(alert)}`]);
}

function newerFirst(a, b) {
  const raised = (parseTime(b.raisedAt) ?? 0) - (parseTime(a.raisedAt) ?? 0);
  return raised || (parseTime(b.updatedAt) ?? 0) - (parseTime(a.updatedAt) ?? 0);
}

function placeItem(entry) {
  const list = $("#alert-list");
  for (const other of list.children) {
    if (other === entry.li) {
      continue;
    }
    const otherEntry = state.alerts.get(other.dataset.alertId);
    if (otherEntry && newerFirst(entry.alert, otherEntry.alert) <= 0) {
      if (entry.li.nextSibling !== other) {
        list.insertBefore(entry.li, other);
      }
      return;
    }
  }
  list.append(entry.li);
}

function upsertMarker(entry) {
  const map = leafletMap();
  const position = alertPosition(entry.alert);
  if (!map || !position) {
    return;
  }
  const colour = SEVERITY_COLOURS[entry.alert.severity] || SEVERITY_COLOURS.informational;
  const style = {
    pane: "alerts",
    radius: 11,
    color: colour,
    weight: 3,
    fillColor: colour,
    fillOpacity: 0.35,
    className: `alert-marker sev-${entry.alert.severity}`,
  };
  // Leaflet sets a path's class only when it is created, and the class carries the pulse of severe alerts.
  if (entry.marker && entry.markerSeverity !== entry.alert.severity) {
    removeMarker(entry);
  }
  if (!entry.marker) {
    entry.markerSeverity = entry.alert.severity;
    entry.marker = L.circleMarker(position, style).addTo(map);
    entry.marker.bindTooltip(alertTooltip(entry.alert), { direction: "top", className: "wall-tooltip" });
    entry.marker.on("click", () => selectItem(entry));
  } else {
    entry.marker.setLatLng(position);
    entry.marker.setStyle(style);
    entry.marker.setTooltipContent(alertTooltip(entry.alert));
  }
}

function removeMarker(entry) {
  if (entry.marker) {
    entry.marker.remove();
    entry.marker = null;
  }
}

function selectItem(entry) {
  for (const selected of document.querySelectorAll("#alert-list li.selected")) {
    selected.classList.remove("selected");
  }
  entry.li.classList.add("selected");
  entry.li.scrollIntoView({ block: "nearest" });
}

function focusAlert(entry) {
  selectItem(entry);
  openFromAlert(entry.alert);
  const map = leafletMap();
  const position = alertPosition(entry.alert);
  if (!map || !position) {
    return;
  }
  map.flyTo(position, Math.max(map.getZoom(), 14), { duration: 0.8 });
  if (entry.marker) {
    map.once("moveend", () => entry.marker && entry.marker.openTooltip());
  }
}

function flash(li) {
  li.classList.remove("flash");
  // Restart the animation when an alert changes again while it is still flashing.
  void li.offsetWidth;
  li.classList.add("flash");
}

function dropEntry(entry) {
  clearTimeout(entry.clearTimer);
  removeMarker(entry);
  entry.li.remove();
  state.alerts.delete(entry.alert.alertId);
}

function applyAlert(alert, live) {
  let entry = state.alerts.get(alert.alertId);
  const isNew = !entry;
  if (entry && alert.seq < entry.alert.seq) {
    return;
  }
  const escalated = entry && rank(alert.severity) < rank(entry.alert.severity);
  if (!entry) {
    entry = createEntry(alert);
    state.alerts.set(alert.alertId, entry);
  }
  entry.alert = alert;
  clearTimeout(entry.clearTimer);
  entry.clearTimer = null;
  if (alert.status === "cleared") {
    removeMarker(entry);
    entry.clearTimer = setTimeout(() => {
      dropEntry(entry);
      renderAlertSummary();
    }, CLEARED_LINGER_MS);
  } else {
    upsertMarker(entry);
  }
  renderAlertItem(entry);
  placeItem(entry);
  if (live && (isNew || escalated || alert.status === "cleared")) {
    flash(entry.li);
  }
  applyReportAlert(alert);
  renderAlertSummary();
}

function renderAlertSummary() {
  const active = [...state.alerts.values()].filter((e) => e.alert.status !== "cleared");
  $("#alert-count").textContent = String(active.length);
  $("#alert-empty").hidden = state.alerts.size > 0;
  const tile = $('[data-kpi="active-alerts"]');
  tile.dataset.value = String(active.length);
  tile.querySelector(".tile-value").textContent = formatNumber(active.length);
  const chips = tile.querySelector(".sev-chips");
  chips.replaceChildren();
  for (const severity of SEVERITIES) {
    const n = active.filter((e) => e.alert.severity === severity).length;
    if (n > 0) {
      const chip = el("span", `chip sev-${severity}`, `${formatNumber(n)} ${t(`severity.${severity}`)}`);
      chips.append(chip);
    }
  }
  tile.classList.toggle("has-critical", active.some((e) => e.alert.severity === "critical"));
}

// ---------- KPIs ----------

function kpiKey(kpi) {
  return `${kpi.kpi}/${kpi.scopeType}/${kpi.scopeId}`;
}

function kpisOf(name, scopeType) {
  return [...state.kpis.values()].filter((k) => k.kpi === name && k.scopeType === scopeType);
}

function setTileValue(tile, value, text) {
  tile.dataset.value = value == null ? "" : String(value);
  tile.querySelector(".tile-value").textContent = text;
}

/**
 * KPI frames come by the dozen each second (every camera, desk, area and port, on two windows): the tiles and panels
 * are drawn at most twice a second, not once per frame, so the wall stays responsive.
 */
let kpisPending = false;
function scheduleKpis() {
  if (kpisPending) {
    return;
  }
  kpisPending = true;
  setTimeout(() => {
    kpisPending = false;
    renderKpis();
  }, 500);
}

function renderKpis() {
  renderVehicles();
  renderReports();
  renderGusts();
  renderDeadLetters();
  renderAlertSummary();
  renderPortPanel();
  renderReportKpis(state.kpis.values());
}

function renderPortPanel() {
  clearPortKpis();
  for (const kpi of state.kpis.values()) {
    applyPortKpi(kpi, false);
  }
  renderPortCards();
}

function renderVehicles() {
  const tile = $('[data-kpi="vehicles-per-minute"]');
  const cameras = kpisOf("vehicles-per-minute", "camera");
  const newest = Math.max(...cameras.map((k) => parseTime(k.windowEnd) ?? 0), 0);
  const fresh = cameras.filter((k) => (parseTime(k.windowEnd) ?? 0) >= newest - CAMERA_KPI_FRESH_MS);
  if (fresh.length === 0) {
    setTileValue(tile, null, "–");
    tile.querySelector(".tile-sub").textContent = t("kpi.noData");
    return;
  }
  const total = fresh.reduce((sum, k) => sum + k.value, 0);
  setTileValue(tile, Math.round(total), formatNumber(total));
  tile.querySelector(".tile-sub").textContent = t("kpi.vehicles.sub", { n: formatNumber(fresh.length) });
}

function renderReports() {
  const tile = $('[data-kpi="open-reports"]');
  const list = tile.querySelector(".tile-list");
  list.replaceChildren();
  const areas = kpisOf("open-reports", "area");
  const city = kpisOf("open-reports", "city")[0];
  if (areas.length === 0 && !city) {
    setTileValue(tile, null, "–");
    list.append(el("li", "muted", t("kpi.noData")));
    return;
  }
  const total = city ? city.value : areas.reduce((sum, k) => sum + k.value, 0);
  setTileValue(tile, total, formatNumber(total));
  const top = areas.filter((k) => k.value > 0).sort((a, b) => b.value - a.value).slice(0, 3);
  for (const k of top) {
    const area = state.areas.get(k.scopeId);
    const item = el("li");
    item.dataset.kpi = kpiKey(k);
    item.append(el("span", "tl-name", area ? area.name : k.scopeId), el("span", "tl-value", formatNumber(k.value)));
    list.append(item);
  }
}

function gustLevel(value) {
  const { gustWarning, gustStopWork } = state.thresholds;
  if (value == null || gustWarning == null || gustStopWork == null) {
    return "none";
  }
  if (value >= gustStopWork) {
    return "stop";
  }
  return value >= gustWarning ? "warn" : "ok";
}

function renderGusts() {
  const tile = $('[data-kpi="max-gust"]');
  const { gustWarning, gustStopWork } = state.thresholds;
  const known = gustWarning != null && gustStopWork != null;
  tile.querySelector(".tile-note").textContent = known
    ? t("kpi.gust.thresholds", { warn: gustWarning, stop: gustStopWork })
    : "";
  const rows = tile.querySelector(".gust-rows");
  rows.replaceChildren();
  const ports = state.reference ? state.reference.ports : [];
  for (const port of ports) {
    const kpi = state.kpis.get(`max-gust/port/${port.id}`);
    const value = kpi ? kpi.value : null;
    const row = el("li", "gust-row");
    row.dataset.kpi = `max-gust/port/${port.id}`;
    row.dataset.level = gustLevel(value);
    row.dataset.value = value == null ? "" : String(value);
    const bar = el("div", "gust-bar");
    const fill = el("div", "gust-fill");
    fill.style.width = `${Math.min(100, ((value ?? 0) / GUST_SCALE_MAX) * 100)}%`;
    bar.append(fill);
    for (const threshold of [gustWarning, gustStopWork]) {
      if (threshold != null) {
        const tick = el("div", "gust-tick");
        tick.style.left = `${Math.min(100, (threshold / GUST_SCALE_MAX) * 100)}%`;
        bar.append(tick);
      }
    }
    const number = el("span", "gust-value", value == null ? "–" : formatNumber(value, 1));
    number.append(el("span", "unit", " m/s"));
    const name = el("span", "gust-name", pick(port.name));
    name.title = pick(port.name);
    row.append(name, bar, number);
    rows.append(row);
  }
}

function renderDeadLetters() {
  const tile = $('[data-kpi="deadletters"]');
  const total = state.deadletters.total || 0;
  setTileValue(tile, total, formatNumber(total));
  tile.classList.toggle("has-value", total > 0);
  const last = state.deadletters.last;
  tile.title = last ? `${last.feed} · ${last.topic}: ${last.reason}` : "";
}

// ---------- history: what the tiles open ----------

const KPI_TILE_NAMES = {
  "vehicles-per-minute": "kpi.vehicles",
  "open-reports": "kpi.reports",
  "max-gust": "kpi.gust",
};

function kpiName(name) {
  const live = [...state.kpis.values()].find((k) => k.kpi === name && k.name);
  return live ? pick(live.name) : t(KPI_TILE_NAMES[name] || name);
}

function scopeName(scopeType, id) {
  if (scopeType === "camera") {
    const camera = state.cameras.get(id);
    return camera ? `${pick(camera.name)} (${id})` : id;
  }
  if (scopeType === "area") {
    const area = state.areas.get(id);
    return area ? area.name : id;
  }
  if (scopeType === "port") {
    const port = state.ports.get(id);
    return port ? pick(port.name) : id;
  }
  return id;
}

/** The scopes a KPI's chart can switch between: those of the reference data, then any other seen live. */
function scopesOf(name) {
  const scopes = [];
  const add = (scopeType, scopeId) => {
    if (!scopes.some((s) => s.scopeType === scopeType && s.scopeId === scopeId)) {
      scopes.push({ scopeType, scopeId, name: scopeName(scopeType, scopeId) });
    }
  };
  if (name === "max-gust") {
    [...state.ports.keys()].forEach((id) => add("port", id));
  } else if (name === "open-reports") {
    [...state.areas.keys()].forEach((code) => add("area", code));
  } else if (name === "vehicles-per-minute") {
    [...state.cameras.values()].filter((c) => c.kind === "traffic").forEach((c) => add("camera", c.id));
  }
  for (const k of state.kpis.values()) {
    if (k.kpi === name) {
      add(k.scopeType, k.scopeId);
    }
  }
  return scopes;
}

/** The scope a tile opens when it is clicked as a whole: its largest current value, else its first scope. */
function defaultScope(name) {
  const live = [...state.kpis.values()].filter((k) => k.kpi === name).sort((a, b) => b.value - a.value);
  if (live.length > 0) {
    return { scopeType: live[0].scopeType, scopeId: live[0].scopeId };
  }
  return scopesOf(name)[0] || null;
}

function wireHistoryTiles() {
  for (const tile of document.querySelectorAll("#kpi-tiles .tile[data-chart]")) {
    const open = (event) => {
      if (document.body.dataset.history !== "ready") {
        return;
      }
      const name = tile.dataset.chart;
      if (name === "alerts") {
        openAlertHistory();
        return;
      }
      // A row of a tile (an area, a port) opens its own series.
      const row = event.target.closest("[data-kpi]");
      if (row && row !== tile && row.dataset.kpi.includes("/")) {
        const [kpi, scopeType, ...id] = row.dataset.kpi.split("/");
        openKpiChart(kpi, scopeType, id.join("/"));
        return;
      }
      const scope = defaultScope(name);
      if (scope) {
        openKpiChart(name, scope.scopeType, scope.scopeId);
      }
    };
    tile.addEventListener("click", open);
    tile.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        open(event);
      }
    });
  }
}

// ---------- push channel ----------

function applySnapshot(data) {
  const known = new Set(state.alerts.keys());
  const firstSnapshot = state.snapshots === 0;
  state.snapshots++;
  for (const entry of [...state.alerts.values()]) {
    dropEntry(entry);
  }
  state.kpis.clear();
  for (const kpi of data.kpis || []) {
    state.kpis.set(kpiKey(kpi), kpi);
  }
  clearReportAlerts();
  for (const alert of data.alerts || []) {
    applyAlert(alert, false);
    // Alerts raised while this wall was away still get noticed.
    if (!firstSnapshot && !known.has(alert.alertId)) {
      flash(state.alerts.get(alert.alertId).li);
    }
  }
  applyMqtt(data.mqtt);
  state.deadletters = data.deadletters || { total: 0, counts: {} };
  renderKpis();
  clearVessels();
  for (const vessel of data.vessels || []) {
    applyVessel(vessel);
  }
  clearReports();
  applyReports(data.reports);
  cameraSnapshot(data);
  applyRules(data.rules);
}

function applyMqtt(mqtt) {
  const next = mqtt && mqtt.state ? mqtt.state : "unknown";
  if (next !== "connected" && state.mqtt !== next) {
    const since = parseTime(mqtt && mqtt.since);
    state.mqttDownSince = since != null && since <= Date.now() ? since : Date.now();
  }
  state.mqtt = next;
  renderConnection();
}

function handleFrame(socket, frame) {
  if (frame.type === "hello") {
    state.wsOpen = true;
    state.everConnected = true;
    state.retries = 0;
    state.nextRetryAt = null;
    renderConnection();
    return;
  }
  if (frame.type === "snapshot") {
    state.lastSeq = frame.seq;
    applySnapshot(frame.data);
    return;
  }
  if (typeof frame.seq !== "number") {
    return;
  }
  if (state.lastSeq != null && frame.seq <= state.lastSeq) {
    return;
  }
  if (state.lastSeq != null && frame.seq > state.lastSeq + 1) {
    // The server sends in order; a gap means something was lost on the way, so resume from what was seen.
    socket.close();
    return;
  }
  state.lastSeq = frame.seq;
  switch (frame.type) {
    case "alert":
      applyAlert(frame.data, true);
      cameraAlert(frame.data);
      break;
    case "kpi":
      state.kpis.set(kpiKey(frame.data), frame.data);
      scheduleKpis();
      cameraKpi(frame.data);
      break;
    case "deadletters":
      state.deadletters = frame.data;
      renderDeadLetters();
      break;
    case "mqtt":
      applyMqtt(frame.data);
      break;
    case "vessel":
      applyVessel(frame.data);
      break;
    case "report":
      applyReport(frame.data);
      break;
    case "rules":
      applyRules(frame.data);
      break;
    default:
      break;
  }
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const query = state.lastSeq != null ? `?since=${encodeURIComponent(state.lastSeq)}` : "";
  let socket;
  try {
    socket = new WebSocket(`${scheme}//${location.host}/ws${query}`);
  } catch (e) {
    scheduleReconnect();
    return;
  }
  state.ws = socket;
  socket.addEventListener("message", (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    handleFrame(socket, frame);
  });
  socket.addEventListener("close", () => {
    if (state.ws !== socket) {
      return;
    }
    if (state.wsOpen) {
      state.downSince = Date.now();
    }
    state.wsOpen = false;
    scheduleReconnect();
    renderConnection();
  });
}

function scheduleReconnect() {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** state.retries);
  // Jitter, so a room of walls does not reconnect in lockstep after a server restart.
  const delay = ceiling / 2 + Math.random() * (ceiling / 2);
  state.retries++;
  state.nextRetryAt = Date.now() + delay;
  setTimeout(connect, delay);
}

// ---------- start ----------

async function loadMap() {
  const [reference, land, districts] = await Promise.all([
    fetchWithRetry("/api/reference"),
    fetchWithRetry("/geo/land.geojson"),
    fetchWithRetry("/geo/districts.geojson"),
  ]);
  state.reference = reference;
  state.thresholds = reference.thresholds || {};
  for (const area of reference.areas) {
    state.areas.set(area.code, area);
  }
  for (const port of reference.ports) {
    state.ports.set(port.id, port);
  }
  for (const camera of reference.cameras) {
    state.cameras.set(camera.id, camera);
  }
  drawBaseLayers(land, districts);
  document.body.dataset.mapReady = "true";
  // The cameras are cameras.js's clustered layer; map.js draws the ports.
  drawReference({ ...reference, cameras: [] });
  initCameras(reference);
  initPorts(reference);
  // Area and camera names for the reports, the hotspots and the fused incidents.
  refreshReportTexts();
  // Alerts that arrived before the map and the names did.
  for (const entry of state.alerts.values()) {
    renderAlertItem(entry);
    if (entry.alert.status !== "cleared") {
      upsertMarker(entry);
    }
  }
  renderKpis();
}

function boot() {
  applyStaticTexts();
  wireLanguageSwitch();
  initAdmin();
  createMap();
  initReports({
    areaName: (code) => (state.areas.get(code) ? state.areas.get(code).name : code || ""),
    camera: (id) => state.cameras.get(id) || null,
  });
  tickClock();
  setInterval(tickClock, 1000);
  renderKpis();
  wireHistoryTiles();
  initHistory({ kpiName, scopesOf, areas: () => [...state.areas.values()], siteName });
  connect();
  loadMap().catch((e) => console.error("the map could not be drawn", e));
}

boot();
