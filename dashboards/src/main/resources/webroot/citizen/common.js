// What both citizen pages share: their words in Vietnamese (the default) and English, the language switch, the
// report ids this phone has sent, and the offline base map. Text that comes from people or the server is only ever
// set with textContent.

const LANG_KEY = "ioc.citizen.lang";
const DEVICE_KEY = "ioc.citizen.device";
const REPORTS_KEY = "ioc.citizen.reports";
const MAX_SAVED = 50;

const STRINGS = {
  vi: {
    appName: "HP Smart · Phản ánh hiện trường",
    city: "Thành phố Hải Phòng",
    langSwitch: "Switch to English",
    "step.category": "1. Loại phản ánh",
    "step.place": "2. Vị trí",
    "step.photo": "3. Ảnh (không bắt buộc)",
    "step.description": "4. Mô tả",
    "category.loading": "Đang tải danh mục…",
    "category.failed": "Không tải được danh mục. Đang thử lại…",
    "place.hint": "Chạm vào bản đồ để đặt vị trí phản ánh.",
    "place.chosen": "Đã chọn vị trí: {place}",
    "place.outsideAreas": "ngoài ranh giới quận, huyện",
    "place.useMine": "Dùng vị trí của tôi",
    "place.locating": "Đang xác định vị trí…",
    "place.denied": "Bạn chưa cho phép truy cập vị trí. Hãy chạm vào bản đồ để chọn vị trí.",
    "place.insecure": "Trình duyệt chỉ cho lấy vị trí qua kết nối an toàn (https). Hãy chạm vào bản đồ để chọn vị trí.",
    "place.unavailable": "Không xác định được vị trí của bạn. Hãy chạm vào bản đồ để chọn vị trí.",
    "place.far": "Vị trí của bạn nằm ngoài Hải Phòng. Hãy chạm vào bản đồ để chọn vị trí.",
    "map.label": "Bản đồ để chọn vị trí",
    "photo.choose": "Chọn hoặc chụp ảnh",
    "photo.remove": "Bỏ ảnh",
    "photo.uploading": "Đang tải ảnh lên…",
    "photo.ready": "Ảnh đã sẵn sàng (đã xoá thông tin vị trí và máy chụp trong ảnh).",
    "photo.tooLarge": "Ảnh quá lớn. Hãy chọn ảnh nhỏ hơn 8 MB.",
    "photo.notImage": "Tệp này không phải ảnh JPEG, PNG hoặc WebP.",
    "photo.failed": "Không tải được ảnh lên. Bạn vẫn có thể gửi phản ánh không kèm ảnh.",
    "photo.alt": "Ảnh đính kèm phản ánh",
    "description.placeholder": "Mô tả sự việc: ở đâu, từ khi nào, mức độ…",
    "description.counter": "{n}/{max} ký tự",
    "privacy": "Không cần họ tên, số điện thoại hay e-mail. Ảnh được xử lý lại để xoá thông tin vị trí và máy chụp.",
    submit: "Gửi phản ánh",
    sending: "Đang gửi…",
    "error.category": "Hãy chọn loại phản ánh.",
    "error.place": "Hãy chọn vị trí trên bản đồ.",
    "error.description": "Hãy mô tả sự việc.",
    "error.photoPending": "Ảnh đang được tải lên, hãy chờ một chút.",
    "error.rate": "Bạn đã gửi quá nhiều phản ánh trong thời gian ngắn. Hãy thử lại sau {s} giây.",
    "error.outside": "Vị trí nằm ngoài Hải Phòng. Hãy chọn lại vị trí.",
    "error.unavailable": "Hệ thống tạm thời chưa nhận được phản ánh. Hãy thử lại sau.",
    "error.network": "Không kết nối được máy chủ. Hãy kiểm tra mạng và thử lại.",
    "error.other": "Không gửi được phản ánh: {message}",
    "done.title": "Đã gửi phản ánh",
    "done.id": "Mã phản ánh của bạn",
    "done.track": "Theo dõi phản ánh",
    "done.another": "Gửi phản ánh khác",
    "done.saved": "Mã đã được lưu trên máy này trong mục “Phản ánh của tôi”.",
    "mine.title": "Phản ánh của tôi",
    "mine.empty": "Chưa có phản ánh nào được gửi từ máy này.",
    "track.title": "Theo dõi phản ánh",
    "track.new": "Gửi phản ánh mới",
    "track.noId": "Không có mã phản ánh. Hãy mở trang này từ mục “Phản ánh của tôi”.",
    "track.waiting":
      "Phản ánh đã được gửi và đang chờ hệ thống ghi nhận. Trang sẽ tự cập nhật.",
    "track.notFound": "Chưa tìm thấy phản ánh này.",
    "track.unavailable": "Tạm thời chưa xem được lịch sử xử lý. Trang sẽ tự thử lại.",
    "track.category": "Loại phản ánh",
    "track.place": "Vị trí",
    "track.received": "Thời điểm gửi",
    "track.description": "Mô tả",
    "track.noDescription": "(không có mô tả)",
    "track.photo": "Ảnh",
    "track.history": "Quá trình xử lý",
    "track.noUpdates": "Chưa có cập nhật. Phản ánh đang chờ cơ quan chức năng tiếp nhận.",
    "track.refreshed": "Cập nhật lúc {time} · tự làm mới mỗi 15 giây",
    "track.agency": "Đơn vị xử lý: {agency}",
    "status.RECEIVED": "Đã gửi",
    "status.OPEN": "Đã tiếp nhận",
    "status.INVESTIGATING": "Đang xác minh",
    "status.IN_PROGRESS": "Đang xử lý",
    "status.ACTION_SCHEDULED": "Đã lên kế hoạch xử lý",
    "status.FIXED": "Đã khắc phục",
    "status.CLOSED": "Đã đóng",
    "status.DUPLICATE": "Trùng phản ánh khác",
    "status.NOT_COUNCILS_RESPONSIBILITY": "Không thuộc thẩm quyền",
    "status.NO_FURTHER_ACTION": "Không cần xử lý thêm",
    "status.INTERNAL_REFERRAL": "Đã chuyển đơn vị khác",
  },
  en: {
    appName: "HP Smart · Field reports",
    city: "Hai Phong City",
    langSwitch: "Chuyển sang tiếng Việt",
    "step.category": "1. What is it about",
    "step.place": "2. Where",
    "step.photo": "3. Photo (optional)",
    "step.description": "4. Description",
    "category.loading": "Loading the categories…",
    "category.failed": "The categories could not be loaded. Retrying…",
    "place.hint": "Tap the map to place your report.",
    "place.chosen": "Place chosen: {place}",
    "place.outsideAreas": "outside the districts",
    "place.useMine": "Use my location",
    "place.locating": "Finding your location…",
    "place.denied": "Location access was not allowed. Tap the map to choose the place.",
    "place.insecure": "The browser gives the location only over a secure (https) connection. Tap the map to choose the place.",
    "place.unavailable": "Your location could not be found. Tap the map to choose the place.",
    "place.far": "Your location is outside Hai Phong. Tap the map to choose the place.",
    "map.label": "Map to choose the place",
    "photo.choose": "Choose or take a photo",
    "photo.remove": "Remove photo",
    "photo.uploading": "Uploading the photo…",
    "photo.ready": "Photo ready (its location and camera details were removed).",
    "photo.tooLarge": "The photo is too large. Choose one under 8 MB.",
    "photo.notImage": "This file is not a JPEG, PNG or WebP image.",
    "photo.failed": "The photo could not be uploaded. You can still send the report without it.",
    "photo.alt": "Photo attached to the report",
    "description.placeholder": "What happened: where exactly, since when, how bad…",
    "description.counter": "{n}/{max} characters",
    "privacy": "No name, phone or e-mail needed. Photos are re-processed to remove location and camera details.",
    submit: "Send report",
    sending: "Sending…",
    "error.category": "Choose what the report is about.",
    "error.place": "Choose the place on the map.",
    "error.description": "Describe what happened.",
    "error.photoPending": "The photo is still uploading; wait a moment.",
    "error.rate": "Too many reports in a short time. Try again in {s} seconds.",
    "error.outside": "The place is outside Hai Phong. Choose another place.",
    "error.unavailable": "The system cannot take reports right now. Try again later.",
    "error.network": "The server could not be reached. Check the connection and try again.",
    "error.other": "The report was not sent: {message}",
    "done.title": "Report sent",
    "done.id": "Your report number",
    "done.track": "Follow the report",
    "done.another": "Send another report",
    "done.saved": "The number is saved on this phone under “My reports”.",
    "mine.title": "My reports",
    "mine.empty": "No reports sent from this phone yet.",
    "track.title": "Report status",
    "track.new": "Send a new report",
    "track.noId": "No report number. Open this page from “My reports”.",
    "track.waiting": "The report was sent and is waiting to be recorded. This page updates by itself.",
    "track.notFound": "This report was not found yet.",
    "track.unavailable": "The history cannot be read right now. This page retries by itself.",
    "track.category": "Category",
    "track.place": "Place",
    "track.received": "Sent",
    "track.description": "Description",
    "track.noDescription": "(no description)",
    "track.photo": "Photo",
    "track.history": "Progress",
    "track.noUpdates": "No updates yet. The report is waiting to be taken up.",
    "track.refreshed": "Updated at {time} · refreshes every 15 seconds",
    "track.agency": "Handled by: {agency}",
    "status.RECEIVED": "Sent",
    "status.OPEN": "Acknowledged",
    "status.INVESTIGATING": "Investigating",
    "status.IN_PROGRESS": "In progress",
    "status.ACTION_SCHEDULED": "Action scheduled",
    "status.FIXED": "Fixed",
    "status.CLOSED": "Closed",
    "status.DUPLICATE": "Duplicate",
    "status.NOT_COUNCILS_RESPONSIBILITY": "Not the city's responsibility",
    "status.NO_FURTHER_ACTION": "No further action",
    "status.INTERNAL_REFERRAL": "Referred to another agency",
  },
};

