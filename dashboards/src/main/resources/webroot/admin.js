// Operator sign-in and the rules admin on the wall. The token is kept for this browser tab only, in sessionStorage
// under "ioc.operatorToken" (other panels read it there to act as the operator); the header shows who is signed in.
// The change log panel lists each rule change, who made it, and when the Flink job applied it; a signed-in admin can
// change a rule's thresholds and delays through PATCH /api/admin/rules/{ruleId}.
// Server answers and the log's texts reach the page through textContent only.

import { t, addStrings, formatNumber, formatTime } from "./i18n.js";
import { $, el, parseTime } from "./dom.js";

export const TOKEN_KEY = "ioc.operatorToken";

addStrings({
  vi: {
    "signin.button": "Đăng nhập",
    "signin.token": "Mã đăng nhập của cán bộ trực",
    "signin.submit": "Đăng nhập",
    "signin.cancel": "Hủy",
    "signin.out": "Đăng xuất",
    "signin.as": "Cán bộ: {name}",
    "signin.admin": "quản trị",
    "signin.bad": "Mã không hợp lệ",
    "signin.error": "Không đăng nhập được: {message}",
    "rules.title": "Nhật ký thay đổi quy tắc",
    "rules.version": "Phiên bản {v} · job đã áp dụng {applied}",
    "rules.version.none": "Phiên bản {v} (mặc định)",
    "rules.empty": "Chưa có thay đổi nào",
    "rules.by": "bởi {name}, {time}",
    "rules.applied": "job đã áp dụng {time}",
    "rules.pending": "đang chờ job áp dụng",
    "rules.superseded": "đã được thay bởi phiên bản {version} job đang áp dụng",
    "rules.edit": "Chỉnh ngưỡng",
    "rules.rule": "Quy tắc",
    "rules.raiseAfter": "Phát sau (phút)",
    "rules.clearAfter": "Kết thúc sau (phút)",
    "rules.reason": "Lý do",
    "rules.save": "Áp dụng",
    "rules.saved": "Đã gửi phiên bản {v}",
    "rules.failed": "Không áp dụng được: {message}",
    "rules.min": "{n} phút",
    "rule.traffic.congestion": "Quy tắc ùn tắc",
    "rule.traffic.incident": "Quy tắc sự cố giao thông",
    "rule.camera.offline": "Quy tắc camera mất tín hiệu",
    "rule.desk.queue": "Quy tắc hàng chờ một cửa",
    "rule.port.wind.warning": "Quy tắc cảnh báo gió",
    "rule.port.wind.stop-work": "Quy tắc dừng cẩu do gió",
  },
  en: {
    "signin.button": "Sign in",
    "signin.token": "Operator sign-in token",
    "signin.submit": "Sign in",
    "signin.cancel": "Cancel",
    "signin.out": "Sign out",
    "signin.as": "Operator: {name}",
    "signin.admin": "admin",
    "signin.bad": "This token is not valid",
    "signin.error": "Could not sign in: {message}",
    "rules.title": "Rule change log",
    "rules.version": "Version {v} · applied by the job: {applied}",
    "rules.version.none": "Version {v} (defaults)",
    "rules.empty": "No changes yet",
    "rules.by": "by {name}, {time}",
    "rules.applied": "applied by the job {time}",
    "rules.pending": "waiting for the job",
    "rules.superseded": "superseded by version {version}, which the job applies",
    "rules.edit": "Change thresholds",
    "rules.rule": "Rule",
    "rules.raiseAfter": "Raise after (min)",
    "rules.clearAfter": "Clear after (min)",
    "rules.reason": "Reason",
    "rules.save": "Apply",
    "rules.saved": "Version {v} sent",
    "rules.failed": "Not applied: {message}",
    "rules.min": "{n} min",
    "rule.traffic.congestion": "Congestion rule",
    "rule.traffic.incident": "Traffic incident rule",
    "rule.camera.offline": "Camera offline rule",
    "rule.desk.queue": "Desk queue rule",
    "rule.port.wind.warning": "Wind warning rule",
    "rule.port.wind.stop-work": "Wind stop-work rule",
  },
});

