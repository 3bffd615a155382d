// The port panel (one card per port, chosen with its tab) fed by the port KPIs, and the vessel layer fed by AIS.
// Every value from the data reaches the page through textContent, DOM nodes or SVG attributes, never as HTML.

import { t, pick, formatNumber, formatTime } from "./i18n.js";
import { $, el, textTooltip, parseTime } from "./dom.js";
import { leafletMap } from "./map.js";

const SVG = "http://www.w3.org/2000/svg";
const GAUGE_MAX = 30;
const NO_VALUE = "—";

/** The metrics of a card besides the wind gauge: the KPI ids they show, their label and unit. */
const METRICS = [
  { id: "cranes", kpis: ["cranes-working", "cranes-stopped"], label: "port.cranes", unit: "" },
  { id: "vessels-at-berth", kpis: ["vessels-at-berth"], label: "port.berth", unit: "" },
  { id: "gate-queue", kpis: ["gate-queue"], label: "port.gate", unit: "unit.trucks" },
  { id: "gate-wait", kpis: ["gate-wait"], label: "port.gateWait", unit: "unit.min" },
  { id: "trucks-per-hour", kpis: ["trucks-per-hour"], label: "port.trucks", unit: "" },
  { id: "crane-moves-per-hour", kpis: ["crane-moves-per-hour"], label: "port.moves", unit: "" },
  { id: "yard-occupancy", kpis: ["yard-occupancy"], label: "port.yard", unit: "%" },
  { id: "reefers-out-of-range", kpis: ["reefers-out-of-range"], label: "port.reefers", unit: "" },
  { id: "water-level", kpis: ["water-level"], label: "port.water", unit: "cm" },
];

const ports = new Map();
const vessels = new Map();
let thresholds = {};
let selected = null;

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    node.setAttribute(name, String(value));
  }
  return node;
}

/** A point on the gauge's half circle for a value from 0 (left) to GAUGE_MAX (right). */
function gaugePoint(value, radius) {
  const angle = Math.PI * (1 - Math.min(Math.max(value, 0), GAUGE_MAX) / GAUGE_MAX);
  return [60 + radius * Math.cos(angle), 60 - radius * Math.sin(angle)];
}