const listeners = [];

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private browsing may refuse storage: the app works, it just forgets.
  }
}

export function lang() {
  return stored(LANG_KEY) === "en" ? "en" : "vi";
}

export function t(key, values) {
  const text = STRINGS[lang()][key] ?? STRINGS.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (values && values[name] != null ? String(values[name]) : m));
}

/** Calls back now and on every change of language. */
export function onLanguage(callback) {
  listeners.push(callback);
  callback(lang());
}

/** Fills [data-i18n] texts and [data-i18n-placeholder] placeholders, and wires the VI/EN switch. */
export function setUpLanguage() {
  const apply = () => {
    document.documentElement.lang = lang();
    for (const node of document.querySelectorAll("[data-i18n]")) {
      node.textContent = t(node.dataset.i18n);
    }
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    }
    for (const node of document.querySelectorAll("[data-i18n-label]")) {
      node.setAttribute("aria-label", t(node.dataset.i18nLabel));
    }
    const button = $("#lang-switch");
    button.dataset.lang = lang();
    button.title = t("langSwitch");
    button.setAttribute("aria-label", t("langSwitch"));
  };
  listeners.push(apply);
  apply();
  $("#lang-switch").addEventListener("click", () => {
    store(LANG_KEY, lang() === "vi" ? "en" : "vi");
    for (const callback of listeners) {
      callback(lang());
    }
  });
}