let operator = null;
let rules = null;
let formRule = "traffic.congestion";
let formMessage = null;

// ---------- sign-in ----------

/** The signed-in operator's token, or null. */
export function operatorToken() {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    return null;
  }
}

function storeToken(token) {
  try {
    if (token) {
      window.sessionStorage.setItem(TOKEN_KEY, token);
    } else {
      window.sessionStorage.removeItem(TOKEN_KEY);
    }
  } catch (e) {
    // Storage disabled: signed in for this page only.
  }
}

async function whoIs(token) {
  const response = await fetch("/api/operator/me", {
    headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
  });
  if (response.status === 401) {
    return null;
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.message || `HTTP ${response.status}`);
  }
  return response.json();
}

function setOperator(next) {
  operator = next;
  document.body.dataset.operator = next ? next.name : "";
  document.body.dataset.operatorAdmin = next && next.roles.includes("admin") ? "true" : "false";
  window.dispatchEvent(new CustomEvent("ioc-operator", { detail: next }));
  renderSignIn();
  renderRules();
}

function buildSignIn() {
  const box = el("div");
  box.id = "signin";
  const form = el("form", "signin-form");
  form.hidden = true;
  const input = el("input");
  input.type = "password";
  input.id = "signin-token";
  input.autocomplete = "off";
  const submit = el("button", "signin-submit");
  submit.type = "submit";
  const cancel = el("button", "signin-cancel");
  cancel.type = "button";
  const message = el("div", "signin-message");
  form.append(input, submit, cancel, message);
  const who = el("span", "signin-who");
  const toggle = el("button", "signin-toggle");
  toggle.type = "button";
  box.append(who, toggle, form);
  const right = $(".header-right");
  right.insertBefore(box, $("#lang-switch"));

  toggle.addEventListener("click", () => {
    if (operator) {
      storeToken(null);
      setOperator(null);
      return;
    }
    form.hidden = !form.hidden;
    message.textContent = "";
    if (!form.hidden) {
      input.focus();
    }
  });
  cancel.addEventListener("click", () => {
    form.hidden = true;
    input.value = "";
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      return;
    }
    try {
      const who = await whoIs(token);
      if (!who) {
        message.textContent = t("signin.bad");
        return;
      }
      storeToken(token);
      input.value = "";
      form.hidden = true;
      setOperator(who);
    } catch (e) {
      message.textContent = t("signin.error", { message: e.message });
    }
  });
}

function renderSignIn() {
  const box = $("#signin");
  if (!box) {
    return;
  }
  const who = box.querySelector(".signin-who");
  who.textContent = operator
    ? `${t("signin.as", { name: operator.name })}${operator.roles.includes("admin") ? ` (${t("signin.admin")})` : ""}`
    : "";
  box.querySelector(".signin-toggle").textContent = t(operator ? "signin.out" : "signin.button");
  box.querySelector("#signin-token").placeholder = t("signin.token");
  box.querySelector("#signin-token").setAttribute("aria-label", t("signin.token"));
  box.querySelector(".signin-submit").textContent = t("signin.submit");
  box.querySelector(".signin-cancel").textContent = t("signin.cancel");
}

// ---------- the change log and the admin form ----------

function buildRulesPanel() {
  const section = el("section");
  section.id = "rules-log";
  section.append(el("h2", "rl-title"), el("div", "rl-version"), el("ol", "rl-list"), el("div", "rl-admin"));
  // On the map, above its bottom edge: the side panel's height belongs to the alerts.
  $("#map-wrap").append(section);
}

/** The rules frame: {version, appliedVersion, appliedAt, rules, log}. */
export function applyRules(state) {
  if (!state) {
    return;
  }
  rules = state;
  renderRules();
}

function ruleName(id) {
  const key = `rule.${id}`;
  const text = t(key);
  return text === key ? id : text;
}

function minutes(iso) {
  const m = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso || "");
  if (!m) {
    return null;
  }
  return (Number(m[1] || 0) * 60 + Number(m[2] || 0) + Number(m[3] || 0) / 60) || 0;
}