function arc(from, to, radius) {
  const [x1, y1] = gaugePoint(from, radius);
  const [x2, y2] = gaugePoint(to, radius);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${radius} ${radius} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

function buildGauge() {
  const box = el("div", "pm-gauge");
  box.dataset.metric = "max-gust";
  const drawing = svg("svg", { viewBox: "0 0 120 68", class: "gauge", "aria-hidden": "true" });
  drawing.append(svg("path", { d: arc(0, GAUGE_MAX, 48), class: "gauge-track" }));
  const fill = svg("path", { d: arc(0, 0.01, 48), class: "gauge-fill" });
  drawing.append(fill);
  const ticks = svg("g", { class: "gauge-ticks" });
  drawing.append(ticks);
  const value = el("div", "gauge-value", NO_VALUE);
  const label = el("div", "pm-label");
  box.append(drawing, value, label);
  return { box, fill, ticks, value, label };
}

function buildCard(port) {
  const card = el("div", "port-card");
  card.dataset.port = port.id;
  card.hidden = true;
  const gauge = buildGauge();
  const grid = el("div", "pm-grid");
  const cells = new Map();
  for (const metric of METRICS) {
    const cell = el("div", "pm");
    cell.dataset.metric = metric.id;
    const label = el("div", "pm-label");
    const value = el("div", "pm-value", NO_VALUE);
    cell.append(value, label);
    grid.append(cell);
    cells.set(metric.id, { cell, label, value, metric });
  }
  card.append(gauge.box, grid);
  const tab = el("button", "port-tab");
  tab.type = "button";
  tab.setAttribute("role", "tab");
  tab.dataset.port = port.id;
  tab.addEventListener("click", () => {
    selectPort(port.id);
    focusPort(port);
  });
  return { port, card, tab, gauge, cells, kpis: new Map() };
}

/** Builds a card and a tab per port of the reference data; the first port is shown. */
export function initPorts(reference) {
  thresholds = reference.thresholds || {};
  const tabs = $("#port-tabs");
  const cards = $("#port-cards");
  for (const port of reference.ports) {
    const entry = buildCard(port);
    ports.set(port.id, entry);
    tabs.append(entry.tab);
    cards.append(entry.card);
  }
  if (reference.ports.length > 0) {
    selectPort(reference.ports[0].id);
  }
  renderPorts();
  $("#port-panel").hidden = false;
}

export function selectPort(id) {
  if (!ports.has(id)) {
    return;
  }
  selected = id;
  for (const entry of ports.values()) {
    const on = entry.port.id === id;
    entry.card.hidden = !on;
    entry.tab.setAttribute("aria-selected", on ? "true" : "false");
    entry.tab.classList.toggle("selected", on);
  }
  $("#port-panel").dataset.port = id;
}

/** Brings the port and its berths into view, close enough that ships and the port's label stand apart. */
function focusPort(port) {
  const map = leafletMap();
  if (!map) {
    return;
  }
  delete document.body.dataset.portFocus;
  map.once("moveend", () => {
    document.body.dataset.portFocus = port.id;
  });
  map.flyTo([port.lat, port.lon], 15, { duration: 0.6 });
}

/** Takes a KPI of any scope; those of a port's panel are drawn. */
export function applyPortKpi(kpi, render = true) {
  if (!kpi || kpi.scopeType !== "port") {
    return;
  }
  const entry = ports.get(kpi.scopeId);
  if (!entry) {
    return;
  }
  entry.kpis.set(kpi.kpi, kpi);
  if (render) {
    renderCard(entry);
  }
}

/** Draws every port's card once (after {@link applyPortKpi} without rendering). */
export function renderPortCards() {
  for (const entry of ports.values()) {
    renderCard(entry);
  }
}

/** Forgets every KPI (a new snapshot is coming). */
export function clearPortKpis() {
  for (const entry of ports.values()) {
    entry.kpis.clear();
  }
}

export function renderPorts() {
  $("#port-panel-title").textContent = t("ports.title");
  for (const entry of ports.values()) {
    entry.tab.textContent = pick(entry.port.name);
    renderCard(entry);
  }
  for (const vessel of vessels.values()) {
    vessel.marker.setTooltipContent(vesselTooltip(vessel.data));
  }
}

function valueOf(entry, kpi) {
  const k = entry.kpis.get(kpi);
  return k && Number.isFinite(k.value) ? k.value : null;
}

function gustLevel(value) {
  const { gustWarning, gustStopWork } = thresholds;
  if (value == null || gustWarning == null || gustStopWork == null) {
    return "none";
  }
  return value >= gustStopWork ? "stop" : value >= gustWarning ? "warn" : "ok";
}

function renderCard(entry) {
  const gust = valueOf(entry, "max-gust");
  const { gauge } = entry;
  gauge.box.dataset.value = gust == null ? "" : String(gust);
  gauge.box.dataset.level = gustLevel(gust);
  gauge.fill.setAttribute("d", arc(0, gust == null ? 0.01 : Math.max(gust, 0.01), 48));
  gauge.value.textContent = gust == null ? NO_VALUE : `${formatNumber(gust, 1)} m/s`;
  gauge.label.textContent = t("port.gust");
  gauge.ticks.replaceChildren();
  for (const threshold of [thresholds.gustWarning, thresholds.gustStopWork]) {
    if (threshold != null) {
      const [x1, y1] = gaugePoint(threshold, 40);
      const [x2, y2] = gaugePoint(threshold, 56);
      gauge.ticks.append(svg("line", { x1, y1, x2, y2, class: "gauge-tick" }));
    }
  }
  for (const { cell, label, value, metric } of entry.cells.values()) {
    label.textContent = t(metric.label);
    const values = metric.kpis.map((k) => valueOf(entry, k));
    cell.dataset.value = values.map((v) => (v == null ? "" : String(v))).join("/");
    if (values.every((v) => v == null)) {
      value.textContent = NO_VALUE;
    } else {
      const shown = values.map((v) => (v == null ? NO_VALUE : formatNumber(v, Number.isInteger(v) ? 0 : 1)));
      const unit = metric.unit ? (metric.unit.startsWith("unit.") ? ` ${t(metric.unit)}` : ` ${metric.unit}`) : "";
      value.textContent = shown.join(" / ") + unit;
    }
    cell.classList.toggle(
      "alarm",
      (metric.id === "reefers-out-of-range" && values[0] > 0) || (metric.id === "yard-occupancy" && values[0] >= 85),
    );
  }
}

// ---------- vessels ----------

function vesselTooltip(v) {
  const speed = v.speedOverGround == null ? NO_VALUE : t("vessel.speed", { v: formatNumber(v.speedOverGround, 1) });
  const updated = parseTime(v.updatedAt);
  return textTooltip([
    v.name || `MMSI ${v.mmsi}`,
    `MMSI ${v.mmsi}`,
    `${t("vessel.speedLabel")}: ${speed}`,
    v.atBerth ? t("vessel.atBerth") : t("vessel.underway"),
    updated == null ? null : `${t("vessel.updated")} ${formatTime(new Date(updated), true)}`,
  ]);
}

function vesselIcon(v) {
  const ship = el("div", "vessel-ship");
  // Heading when the ship reports it, else its course; north-up otherwise.
  const bearing = v.heading ?? v.courseOverGround ?? 0;
  ship.style.transform = `rotate(${Number(bearing) || 0}deg)`;
  ship.classList.toggle("at-berth", Boolean(v.atBerth));
  return L.divIcon({ className: "vessel-marker", html: ship, iconSize: [18, 18] });
}

/** A vessel frame: {portId, mmsi, vessel} with vessel null when it has left. */
export function applyVessel(frame) {
  const map = leafletMap();
  const key = `${frame.portId}/${frame.mmsi}`;
  const known = vessels.get(key);
  const v = frame.vessel;
  if (!v) {
    if (known) {
      known.marker.remove();
      vessels.delete(key);
    }
    return;
  }
  if (!map || !Number.isFinite(v.lat) || !Number.isFinite(v.lon)) {
    return;
  }
  if (known) {
    known.data = v;
    known.marker.setLatLng([v.lat, v.lon]);
    known.marker.setIcon(vesselIcon(v));
    known.marker.setTooltipContent(vesselTooltip(v));
  } else {
    const marker = L.marker([v.lat, v.lon], { pane: "vessels", keyboard: false, icon: vesselIcon(v) });
    marker.bindTooltip(vesselTooltip(v), { direction: "top", className: "wall-tooltip" });
    marker.on("click", () => selectPort(frame.portId));
    marker.addTo(map);
    vessels.set(key, { marker, data: v });
  }
  const element = vessels.get(key).marker.getElement();
  if (element) {
    element.dataset.mmsi = String(v.mmsi);
    element.dataset.port = frame.portId;
  }
}

export function clearVessels() {
  for (const vessel of vessels.values()) {
    vessel.marker.remove();
  }
  vessels.clear();
}