export function $(selector) {
  return document.querySelector(selector);
}

/** An element whose text is set with textContent: the one way data reaches these pages. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

/** A random id this phone keeps, so the server can limit one phone's reports; it is not stored with them. */
export function deviceId() {
  let id = stored(DEVICE_KEY);
  if (!id || !/^[0-9a-f]{32}$/.test(id)) {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    store(DEVICE_KEY, id);
  }
  return id;
}

/** The reports sent from this phone, newest first: {id, code, at}. */
export function myReports() {
  try {
    const list = JSON.parse(stored(REPORTS_KEY) || "[]");
    return Array.isArray(list) ? list.filter((r) => r && typeof r.id === "string") : [];
  } catch {
    return [];
  }
}

export function saveReport(report) {
  const list = [report, ...myReports().filter((r) => r.id !== report.id)].slice(0, MAX_SAVED);
  store(REPORTS_KEY, JSON.stringify(list));
}

export function trackingUrl(id) {
  return `/citizen/track.html?id=${encodeURIComponent(id)}`;
}

/** Draws "my reports" into a list: links to their tracking pages, with the category's name when known. */
export function drawMyReports(list, services) {
  list.replaceChildren();
  const reports = myReports();
  if (reports.length === 0) {
    list.append(el("li", "empty", t("mine.empty")));
    return;
  }
  for (const report of reports) {
    const item = el("li");
    const link = el("a", "mine-link");
    link.href = trackingUrl(report.id);
    link.append(el("span", "mine-id", report.id));
    const name = services ? serviceName(services, report.code) : report.code;
    const when = report.at ? formatTime(report.at) : "";
    link.append(el("span", "mine-meta", [name, when].filter(Boolean).join(" · ")));
    item.append(link);
    list.append(item);
  }
}

