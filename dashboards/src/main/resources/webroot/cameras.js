// The camera layer: traffic and one-stop desk cameras from the reference data, coloured by status (from active
// camera.offline alerts) and level of service (traffic-los-1m, 1..6 = A..F; desks by desk-over-threshold-1m),
// clustered with Leaflet.markercluster when zoomed out. A click opens the camera's panel (KPIs with sparklines from
// the history API and live values, its open alerts, its latest snapshot link); the side panel shows traffic per
// district and the desks over threshold city-wide.
// Every text from the data goes in through textContent; the snapshot URL only ever becomes a link's href when it is
// http(s), and is shown as text.

import { t, pick, addStrings, formatNumber, formatTime } from "./i18n.js";
import { $, el, textTooltip, parseTime } from "./dom.js";
import { leafletMap } from "./map.js";

addStrings({
  vi: {
    "camera.status.online": "Hoạt động",
    "camera.status.offline": "Mất tín hiệu",
    "camera.status.degraded": "Suy giảm",
    "camera.los": "Mức phục vụ",
    "camera.los.none": "Chưa có mức phục vụ",
    "camera.vehicles": "Phương tiện / phút",
    "camera.speed": "Tốc độ trung bình",
    "camera.occupancy": "Độ chiếm dụng",
    "camera.queue": "Hàng chờ",
    "camera.wait": "Thời gian chờ",
    "camera.overThreshold": "Vượt ngưỡng",
    "camera.desk.over": "Quá tải",
    "camera.desk.ok": "Bình thường",
    "camera.alerts": "Cảnh báo đang mở",
    "camera.alerts.none": "Không có cảnh báo",
    "camera.snapshot": "Ảnh chụp gần nhất",
    "camera.snapshot.none": "Chưa có ảnh chụp",
    "camera.close": "Đóng",
    "camera.kind.traffic": "Camera giao thông",
    "camera.kind.desk": "Camera bộ phận một cửa",
    "camera.history.off": "Không có lịch sử (chưa kết nối cơ sở dữ liệu)",
    "unit.people": "người",
    "unit.kmh": "km/h",
    "vehicle.motorcycle": "Xe máy",
    "vehicle.car": "Ô tô",
    "vehicle.bus": "Xe buýt",
    "vehicle.lorry": "Xe tải",
    "vehicle.van": "Xe van",
    "vehicle.bicycle": "Xe đạp",
    "traffic.title": "Giao thông theo quận/huyện",
    "traffic.congested": "Ùn tắc",
    "traffic.speed": "Tốc độ",
    "traffic.vehicles": "Xe/phút",
    "traffic.worst": "LOS xấu nhất",
    "traffic.city": "Toàn thành phố: {share} camera ùn tắc",
    "traffic.desks": "Bộ phận một cửa quá tải: {n}",
    "traffic.noData": "Chưa có số liệu giao thông",
  },
  en: {
    "camera.status.online": "Online",
    "camera.status.offline": "Offline",
    "camera.status.degraded": "Degraded",
    "camera.los": "Level of service",
    "camera.los.none": "No level of service yet",
    "camera.vehicles": "Vehicles / minute",
    "camera.speed": "Average speed",
    "camera.occupancy": "Occupancy",
    "camera.queue": "Queue",
    "camera.wait": "Waiting time",
    "camera.overThreshold": "Over threshold",
    "camera.desk.over": "Over threshold",
    "camera.desk.ok": "Normal",
    "camera.alerts": "Open alerts",
    "camera.alerts.none": "No alerts",
    "camera.snapshot": "Latest snapshot",
    "camera.snapshot.none": "No snapshot yet",
    "camera.close": "Close",
    "camera.kind.traffic": "Traffic camera",
    "camera.kind.desk": "One-stop desk camera",
    "camera.history.off": "No history (no database connection)",
    "unit.people": "people",
    "unit.kmh": "km/h",
    "vehicle.motorcycle": "Motorbikes",
    "vehicle.car": "Cars",
    "vehicle.bus": "Buses",
    "vehicle.lorry": "Lorries",
    "vehicle.van": "Vans",
    "vehicle.bicycle": "Bicycles",
    "traffic.title": "Traffic by district",
    "traffic.congested": "Congested",
    "traffic.speed": "Speed",
    "traffic.vehicles": "Veh/min",
    "traffic.worst": "Worst LOS",
    "traffic.city": "City-wide: {share} of cameras congested",
    "traffic.desks": "One-stop desks over threshold: {n}",
    "traffic.noData": "No traffic figures yet",
  },
});