function shownValue(field, value) {
  if (value == null) {
    return "–";
  }
  if (typeof value === "number") {
    return formatNumber(value, Number.isInteger(value) ? 0 : 2).replace(/([.,]\d*?)0+$/, "$1").replace(/[.,]$/, "");
  }
  if (field === "raiseAfter" || field === "clearAfter") {
    const n = minutes(value);
    return n == null ? String(value) : t("rules.min", { n: formatNumber(n, Number.isInteger(n) ? 0 : 1) });
  }
  return String(value);
}

/** "Congestion rule: occupancyAtLeast 0.6 → 0.4, raiseAfter 10 min → 5 min" per rule of the change. */
function changeText(changes) {
  const byRule = new Map();
  for (const change of changes || []) {
    const list = byRule.get(change.rule) || [];
    list.push(`${change.field} ${shownValue(change.field, change.from)} → ${shownValue(change.field, change.to)}`);
    byRule.set(change.rule, list);
  }
  return [...byRule.entries()].map(([rule, list]) => `${ruleName(rule)}: ${list.join(", ")}`);
}

function timeOf(iso, withSeconds) {
  const ms = parseTime(iso);
  return ms == null ? "" : formatTime(new Date(ms), withSeconds);
}

function renderRules() {
  const section = $("#rules-log");
  if (!section) {
    return;
  }
  section.querySelector(".rl-title").textContent = t("rules.title");
  const version = section.querySelector(".rl-version");
  const list = section.querySelector(".rl-list");
  list.replaceChildren();
  if (!rules) {
    version.textContent = "";
    list.append(el("li", "muted", t("rules.empty")));
    renderAdminForm(section.querySelector(".rl-admin"));
    return;
  }
  version.dataset.version = String(rules.version);
  version.dataset.applied = rules.appliedVersion == null ? "" : String(rules.appliedVersion);
  version.textContent =
    rules.appliedVersion == null
      ? t("rules.version.none", { v: rules.version })
      : t("rules.version", { v: rules.version, applied: rules.appliedVersion });
  if (!rules.log || rules.log.length === 0) {
    list.append(el("li", "muted", t("rules.empty")));
  }
  for (const entry of rules.log || []) {
    const item = el("li", "rl-entry");
    item.dataset.version = String(entry.version);
    const lines = changeText(entry.changes);
    const what = el("div", "rl-what", lines.length ? lines.join("; ") : `v${entry.version}`);
    const who = el(
      "div",
      "rl-who",
      `v${entry.version} · ${t("rules.by", { name: entry.changedBy || "?", time: timeOf(entry.changedAt) })}`,
    );
    // A change older than the one the job applied was applied before it (or passed over for the newer one).
    const superseded = !entry.appliedAt && rules.appliedVersion != null && entry.version < rules.appliedVersion;
    const applied = el(
      "div",
      entry.appliedAt || superseded ? "rl-applied" : "rl-pending",
      entry.appliedAt
        ? t("rules.applied", { time: timeOf(entry.appliedAt, true) })
        : superseded
          ? t("rules.superseded", { version: rules.appliedVersion })
          : t("rules.pending"),
    );
    item.append(what, who, applied);
    if (entry.reason) {
      item.append(el("div", "rl-reason", `“${entry.reason}”`));
    }
    list.append(item);
  }
  renderAdminForm(section.querySelector(".rl-admin"));
}

