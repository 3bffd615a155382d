// The citizen's report form: a category from the Open311 service list, a place tapped on the map (or the phone's
// location), an optional photo uploaded at once (the server re-encodes it and the preview shows what it kept), a
// description; then the report's number and a link to follow it.

import {
  $,
  el,
  t,
  setUpLanguage,
  onLanguage,
  deviceId,
  saveReport,
  drawMyReports,
  loadServices,
  trackingUrl,
  cityMap,
  districtAt,
  pin,
} from "./common.js";

const MAX_DESCRIPTION = 4000;
const MAX_SIDE = 1600;

const state = {
  services: null,
  code: null,
  position: null,
  districts: null,
  mediaUrl: null,
  upload: null,
  uploadSeq: 0,
  sending: false,
};

let map = null;
let marker = null;

function setStatus(selector, text, kind) {
  const node = $(selector);
  node.textContent = text || "";
  node.dataset.kind = kind || "";
}

function showError(text) {
  const node = $("#form-error");
  node.textContent = text || "";
  node.hidden = !text;
}

// ---- categories

async function loadCategories() {
  for (let attempt = 0; ; attempt++) {
    try {
      state.services = await loadServices();
      drawCategories();
      return;
    } catch {
      const box = $("#categories");
      box.replaceChildren(el("p", "error", t("category.failed")));
      await new Promise((resolve) => setTimeout(resolve, Math.min(10000, 1000 * 2 ** attempt)));
    }
  }
}

function drawCategories() {
  if (!state.services) {
    return;
  }
  const box = $("#categories");
  box.replaceChildren();
  const services = state.services[document.documentElement.lang === "en" ? "en" : "vi"];
  for (const service of services) {
    const label = el("label", "category");
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "category";
    input.value = service.service_code;
    input.checked = service.service_code === state.code;
    input.addEventListener("change", () => {
      state.code = input.value;
      showError("");
    });
    label.append(input, el("span", "category-name", service.service_name));
    if (service.description) {
      label.title = service.description;
    }
    box.append(label);
  }
  box.dataset.ready = "true";
}

// ---- the place

async function setUpMap() {
  const { map: created, districts } = await cityMap("map", { interactive: true });
  map = created;
  state.districts = districts;
  map.on("click", (event) => place(event.latlng.lat, event.latlng.lng));
  document.body.dataset.mapReady = "true";
}

function place(lat, lon) {
  state.position = { lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)) };
  if (marker) {
    marker.setLatLng([lat, lon]);
  } else {
    marker = pin([lat, lon]).addTo(map);
  }
  describePlace();
  showError("");
}

function describePlace() {
  if (!state.position) {
    setStatus("#place-status", t("place.hint"));
    return;
  }
  const { lat, lon } = state.position;
  const district = state.districts ? districtAt(state.districts, lat, lon) : null;
  const where = `${district || t("place.outsideAreas")} (${lat.toFixed(5)}, ${lon.toFixed(5)})`;
  setStatus("#place-status", t("place.chosen", { place: where }), "ok");
}

function locate() {
  if (!window.isSecureContext || !navigator.geolocation) {
    setStatus("#place-status", t("place.insecure"), "warn");
    return;
  }
  setStatus("#place-status", t("place.locating"));
  navigator.geolocation.getCurrentPosition(
    (position) => {
      const { latitude, longitude } = position.coords;
      if (state.districts && !districtAt(state.districts, latitude, longitude)) {
        map.setView([latitude, longitude], 11);
        setStatus("#place-status", t("place.far"), "warn");
        return;
      }
      map.setView([latitude, longitude], 16);
      place(latitude, longitude);
    },
    (error) => {
      const key = error.code === error.PERMISSION_DENIED ? "place.denied" : "place.unavailable";
      setStatus("#place-status", t(key), "warn");
    },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
  );
}

// ---- the photo

/**
 * Redrawn on the phone first (upright, at most 1600 px, JPEG) so less goes over mobile data; when the browser cannot
 * decode the file it goes as it is, and the server, which re-encodes everything, says what is wrong with it.
 */
async function prepare(file) {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    if (blob) {
      return { blob, name: "photo.jpg" };
    }
  } catch {
    // not decodable here: the server decides
  }
  return { blob: file, name: file.name || "photo" };
}

