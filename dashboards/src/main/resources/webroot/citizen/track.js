// A report's tracking page: its category, place, description (as text), photo and status history from the history
// API, refreshed every 15 seconds. Everything shown here came from a citizen or an agency: textContent only.

import {
  $,
  el,
  t,
  setUpLanguage,
  onLanguage,
  myReports,
  drawMyReports,
  loadServices,
  serviceName,
  formatTime,
  cityMap,
  districtAt,
  pin,
} from "./common.js";

const REFRESH_MS = 15000;
const PHOTO = /^\/media\/[A-Za-z0-9_-]{24}\.jpg$/;

const id = new URLSearchParams(location.search).get("id");
let services = null;
let latest = null;
let message = null;
let refreshedAt = null;
let smallMap = null;
let reportPin = null;
let districts = null;

function status(code) {
  const key = `status.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

function render() {
  $("#report-id").textContent = id || "";
  $("#track-message").textContent = message ? t(message) : "";
  $("#refreshed").textContent = refreshedAt ? t("track.refreshed", { time: formatTime(refreshedAt) }) : "";
  if (!latest) {
    return;
  }
  const badge = $("#current-status");
  const current = latest.status || "RECEIVED";
  badge.textContent = status(current);
  badge.dataset.status = current;
  badge.hidden = false;

  const report = latest.report;
  $("#details").hidden = !report;
  if (report) {
    $("#category").textContent = services ? serviceName(services, report.serviceCode) : report.serviceCode;
    $("#received").textContent = formatTime(report.requestedAt);
    const description = $("#description");
    description.textContent = report.description || t("track.noDescription");
    description.classList.toggle("muted", !report.description);
    const position = report.position;
    if (position) {
      const district = districts ? districtAt(districts, position.lat, position.lon) : null;
      $("#place").textContent = [district, `${position.lat.toFixed(5)}, ${position.lon.toFixed(5)}`]
        .filter(Boolean)
        .join(" · ");
      showMap(position);
    } else {
      $("#place").textContent = report.address || "";
    }
    const photo = report.mediaUrl && PHOTO.test(report.mediaUrl) ? report.mediaUrl : null;
    $("#photo-section").hidden = !photo;
    if (photo && $("#photo").getAttribute("src") !== photo) {
      $("#photo").src = photo;
    }
    $("#photo").alt = t("photo.alt");
  }

  $("#history").hidden = false;
  const list = $("#updates");
  list.replaceChildren();
  const updates = [...(latest.updates || [])].reverse();
  if (updates.length === 0) {
    list.append(el("li", "empty", t("track.noUpdates")));
  }
  for (const update of updates) {
    const item = el("li", "update");
    item.dataset.status = update.status;
    const head = el("div", "update-head");
    head.append(el("span", "update-status", status(update.status)), el("time", "update-time", formatTime(update.updatedAt)));
    item.append(head);
    if (update.agencyResponsible) {
      item.append(el("div", "update-agency", t("track.agency", { agency: update.agencyResponsible })));
    }
    if (update.description) {
      item.append(el("p", "update-description", update.description));
    }
    list.append(item);
  }
}

async function showMap(position) {
  const box = $("#small-map");
  box.hidden = false;
  if (!smallMap) {
    smallMap = cityMap(box, { interactive: false }).then((created) => {
      districts = created.districts;
      // The district's name can be shown now.
      setTimeout(render);
      return created.map;
    });
  }
  const map = await smallMap;
  map.invalidateSize();
  map.setView([position.lat, position.lon], 13);
  if (!reportPin) {
    reportPin = pin([position.lat, position.lon]).addTo(map);
  } else {
    reportPin.setLatLng([position.lat, position.lon]);
  }
  document.body.dataset.mapReady = "true";
}

async function refresh() {
  try {
    const response = await fetch(`/api/history/reports/${encodeURIComponent(id)}`, {
      headers: { Accept: "application/json" },
      cache: "no-store",
    });
    if (response.ok) {
      latest = await response.json();
      message = null;
      document.body.dataset.track = "ready";
    } else if (response.status === 404) {
      const mine = myReports().some((r) => r.id === id);
      message = mine ? "track.waiting" : "track.notFound";
      document.body.dataset.track = "waiting";
    } else {
      message = "track.unavailable";
      document.body.dataset.track = "unavailable";
    }
  } catch {
    message = "track.unavailable";
    document.body.dataset.track = "unavailable";
  }
  refreshedAt = new Date();
  render();
}

async function start() {
  setUpLanguage();
  onLanguage(() => {
    render();
    drawMyReports($("#my-reports"), services);
  });
  if (!id) {
    message = "track.noId";
    render();
    return;
  }
  await refresh();
  setInterval(refresh, REFRESH_MS);
  try {
    services = await loadServices();
    render();
    drawMyReports($("#my-reports"), services);
  } catch {
    // the codes stay as they are
  }
}

start();