function renderAdminForm(box) {
  const admin = operator && operator.roles.includes("admin");
  box.hidden = !admin || !rules || !rules.rules;
  if (box.hidden) {
    box.replaceChildren();
    return;
  }
  // Keep what the admin is typing: only build the form when it is not there or the rule changed.
  const existing = box.querySelector("form");
  if (existing && existing.dataset.rule === formRule && existing.dataset.version === String(rules.version)) {
    return;
  }
  const form = el("form", "rl-form");
  form.dataset.rule = formRule;
  form.dataset.version = String(rules.version);
  const details = el("details", "rl-details");
  details.open = existing ? existing.closest("details")?.open ?? true : false;
  details.append(el("summary", null, t("rules.edit")));

  const select = el("select", "rl-rule");
  // Only the rules the job applies while it runs: the others are read at its start (the server refuses them too).
  const live = new Set(rules.live || []);
  const editable = Object.entries(rules.rules)
    .filter(([id, r]) => live.has(id) && r.params && Object.keys(r.params).length > 0);
  for (const [id] of editable) {
    const option = el("option", null, ruleName(id));
    option.value = id;
    option.selected = id === formRule;
    select.append(option);
  }
  select.addEventListener("change", () => {
    formRule = select.value;
    box.replaceChildren();
    renderAdminForm(box);
    box.querySelector("details").open = true;
  });
  form.append(field(t("rules.rule"), select));
  const rule = rules.rules[formRule] || editable[0]?.[1];
  for (const [name, value] of Object.entries(rule ? rule.params : {})) {
    const input = el("input", "rl-param");
    input.type = "number";
    input.step = "any";
    input.min = "0";
    input.name = name;
    input.value = String(value);
    form.append(field(name, input));
  }
  for (const name of ["raiseAfter", "clearAfter"]) {
    const input = el("input", "rl-duration");
    input.type = "number";
    input.step = "any";
    input.min = "0";
    input.name = name;
    input.value = String(minutes(rule && rule[name]) ?? 0);
    form.append(field(t(`rules.${name}`), input));
  }
  const reason = el("input", "rl-reason-input");
  reason.type = "text";
  reason.name = "reason";
  reason.maxLength = 500;
  form.append(field(t("rules.reason"), reason));
  const save = el("button", "rl-save", t("rules.save"));
  save.type = "submit";
  const message = el("div", "rl-message", formMessage || "");
  form.append(save, message);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitRule(form, rule, message);
  });
  details.append(form);
  box.replaceChildren(details);
}

function field(label, input) {
  const wrap = el("label", "rl-field");
  wrap.append(el("span", null, label), input);
  return wrap;
}

async function submitRule(form, rule, message) {
  const patch = { params: {} };
  for (const input of form.querySelectorAll(".rl-param")) {
    const value = Number(input.value);
    if (input.value !== "" && value !== rule.params[input.name]) {
      patch.params[input.name] = Number.isFinite(value) ? value : input.value;
    }
  }
  if (Object.keys(patch.params).length === 0) {
    delete patch.params;
  }
  for (const input of form.querySelectorAll(".rl-duration")) {
    const value = Number(input.value);
    if (input.value !== "" && value !== minutes(rule[input.name])) {
      patch[input.name] = `PT${value}M`;
    }
  }
  const reason = form.querySelector(".rl-reason-input").value.trim();
  if (reason) {
    patch.reason = reason;
  }
  message.textContent = "…";
  try {
    const response = await fetch(`/api/admin/rules/${encodeURIComponent(form.dataset.rule)}`, {
      method: "PATCH",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        Authorization: `Bearer ${operatorToken() || ""}`,
      },
      body: JSON.stringify(patch),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      message.textContent = t("rules.failed", { message: body.message || `HTTP ${response.status}` });
      message.dataset.state = "error";
      return;
    }
    formMessage = t("rules.saved", { v: body.version });
    message.textContent = formMessage;
    message.dataset.state = "ok";
  } catch (e) {
    message.textContent = t("rules.failed", { message: e.message });
    message.dataset.state = "error";
  }
}

/** Redraws the texts in the current language. */
export function refreshAdminTexts() {
  renderSignIn();
  const box = document.querySelector("#rules-log .rl-admin");
  if (box) {
    box.replaceChildren();
  }
  renderRules();
}

/** Builds the sign-in control and the change log; takes back a sign-in of this tab. */
export function initAdmin() {
  buildSignIn();
  buildRulesPanel();
  renderSignIn();
  renderRules();
  const token = operatorToken();
  if (token) {
    whoIs(token)
      .then((who) => {
        if (!who) {
          storeToken(null);
        }
        setOperator(who);
      })
      .catch(() => setOperator(null));
  }
}