const LOS_LETTERS = ["A", "B", "C", "D", "E", "F"];
const CITY = "haiphong";
const SPARK_HOURS = 2;
const SPARK_POINTS = 180;
const SVG = "http://www.w3.org/2000/svg";
/** Above the alert rings (640): a camera under an alert stays clickable, its ring around it. */
const PANE = "camera-layer";
const PANE_Z = 645;

/** The metrics of a camera's panel: the 1-minute KPI, its label, unit and number format. */
const TRAFFIC_METRICS = [
  { kpi: "traffic-vehicles-1m", label: "camera.vehicles", unit: "", digits: 0 },
  { kpi: "traffic-speed-1m", label: "camera.speed", unit: "unit.kmh", digits: 0 },
  { kpi: "traffic-occupancy-1m", label: "camera.occupancy", unit: "%", digits: 0, percent: true },
  { kpi: "traffic-los-1m", label: "camera.los", unit: "", los: true },
];
const DESK_METRICS = [
  { kpi: "desk-queue-1m", label: "camera.queue", unit: "unit.people", digits: 0 },
  { kpi: "desk-wait-1m", label: "camera.wait", unit: "unit.min", digits: 0 },
  { kpi: "desk-over-threshold-1m", label: "camera.overThreshold", unit: "", flag: true },
];

const cameras = new Map();
const kpis = new Map();
const alerts = new Map();
let cluster = null;
let areaNames = new Map();
let panel = null;
let selectedId = null;
let refreshPending = false;
/** Series of the open panel, by KPI: [[t, value]], history first then live values. */
let series = new Map();

// ---------- state from the push channel ----------

function kpiKey(k) {
  return `${k.kpi}/${k.scopeType}/${k.scopeId}`;
}

function kpiOf(name, scopeType, scopeId) {
  return kpis.get(`${name}/${scopeType}/${scopeId}`) || null;
}

function cameraScope(camera) {
  return camera.kind === "desk" ? "desk" : "camera";
}

/** A KPI as it arrives live. */
export function cameraKpi(kpi) {
  if (!kpi || !kpi.kpi) {
    return;
  }
  kpis.set(kpiKey(kpi), kpi);
  const camera = cameras.get(kpi.scopeId);
  if (camera && (kpi.scopeType === "camera" || kpi.scopeType === "desk")) {
    updateMarker(camera);
    if (selectedId === camera.ref.id) {
      appendLive(kpi);
      renderPanel();
    }
  }
  if (kpi.scopeType === "area" || kpi.scopeType === "city" || kpi.kpi.startsWith("traffic-")) {
    scheduleAreas();
  }
}

/** An alert change as it arrives live: active ones are kept, cleared ones dropped. */
export function cameraAlert(alert) {
  if (!alert || !alert.alertId) {
    return;
  }
  const known = alerts.get(alert.alertId);
  if (known && alert.seq < known.seq) {
    return;
  }
  if (alert.status === "cleared") {
    alerts.delete(alert.alertId);
  } else {
    alerts.set(alert.alertId, alert);
  }
  // A detection's snapshot stays the camera's latest even once its alert has cleared.
  const camera = cameraOfAlert(alert);
  if (camera) {
    const url = alert.evidence && alert.evidence.snapshotUrl;
    if (typeof url === "string" && url) {
      const at = parseTime(alert.updatedAt) ?? 0;
      if (!camera.snapshot || at >= camera.snapshot.at) {
        camera.snapshot = { url, at };
      }
    }
    updateMarker(camera);
    if (selectedId === camera.ref.id) {
      renderPanel();
    }
  }
}