/** Both languages' service lists from the Open311 API: {vi: [...], en: [...]}. */
export async function loadServices() {
  const [vi, en] = await Promise.all(
    ["vi", "en"].map(async (locale) => {
      const response = await fetch(`/open311/v2/services.json?locale=${locale}`);
      if (!response.ok) {
        throw new Error(`services: HTTP ${response.status}`);
      }
      return response.json();
    }),
  );
  return { vi, en };
}

export function serviceName(services, code) {
  const found = (services[lang()] || []).find((s) => s.service_code === code);
  return found ? found.service_name : code;
}

export function formatTime(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return "";
  }
  return new Intl.DateTimeFormat(lang() === "en" ? "en-GB" : "vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    dateStyle: "short",
    timeStyle: "short",
  }).format(date);
}

// ---- the map

/** A light Leaflet map of the city from the server's GeoJSON (no tiles: the city's machines work offline). */
export async function cityMap(container, options) {
  const map = L.map(container, {
    zoomControl: options.interactive,
    dragging: options.interactive,
    touchZoom: options.interactive,
    scrollWheelZoom: false,
    doubleClickZoom: options.interactive,
    boxZoom: false,
    keyboard: options.interactive,
    attributionControl: options.interactive,
    minZoom: 8,
    maxZoom: 18,
  });
  map.setView([20.84, 106.69], 11);
  if (options.interactive) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("© OpenStreetMap");
  }
  const [land, districts] = await Promise.all([getJson("/geo/land.geojson"), getJson("/geo/districts.geojson")]);
  L.geoJSON(land, {
    interactive: false,
    style: { stroke: true, color: "#b9c7cf", weight: 1, fillColor: "#eef1ec", fillOpacity: 1 },
  }).addTo(map);
  L.geoJSON(districts, {
    interactive: false,
    style: { color: "#2f7fa3", weight: 1.2, opacity: 0.8, fillColor: "#dcebf2", fillOpacity: 0.7 },
  }).addTo(map);
  return { map, districts };
}

async function getJson(url) {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url);
      if (response.ok) {
        return response.json();
      }
    } catch {
      // retried below
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(10000, 1000 * 2 ** attempt)));
  }
}

/** The name of the district containing the point, or null (a quay or the water just off the coast). */
export function districtAt(districts, lat, lon) {
  for (const feature of districts.features) {
    const geometry = feature.geometry;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      if (inRing(polygon[0], lon, lat) && !polygon.slice(1).some((hole) => inRing(hole, lon, lat))) {
        return String(feature.properties.name);
      }
    }
  }
  return null;
}

function inRing(ring, x, y) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** The pin of a report: a circle, so no marker image is needed. */
export function pin(latlng) {
  return L.circleMarker(latlng, {
    radius: 10,
    color: "#ffffff",
    weight: 3,
    fillColor: "#d6402b",
    fillOpacity: 1,
  });
}
