// The wall's history views, over /api/history: a KPI's last 24 hours as a chart (chart.js), and the alert history
// with filters, paging and one alert's changes. Both open in a panel over the map. When the server has no history
// database the views stay closed and their entry points are greyed (body[data-history="off"]).
// Every text that comes with the data goes into the page through textContent, never as HTML.

import { t, pick, formatTime, formatShortDate, formatNumber } from "./i18n.js";
import { $, el } from "./dom.js";
import { drawChart } from "./chart.js";

const DAY_MS = 24 * 3600 * 1000;
const CHART_RESOLUTION = "5m";
const CHART_BIN_MS = 5 * 60 * 1000;
const STATUS_RECHECK_MS = 60 * 1000;
const RANGES = { "6h": 6 * 3600 * 1000, "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS };
const PAGE_SIZE = 50;
const SEVERITIES = ["critical", "high", "medium", "low", "informational"];
const DOMAINS = ["traffic", "desk", "report", "incident", "port", "system"];

let ctx = null;
let status = { state: "unknown", message: "" };
/** What the panel shows: null, {type: "chart", kpi, scopeType, scopeId}, or {type: "alerts"}. */
let view = null;
/** Bumped by every new load, so an answer that arrives after a newer request was made is dropped. */
let generation = 0;
const filters = { range: "24h", area: "", domain: "", severity: "", status: "" };
const alertPages = { items: [], next: null, selected: null };

/**
 * `context` gives the wall's reference data: scopesOf(kpi) → [{scopeType, scopeId, name}], kpiName(kpi) → text,
 * areas() → [{code, name}], siteName(alert) → text.
 */
export function initHistory(context) {
  ctx = context;
  $("#history-close").addEventListener("click", closeHistory);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("#history").hidden) {
      closeHistory();
    }
  });
  $("#history-open").addEventListener("click", () => openAlertHistory());
  checkStatus();
  setInterval(checkStatus, STATUS_RECHECK_MS);
}

export function historyReady() {
  return status.state === "ready";
}