/** A snapshot replaces all KPIs and alerts. */
export function cameraSnapshot(data) {
  kpis.clear();
  alerts.clear();
  for (const kpi of data.kpis || []) {
    kpis.set(kpiKey(kpi), kpi);
  }
  for (const alert of data.alerts || []) {
    cameraAlert(alert);
  }
  for (const camera of cameras.values()) {
    updateMarker(camera);
  }
  scheduleAreas();
  if (selectedId) {
    renderPanel();
  }
}

function cameraOfAlert(alert) {
  const id = alert.entity && alert.entity.id;
  return id ? cameras.get(id) || null : null;
}

function openAlertsOf(id) {
  return [...alerts.values()]
    .filter((a) => a.entity && a.entity.id === id && a.status !== "cleared")
    .sort((a, b) => (parseTime(b.updatedAt) ?? 0) - (parseTime(a.updatedAt) ?? 0));
}

/** online, or offline / degraded while a camera.offline alert for it is active. */
function statusOf(id) {
  const offline = openAlertsOf(id).find((a) => a.rule === "camera.offline");
  if (!offline) {
    return "online";
  }
  const said = (offline.evidence && offline.evidence.status) || offline.subCategory;
  return said === "degraded" ? "degraded" : "offline";
}

function losOf(id) {
  const kpi = kpiOf("traffic-los-1m", "camera", id);
  if (!kpi || !Number.isFinite(kpi.value)) {
    return null;
  }
  return LOS_LETTERS[Math.min(6, Math.max(1, Math.round(kpi.value))) - 1];
}

function deskOver(id) {
  const kpi = kpiOf("desk-over-threshold-1m", "desk", id);
  return kpi && Number.isFinite(kpi.value) ? kpi.value >= 1 : null;
}

/** How bad a camera looks, 0 (no data) to 5 (offline): clusters take the worst of their cameras. */
function levelOf(camera) {
  const id = camera.ref.id;
  const status = statusOf(id);
  if (status === "offline") {
    return 5;
  }
  let level = 0;
  if (camera.ref.kind === "desk") {
    const over = deskOver(id);
    level = over == null ? 0 : over ? 4 : 1;
  } else {
    const los = losOf(id);
    level = los == null ? 0 : { A: 1, B: 1, C: 2, D: 2, E: 3, F: 4 }[los];
  }
  return status === "degraded" ? Math.max(level, 3) : level;
}

// ---------- markers ----------

function createMarker(camera) {
  const dot = el("span", `cam-dot cam-${camera.ref.kind}`);
  dot.dataset.camera = camera.ref.id;
  camera.dot = dot;
  const marker = L.marker([camera.ref.lat, camera.ref.lon], {
    pane: PANE,
    keyboard: false,
    icon: L.divIcon({ className: "cam-icon", html: dot, iconSize: [18, 18] }),
  });
  marker.bindTooltip(() => markerTooltip(camera), { direction: "top", className: "wall-tooltip" });
  marker.on("click", () => openPanel(camera.ref.id));
  camera.marker = marker;
  updateMarker(camera);
  return marker;
}

function markerTooltip(camera) {
  const ref = camera.ref;
  const id = ref.id;
  const bits = [t(`camera.status.${statusOf(id)}`)];
  if (ref.kind === "desk") {
    const over = deskOver(id);
    if (over != null) {
      bits.push(t(over ? "camera.desk.over" : "camera.desk.ok"));
    }
  } else {
    const los = losOf(id);
    bits.push(los ? `LOS ${los}` : t("camera.los.none"));
  }
  return textTooltip([pick(ref.name), pick(ref.office) || ref.road, bits.join(" · "), id]);
}

