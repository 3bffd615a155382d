// Small DOM and data helpers shared by the wall's modules.

export function $(selector) {
  return document.querySelector(selector);
}

/** An element whose text is set with textContent: the one way data reaches the page. */
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

/** For the few strings Leaflet only takes as HTML (its attribution control); they are the wall's own texts. */
export function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
}

/** Tooltip content for Leaflet as a DOM node: a bold first line, then smaller ones. */
export function textTooltip(lines) {
  const node = el("div", "tip");
  lines.filter(Boolean).forEach((line, i) => node.append(el("div", i === 0 ? "tip-title" : "tip-line", line)));
  return node;
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return response.json();
}

/** Keeps trying: the wall may be opened before the server is up, and must then come up by itself. */
export async function fetchWithRetry(url) {
  for (;;) {
    try {
      return await fetchJson(url);
    } catch (e) {
      console.warn("retrying", url, e.message);
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
}

/** Epoch milliseconds from an ISO-8601 timestamp (or a number), or null. */
export function parseTime(value) {
  if (value == null) {
    return null;
  }
  const ms = typeof value === "number" ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