function photoChosen(file) {
  const seq = ++state.uploadSeq;
  state.mediaUrl = null;
  $("#photo-box").hidden = true;
  if (!file) {
    state.upload = null;
    setStatus("#photo-status", "");
    return;
  }
  setStatus("#photo-status", t("photo.uploading"));
  document.body.dataset.photo = "uploading";
  state.upload = (async () => {
    const { blob, name } = await prepare(file);
    const form = new FormData();
    form.append("device_id", deviceId());
    form.append("photo", blob, name);
    let response;
    try {
      response = await fetch("/api/citizen/media", { method: "POST", body: form });
    } catch {
      return seq === state.uploadSeq && photoFailed(t("error.network"));
    }
    if (seq !== state.uploadSeq) {
      return null;
    }
    if (response.status === 201) {
      const body = await response.json();
      state.mediaUrl = body.media_url;
      const preview = $("#photo-preview");
      preview.src = body.media_url;
      preview.alt = t("photo.alt");
      $("#photo-box").hidden = false;
      setStatus("#photo-status", t("photo.ready"), "ok");
      document.body.dataset.photo = "ready";
      return body.media_url;
    }
    if (response.status === 413) {
      return photoFailed(t("photo.tooLarge"));
    }
    if (response.status === 415) {
      return photoFailed(t("photo.notImage"));
    }
    if (response.status === 429) {
      return photoFailed(t("error.rate", { s: response.headers.get("Retry-After") || "60" }));
    }
    return photoFailed(t("photo.failed"));
  })();
}

function photoFailed(message) {
  $("#photo").value = "";
  setStatus("#photo-status", message, "warn");
  document.body.dataset.photo = "failed";
  return null;
}

function removePhoto() {
  $("#photo").value = "";
  photoChosen(null);
}

// ---- the description

function count() {
  const n = $("#description").value.length;
  const counter = $("#counter");
  counter.textContent = t("description.counter", { n, max: MAX_DESCRIPTION });
  counter.dataset.full = String(n >= MAX_DESCRIPTION);
}

// ---- sending

async function submit(event) {
  event.preventDefault();
  if (state.sending) {
    return;
  }
  const description = $("#description").value.trim();
  if (!state.code) {
    return showError(t("error.category"));
  }
  if (!state.position) {
    return showError(t("error.place"));
  }
  if (!description) {
    $("#description").focus();
    return showError(t("error.description"));
  }
  showError("");
  state.sending = true;
  const button = $("#submit");
  button.disabled = true;
  button.textContent = t("sending");
  try {
    if (state.upload) {
      await state.upload;
    }
    const body = {
      service_code: state.code,
      lat: state.position.lat,
      long: state.position.lon,
      description,
      device_id: deviceId(),
    };
    if (state.mediaUrl) {
      body.media_url = state.mediaUrl;
    }
    let response;
    try {
      response = await fetch("/api/citizen/reports", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    } catch {
      return showError(t("error.network"));
    }
    const answer = await response.json().catch(() => ({}));
    if (response.status === 201) {
      return sent(answer.service_request_id);
    }
    if (response.status === 429) {
      return showError(t("error.rate", { s: response.headers.get("Retry-After") || "60" }));
    }
    if (response.status === 400 && /outside Hai Phong/.test(answer.message || "")) {
      return showError(t("error.outside"));
    }
    if (response.status >= 500) {
      return showError(t("error.unavailable"));
    }
    return showError(t("error.other", { message: answer.message || `HTTP ${response.status}` }));
  } finally {
    state.sending = false;
    button.disabled = false;
    button.textContent = t("submit");
  }
}

function sent(id) {
  saveReport({ id, code: state.code, at: new Date().toISOString() });
  $("#done-id").textContent = id;
  $("#track-link").href = trackingUrl(id);
  $("#report-form").hidden = true;
  const done = $("#done");
  done.hidden = false;
  done.focus();
  window.scrollTo(0, 0);
  drawMyReports($("#my-reports"), state.services);
}

function another() {
  $("#report-form").reset();
  state.code = null;
  state.mediaUrl = null;
  state.upload = null;
  state.uploadSeq++;
  $("#photo-box").hidden = true;
  setStatus("#photo-status", "");
  drawCategories();
  count();
  $("#done").hidden = true;
  $("#report-form").hidden = false;
  window.scrollTo(0, 0);
}

function start() {
  setUpLanguage();
  onLanguage(() => {
    drawCategories();
    describePlace();
    count();
    drawMyReports($("#my-reports"), state.services);
    if (state.mediaUrl) {
      setStatus("#photo-status", t("photo.ready"), "ok");
    }
  });
  $("#report-form").addEventListener("submit", submit);
  $("#locate").addEventListener("click", locate);
  $("#photo").addEventListener("change", (event) => photoChosen(event.target.files[0]));
  $("#photo-remove").addEventListener("click", removePhoto);
  $("#description").addEventListener("input", count);
  $("#another").addEventListener("click", another);
  loadCategories().then(() => drawMyReports($("#my-reports"), state.services));
  setUpMap();
}

start();