function updateMarker(camera) {
  if (!camera.dot) {
    return;
  }
  const id = camera.ref.id;
  const dot = camera.dot;
  const before = `${dot.dataset.status}|${dot.dataset.level}|${dot.dataset.over}|${dot.dataset.los}`;
  dot.dataset.status = statusOf(id);
  dot.dataset.level = String(levelOf(camera));
  if (camera.ref.kind === "desk") {
    const over = deskOver(id);
    dot.dataset.over = over == null ? "" : String(over);
  } else {
    dot.dataset.los = losOf(id) || "";
  }
  dot.classList.toggle("selected", selectedId === id);
  // Most KPI frames leave the colour as it was; the clusters (the costly part) are redrawn only when one changed.
  if (`${dot.dataset.status}|${dot.dataset.level}|${dot.dataset.over}|${dot.dataset.los}` !== before) {
    scheduleClusterRefresh();
  }
}

function scheduleClusterRefresh() {
  if (refreshPending || !cluster) {
    return;
  }
  refreshPending = true;
  setTimeout(() => {
    refreshPending = false;
    cluster.refreshClusters();
  }, 1000);
}

function clusterIcon(group) {
  const children = group.getAllChildMarkers();
  const worst = Math.max(0, ...children.map((m) => (m.camera ? levelOf(m.camera) : 0)));
  const node = el("div", "cam-cluster-inner", String(children.length));
  return L.divIcon({ html: node, className: `cam-cluster cam-level-${worst}`, iconSize: [34, 34] });
}

/** Draws the cameras of the reference data and builds the side panel. */
export function initCameras(reference) {
  areaNames = new Map(reference.areas.map((a) => [a.code, a.name]));
  const map = leafletMap();
  if (!map.getPane(PANE)) {
    map.createPane(PANE).style.zIndex = String(PANE_Z);
  }
  cluster = L.markerClusterGroup({
    clusterPane: PANE,
    showCoverageOnHover: false,
    maxClusterRadius: 42,
    disableClusteringAtZoom: 14,
    spiderfyOnMaxZoom: false,
    iconCreateFunction: clusterIcon,
  });
  const markers = [];
  for (const ref of reference.cameras) {
    const camera = { ref, marker: null, dot: null, snapshot: null };
    cameras.set(ref.id, camera);
    const marker = createMarker(camera);
    marker.camera = camera;
    markers.push(marker);
  }
  // Alerts that came before the cameras were known.
  for (const alert of alerts.values()) {
    const camera = cameraOfAlert(alert);
    const url = alert.evidence && alert.evidence.snapshotUrl;
    if (camera && typeof url === "string" && url) {
      camera.snapshot = { url, at: parseTime(alert.updatedAt) ?? 0 };
    }
  }
  cluster.addLayers(markers);
  map.addLayer(cluster);
  for (const camera of cameras.values()) {
    updateMarker(camera);
  }
  buildAreaPanel();
  scheduleAreas();
  document.body.dataset.camerasReady = "true";
}

/** Redraws the layer's texts in the current language. */
export function refreshCameraTexts() {
  renderAreas();
  if (selectedId) {
    renderPanel();
  }
}

// ---------- the camera panel ----------

function ensurePanel() {
  if (panel) {
    return panel;
  }
  panel = el("section");
  panel.id = "camera-panel";
  panel.hidden = true;
  panel.setAttribute("aria-live", "polite");
  $("#map-wrap").append(panel);
  return panel;
}

function openPanel(id) {
  const previous = selectedId && cameras.get(selectedId);
  selectedId = id;
  if (previous) {
    updateMarker(previous);
  }
  const camera = cameras.get(id);
  updateMarker(camera);
  series = new Map();
  ensurePanel().hidden = false;
  panel.dataset.camera = id;
  renderPanel();
  loadHistory(camera);
}

function closePanel() {
  const camera = selectedId && cameras.get(selectedId);
  selectedId = null;
  if (camera) {
    updateMarker(camera);
  }
  if (panel) {
    panel.hidden = true;
    delete panel.dataset.camera;
  }
}

function metricsOf(camera) {
  return camera.ref.kind === "desk" ? DESK_METRICS : TRAFFIC_METRICS;
}