async function checkStatus() {
  try {
    const response = await fetch("/api/history/status", { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    status = { state: response.ok ? "ready" : body.state || "off", message: body.message || "" };
  } catch (e) {
    status = { state: "off", message: e.message };
  }
  renderStatus();
}

function renderStatus() {
  const ready = historyReady();
  document.body.dataset.history = ready ? "ready" : "off";
  const button = $("#history-open");
  button.disabled = !ready;
  button.title = ready ? t("history.openTitle") : `${t("history.off")} (${status.message})`;
  for (const tile of document.querySelectorAll("#kpi-tiles .tile[data-chart]")) {
    tile.title = ready ? t("history.tileHint") : t("history.off");
  }
}

/** Redraws the panel and the hints in the current language. */
export function refreshHistoryTexts() {
  renderStatus();
  $("#history-close").title = t("history.close");
  $("#history-close").setAttribute("aria-label", t("history.close"));
  if (view && view.type === "chart") {
    openKpiChart(view.kpi, view.scopeType, view.scopeId);
  } else if (view && view.type === "alerts") {
    renderAlertView(false);
  }
}

function showPanel(kind, title) {
  const panel = $("#history");
  panel.hidden = false;
  panel.dataset.view = kind;
  $("#history-title").textContent = title;
  $("#history-close").title = t("history.close");
  $("#history-close").setAttribute("aria-label", t("history.close"));
}

export function closeHistory() {
  generation++;
  view = null;
  $("#history").hidden = true;
  $("#history-body").replaceChildren();
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error((body && body.message) || `HTTP ${response.status}`);
  }
  return body;
}

function errorBox(error) {
  return el("p", "history-error", t("history.error", { message: error.message }));
}

function dateTime(value) {
  const date = new Date(value);
  return `${formatShortDate(date)} ${formatTime(date)}`;
}

// ---------- a KPI's last 24 hours ----------

export async function openKpiChart(kpi, scopeType, scopeId) {
  if (!historyReady()) {
    return;
  }
  view = { type: "chart", kpi, scopeType, scopeId };
  const mine = ++generation;
  showPanel("chart", t("chart.title", { kpi: ctx.kpiName(kpi) }));

  const scopes = ctx.scopesOf(kpi);
  if (!scopes.some((s) => s.scopeType === scopeType && s.scopeId === scopeId)) {
    scopes.unshift({ scopeType, scopeId, name: scopeId });
  }
  const select = el("select", "chart-scope");
  select.id = "chart-scope";
  for (const scope of scopes) {
    const option = el("option", null, scope.name);
    option.value = `${scope.scopeType}/${scope.scopeId}`;
    option.selected = scope.scopeType === scopeType && scope.scopeId === scopeId;
    select.append(option);
  }
  select.addEventListener("change", () => {
    const [type, ...id] = select.value.split("/");
    openKpiChart(kpi, type, id.join("/"));
  });
  const scopeKey = `scope.${scopeType}`;
  const label = el("label", "chart-scope-label", t(scopeKey) === scopeKey ? t("chart.scope") : t(scopeKey));
  label.append(select);

  const legend = el("div", "chart-legend");
  legend.append(
    el("span", "legend-line", t("chart.avg")),
    el("span", "legend-band", t("chart.band")),
    el("span", "legend-note", t("chart.every", { resolution: CHART_RESOLUTION })),
  );
  const controls = el("div", "chart-controls");
  controls.append(label, legend);
  const chart = el("div", "chart");
  chart.id = "kpi-chart";
  chart.dataset.state = "loading";
  chart.append(el("p", "history-loading", t("history.loading")));
  const summary = el("p", "chart-summary");
  const body = el("div", "chart-view");
  body.append(controls, chart, summary);
  $("#history-body").replaceChildren(body);

  const to = new Date();
  const from = new Date(to.getTime() - DAY_MS);
  const query = new URLSearchParams({
    kpi,
    scopeType,
    scopeId,
    from: from.toISOString(),
    to: to.toISOString(),
    resolution: CHART_RESOLUTION,
  });
  try {
    const series = await getJson(`/api/history/kpi?${query}`);
    if (mine !== generation) {
      return;
    }
    drawChart(chart, series, CHART_BIN_MS);
    chart.dataset.state = "ready";
    summary.textContent = summaryText(series);
  } catch (e) {
    if (mine === generation) {
      chart.dataset.state = "error";
      chart.replaceChildren(errorBox(e));
    }
  }
}

function summaryText(series) {
  const points = series.points || [];
  if (points.length === 0) {
    return "";
  }
  const min = Math.min(...points.map((p) => p[2]));
  const max = Math.max(...points.map((p) => p[3]));
  const avg = points.reduce((sum, p) => sum + p[1], 0) / points.length;
  const digits = max - min < 10 ? 1 : 0;
  return t("chart.summary", {
    min: formatNumber(min, digits),
    avg: formatNumber(avg, digits),
    max: formatNumber(max, digits),
    unit: series.unit || "",
  });
}

// ---------- alert history ----------

export function openAlertHistory() {
  if (!historyReady()) {
    return;
  }
  view = { type: "alerts" };
  renderAlertView(true);
}

function select(name, options) {
  const node = el("select");
  node.name = name;
  node.id = `ah-${name}`;
  for (const [value, text] of options) {
    const option = el("option", null, text);
    option.value = value;
    option.selected = filters[name] === value;
    node.append(option);
  }
  node.addEventListener("change", () => {
    filters[name] = node.value;
    alertPages.selected = null;
    loadAlerts(false);
  });
  const label = el("label", "ah-filter", t(`alertHistory.${name}`));
  label.append(node);
  return label;
}

function renderAlertView(reload) {
  showPanel("alerts", t("alertHistory.title"));
  const all = t("alertHistory.all");
  const form = el("form", "ah-filters");
  form.addEventListener("submit", (event) => event.preventDefault());
  form.append(
    select(
      "range",
      Object.keys(RANGES).map((key) => [key, t(`alertHistory.range.${key}`)]),
    ),
    select("area", [["", all], ...ctx.areas().map((a) => [a.code, a.name])]),
    select("domain", [["", all], ...DOMAINS.map((d) => [d, t(`domain.${d}`)])]),
    select("severity", [["", all], ...SEVERITIES.map((s) => [s, t(`severity.${s}`)])]),
    select("status", [
      ["", all],
      ["active", t("alertHistory.active")],
      ["cleared", t("alertHistory.cleared")],
    ]),
  );
  const count = el("p", "ah-count");
  count.id = "ah-count";
  const list = el("ul", "ah-list");
  list.id = "ah-list";
  const empty = el("p", "ah-empty", t("alertHistory.empty"));
  empty.id = "ah-empty";
  empty.hidden = true;
  const more = el("button", "ah-more", t("alertHistory.more"));
  more.id = "ah-more";
  more.type = "button";
  more.hidden = true;
  more.addEventListener("click", () => loadAlerts(true));
  const listWrap = el("div", "ah-results");
  listWrap.append(count, list, empty, more);
  const detail = el("div", "ah-detail");
  detail.id = "ah-detail";
  const main = el("div", "ah-main");
  main.append(listWrap, detail);
  const body = el("div", "ah-view");
  body.append(form, main);
  $("#history-body").replaceChildren(body);
  if (reload) {
    alertPages.selected = null;
    loadAlerts(false);
  } else {
    renderAlertList();
    renderDetail(alertPages.selected);
  }
}

async function loadAlerts(append) {
  const mine = ++generation;
  const to = new Date();
  const query = new URLSearchParams({
    from: new Date(to.getTime() - RANGES[filters.range]).toISOString(),
    to: to.toISOString(),
    limit: String(PAGE_SIZE),
  });
  if (filters.area) {
    query.set("area", filters.area);
  }
  if (filters.domain) {
    query.set("domain", filters.domain);
  }
  if (filters.severity) {
    query.set("minSeverity", filters.severity);
  }
  if (filters.status) {
    query.set("status", filters.status);
  }
  if (append && alertPages.next) {
    // The cursor continues the search as it was first made, so its range stays that of the first page.
    query.set("from", alertPages.from);
    query.set("to", alertPages.to);
    query.set("cursor", alertPages.next);
  }
  const list = $("#ah-list");
  list.dataset.state = "loading";
  if (!append) {
    renderDetail(null);
  }
  try {
    const page = await getJson(`/api/history/alerts?${query}`);
    if (mine !== generation) {
      return;
    }
    if (!append) {
      alertPages.items = [];
      alertPages.from = page.from;
      alertPages.to = page.to;
    }
    alertPages.items.push(...page.items);
    alertPages.next = page.next;
    renderAlertList();
  } catch (e) {
    if (mine === generation) {
      list.dataset.state = "error";
      list.replaceChildren(errorBox(e));
    }
  }
}

function renderAlertList() {
  const list = $("#ah-list");
  list.replaceChildren();
  for (const alert of alertPages.items) {
    list.append(alertItem(alert));
  }
  list.dataset.state = "ready";
  $("#ah-count").textContent = t("alertHistory.count", { n: formatNumber(alertPages.items.length) });
  $("#ah-empty").hidden = alertPages.items.length > 0;
  $("#ah-more").hidden = !alertPages.next;
}

function alertItem(alert) {
  const li = el("li", "alert-item ah-item");
  li.dataset.alertId = alert.alertId;
  li.dataset.severity = alert.severity;
  li.dataset.status = alert.status;
  li.tabIndex = 0;
  li.classList.toggle("selected", alertPages.selected === alert.alertId);
  const meta = el("div", "a-meta");
  meta.append(
    el("span", "a-domain", t(`domain.${alert.domain}`)),
    el("span", "a-site", ctx.siteName(alert)),
    el(
      "span",
      "a-time",
      alert.status === "cleared" ? `${t("alert.cleared")} · ${dateTime(alert.updatedAt)}` : dateTime(alert.updatedAt),
    ),
  );
  const body = el("div", "a-body");
  body.append(el("div", "a-title", pick(alert.title)), meta);
  li.append(el("div", "a-sev", t(`severity.${alert.severity}`)), body);
  const choose = () => {
    alertPages.selected = alert.alertId;
    for (const other of document.querySelectorAll("#ah-list li.selected")) {
      other.classList.remove("selected");
    }
    li.classList.add("selected");
    loadChanges(alert.alertId);
  };
  li.addEventListener("click", choose);
  li.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      choose();
    }
  });
  return li;
}