function formatMetric(metric, value) {
  if (value == null || !Number.isFinite(value)) {
    return "—";
  }
  if (metric.los) {
    return LOS_LETTERS[Math.min(6, Math.max(1, Math.round(value))) - 1];
  }
  if (metric.flag) {
    return t(value >= 1 ? "camera.desk.over" : "camera.desk.ok");
  }
  const shown = metric.percent && value <= 1 ? value * 100 : value;
  const unit = metric.unit ? (metric.unit.includes(".") ? ` ${t(metric.unit)}` : ` ${metric.unit}`) : "";
  return `${formatNumber(shown, metric.digits)}${unit}`;
}

function renderPanel() {
  const camera = cameras.get(selectedId);
  if (!camera || !panel) {
    return;
  }
  const ref = camera.ref;
  const id = ref.id;
  const close = el("button", "cp-close", "×");
  close.type = "button";
  close.title = t("camera.close");
  close.setAttribute("aria-label", t("camera.close"));
  close.addEventListener("click", closePanel);
  const head = el("header", "cp-head");
  const titles = el("div", "cp-titles");
  titles.append(
    el("h2", "cp-name", pick(ref.name)),
    el("div", "cp-place", [pick(ref.office) || ref.road, areaNames.get(ref.area), id].filter(Boolean).join(" · ")),
  );
  head.append(titles, close);

  const badges = el("div", "cp-badges");
  const status = statusOf(id);
  const statusBadge = el("span", `cp-status status-${status}`, t(`camera.status.${status}`));
  statusBadge.dataset.status = status;
  badges.append(el("span", "cp-kind", t(`camera.kind.${ref.kind}`)), statusBadge);
  if (ref.kind === "desk") {
    const over = deskOver(id);
    if (over != null) {
      badges.append(el("span", `cp-over over-${over}`, t(over ? "camera.desk.over" : "camera.desk.ok")));
    }
  } else {
    const los = losOf(id);
    const badge = el("span", "cp-los", los || "–");
    badge.dataset.los = los || "";
    badge.title = t("camera.los");
    badges.append(badge);
  }

  const grid = el("div", "cp-metrics");
  for (const metric of metricsOf(camera)) {
    const kpi = kpiOf(metric.kpi, cameraScope(ref), id);
    const cell = el("div", "cp-metric");
    cell.dataset.kpi = metric.kpi;
    cell.append(el("div", "cp-label", t(metric.label)), el("div", "cp-value", formatMetric(metric, kpi && kpi.value)));
    cell.append(sparkline(series.get(metric.kpi) || [], metric));
    if (metric.kpi === "traffic-vehicles-1m" && kpi && kpi.breakdown && typeof kpi.breakdown === "object") {
      const parts = Object.entries(kpi.breakdown)
        .filter(([, n]) => Number.isFinite(n) && n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([type, n]) => `${t(`vehicle.${type}`)} ${formatNumber(n)}`);
      cell.append(el("div", "cp-breakdown", parts.join(" · ")));
    }
    grid.append(cell);
  }
  if (document.body.dataset.history === "off") {
    grid.append(el("div", "cp-note", t("camera.history.off")));
  }

  const alertBox = el("div", "cp-alerts");
  alertBox.append(el("h3", null, t("camera.alerts")));
  const open = openAlertsOf(id);
  const list = el("ul", "cp-alert-list");
  if (open.length === 0) {
    list.append(el("li", "muted", t("camera.alerts.none")));
  }
  for (const alert of open) {
    const item = el("li", `cp-alert sev-${alert.severity}`);
    item.dataset.alertId = alert.alertId;
    const when = parseTime(alert.raisedAt);
    item.append(
      el("span", "cp-alert-sev", t(`severity.${alert.severity}`)),
      el("span", "cp-alert-title", pick(alert.title)),
      el("span", "cp-alert-time", when == null ? "" : formatTime(new Date(when))),
    );
    list.append(item);
  }
  alertBox.append(list);

  const snap = el("div", "cp-snapshot");
  snap.append(el("h3", null, t("camera.snapshot")));
  snap.append(snapshotNode(camera.snapshot));

  panel.replaceChildren(head, badges, grid, alertBox, snap);
}

/** A link for an http(s) URL, shown as text; anything else is only shown, never followed. */
function snapshotNode(snapshot) {
  if (!snapshot) {
    return el("div", "muted", t("camera.snapshot.none"));
  }
  let safe = null;
  try {
    const url = new URL(snapshot.url, window.location.href);
    safe = url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (e) {
    safe = null;
  }
  const when = snapshot.at ? ` · ${formatTime(new Date(snapshot.at))}` : "";
  if (!safe) {
    return el("div", "cp-snapshot-text", `${snapshot.url}${when}`);
  }
  const link = el("a", "cp-snapshot-link", snapshot.url);
  link.href = safe;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  const row = el("div", "cp-snapshot-row");
  row.append(link, el("span", "muted", when));
  return row;
}

function sparkline(points, metric) {
  const width = 150;
  const height = 30;
  const root = document.createElementNS(SVG, "svg");
  root.setAttribute("class", "cp-spark");
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  root.setAttribute("preserveAspectRatio", "none");
  root.setAttribute("aria-hidden", "true");
  const usable = points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (usable.length < 2) {
    return root;
  }
  const t0 = usable[0][0];
  const t1 = usable[usable.length - 1][0];
  let min = Math.min(...usable.map((p) => p[1]));
  let max = Math.max(...usable.map((p) => p[1]));
  if (metric.los) {
    min = 1;
    max = 6;
  } else if (max === min) {
    max = min + 1;
  }
  const x = (time) => (t1 === t0 ? width : ((time - t0) / (t1 - t0)) * width);
  const y = (v) => height - 2 - ((v - min) / (max - min)) * (height - 4);
  const d = usable.map((p, i) => `${i === 0 ? "M" : "L"}${x(p[0]).toFixed(1)} ${y(p[1]).toFixed(1)}`).join(" ");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  root.append(path);
  return root;
}

function appendLive(kpi) {
  const metric = metricsOf(cameras.get(selectedId)).find((m) => m.kpi === kpi.kpi);
  if (!metric) {
    return;
  }
  const at = parseTime(kpi.windowEnd);
  if (at == null) {
    return;
  }
  const list = series.get(kpi.kpi) || [];
  const last = list[list.length - 1];
  if (last && last[0] === at) {
    last[1] = kpi.value;
  } else if (!last || at > last[0]) {
    list.push([at, kpi.value]);
  }
  while (list.length > SPARK_POINTS) {
    list.shift();
  }
  series.set(kpi.kpi, list);
}

async function loadHistory(camera) {
  const id = camera.ref.id;
  const to = new Date();
  const from = new Date(to.getTime() - SPARK_HOURS * 3600 * 1000);
  await Promise.all(
    metricsOf(camera).map(async (metric) => {
      const query = new URLSearchParams({
        kpi: metric.kpi,
        scopeType: cameraScope(camera.ref),
        scopeId: id,
        from: from.toISOString(),
        to: to.toISOString(),
        resolution: "1m",
      });
      try {
        const response = await fetch(`/api/history/kpi?${query}`, { headers: { Accept: "application/json" } });
        if (!response.ok || selectedId !== id) {
          return;
        }
        const body = await response.json();
        const past = (body.points || []).map(([time, avg]) => [Date.parse(time), avg]);
        const live = series.get(metric.kpi) || [];
        const firstLive = live.length ? live[0][0] : Infinity;
        series.set(metric.kpi, [...past.filter((p) => p[0] < firstLive), ...live].slice(-SPARK_POINTS));
      } catch (e) {
        // Without history the sparklines start from the live values.
      }
    }),
  );
  // The live value so far, so a sparkline has its newest point even before the next KPI.
  for (const metric of metricsOf(camera)) {
    const kpi = kpiOf(metric.kpi, cameraScope(camera.ref), id);
    if (kpi && selectedId === id) {
      appendLive(kpi);
    }
  }
  if (selectedId === id) {
    renderPanel();
  }
}

// ---------- traffic per district, desks city-wide ----------

let areaPanel = null;
let areasPending = false;

function buildAreaPanel() {
  areaPanel = el("section");
  areaPanel.id = "traffic-areas";
  const title = el("h2", "ta-title");
  const city = el("div", "ta-city");
  const table = el("table", "ta-table");
  areaPanel.append(title, city, table);
  const alertsSection = $("#alerts");
  alertsSection.parentNode.insertBefore(areaPanel, alertsSection);
}

function scheduleAreas() {
  if (areasPending) {
    return;
  }
  areasPending = true;
  setTimeout(() => {
    areasPending = false;
    renderAreas();
  }, 1000);
}

function renderAreas() {
  if (!areaPanel) {
    return;
  }
  areaPanel.querySelector(".ta-title").textContent = t("traffic.title");
  const city = areaPanel.querySelector(".ta-city");
  city.replaceChildren();
  const share = kpiOf("traffic-congested-share-1m", "city", CITY);
  const desks = kpiOf("desks-over-threshold-1m", "city", CITY);
  if (share) {
    city.append(el("span", "ta-city-share", t("traffic.city", { share: `${formatNumber(pct(share.value))}%` })));
  }
  if (desks) {
    const node = el("span", "ta-desks", t("traffic.desks", { n: formatNumber(desks.value) }));
    node.dataset.value = String(desks.value);
    node.classList.toggle("alarm", desks.value > 0);
    city.append(node);
  }
  const rows = [];
  for (const [code, name] of areaNames) {
    const congested = kpiOf("traffic-congested-share-1m", "area", code);
    const speed = kpiOf("traffic-speed-1m", "area", code);
    const vehicles = kpiOf("traffic-vehicles-1m", "area", code);
    const worst = worstLos(code);
    if (!congested && !speed && !vehicles && worst == null) {
      continue;
    }
    rows.push({ code, name, congested, speed, vehicles, worst });
  }
  rows.sort((a, b) => (b.congested ? b.congested.value : -1) - (a.congested ? a.congested.value : -1));
  const table = areaPanel.querySelector(".ta-table");
  table.replaceChildren();
  if (rows.length === 0) {
    const tr = el("tr");
    const td = el("td", "muted", t("traffic.noData"));
    tr.append(td);
    table.append(tr);
    return;
  }
  const head = el("tr");
  for (const key of ["", "traffic.congested", "traffic.speed", "traffic.vehicles", "traffic.worst"]) {
    head.append(el("th", null, key ? t(key) : ""));
  }
  table.append(head);
  for (const row of rows) {
    const tr = el("tr", "ta-row");
    tr.dataset.area = row.code;
    const share = row.congested ? pct(row.congested.value) : null;
    const shareCell = el("td", "ta-share", share == null ? "—" : `${formatNumber(share)}%`);
    shareCell.dataset.level = share == null ? "" : share >= 50 ? "stop" : share >= 20 ? "warn" : "ok";
    const losCell = el("td", "ta-los", row.worst || "—");
    losCell.dataset.los = row.worst || "";
    tr.append(
      el("td", "ta-name", row.name),
      shareCell,
      el("td", null, row.speed ? `${formatNumber(row.speed.value)} ${t("unit.kmh")}` : "—"),
      el("td", null, row.vehicles ? formatNumber(row.vehicles.value) : "—"),
      losCell,
    );
    table.append(tr);
  }
}

/** A share as a percentage, whether the job sends 0..1 or 0..100. */
function pct(value) {
  return value <= 1 ? value * 100 : value;
}

/** The worst level of service of the district's cameras, else the district's own KPI. */
function worstLos(code) {
  let worst = 0;
  for (const camera of cameras.values()) {
    if (camera.ref.area === code && camera.ref.kind === "traffic") {
      const kpi = kpiOf("traffic-los-1m", "camera", camera.ref.id);
      if (kpi && Number.isFinite(kpi.value)) {
        worst = Math.max(worst, Math.round(kpi.value));
      }
    }
  }
  if (worst === 0) {
    const area = kpiOf("traffic-los-1m", "area", code);
    worst = area && Number.isFinite(area.value) ? Math.round(area.value) : 0;
  }
  return worst >= 1 ? LOS_LETTERS[Math.min(6, worst) - 1] : null;
}