async function loadChanges(alertId) {
  const detail = $("#ah-detail");
  detail.dataset.state = "loading";
  detail.replaceChildren(el("p", "history-loading", t("history.loading")));
  try {
    const body = await getJson(`/api/history/alerts/${encodeURIComponent(alertId)}`);
    if (alertPages.selected !== alertId) {
      return;
    }
    alertPages.changes = body.changes;
    renderDetail(alertId);
  } catch (e) {
    detail.dataset.state = "error";
    detail.replaceChildren(errorBox(e));
  }
}

function renderDetail(alertId) {
  const detail = $("#ah-detail");
  if (!alertId || !alertPages.changes || alertPages.changes.length === 0 || alertPages.changes[0].alertId !== alertId) {
    detail.dataset.state = "empty";
    detail.replaceChildren(el("p", "ah-pick", t("alertHistory.pick")));
    return;
  }
  const changes = alertPages.changes;
  const latest = changes[changes.length - 1];
  const head = el("div", "ah-detail-head");
  head.append(
    el("h3", "ah-detail-title", pick(latest.title)),
    el("p", "ah-detail-meta", `${t(`domain.${latest.domain}`)} · ${ctx.siteName(latest)} · ${t("alertHistory.raised", { time: dateTime(latest.raisedAt) })}`),
  );
  const timeline = el("ol", "ah-changes");
  timeline.id = "ah-changes";
  for (const change of changes) {
    const item = el("li", "ah-change");
    item.dataset.severity = change.severity;
    item.dataset.status = change.status;
    const line = el("div", "ah-change-head");
    line.append(
      el("span", "ah-change-time", dateTime(change.updatedAt)),
      el("span", "ah-change-seq", t("alertHistory.change", { seq: change.seq })),
      el("span", `chip sev-${change.severity}`, t(`severity.${change.severity}`)),
      el(
        "span",
        "ah-change-status",
        change.status === "cleared" ? t("alertHistory.cleared") : t("alertHistory.active"),
      ),
    );
    item.append(line, el("div", "ah-change-text", pick(change.description)));
    timeline.append(item);
  }
  detail.dataset.state = "ready";
  detail.replaceChildren(head, el("h4", "ah-changes-title", t("alertHistory.changes")), timeline);
}
