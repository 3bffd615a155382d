// A small SVG time-series chart for the history views: the min–max band, the average line, a threshold line, axes
// in the city's time, and the values under the pointer. Drawn with DOM calls only: every text goes in as textContent.

import { t, formatTime, formatShortDate, formatNumber } from "./i18n.js";
import { el } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const MARGIN = { top: 18, right: 20, bottom: 34, left: 58 };
/** Vietnam keeps UTC+7 all year: hour ticks fall on the city's round hours. */
const CITY_OFFSET_MS = 7 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

function svg(tag, attributes, className) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    node.setAttribute(name, String(value));
  }
  if (className) {
    node.setAttribute("class", className);
  }
  return node;
}

/** Round tick values: steps of 1, 2 or 5 times a power of ten, about `count` of them. */
export function niceTicks(min, max, count) {
  if (!(max > min)) {
    max = min + 1;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) || 10 * power;
  const first = Math.floor(min / step) * step;
  const ticks = [];
  for (let v = first; v <= max + step * 0.5; v += step) {
    ticks.push(Math.round(v / step) * step);
  }
  return { ticks, step };
}

function digitsFor(step) {
  return step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step)));
}

/** Runs of points without a gap longer than `maxGap` ms, so missing data shows as missing. */
function segments(points, maxGap) {
  const runs = [];
  let run = [];
  for (const p of points) {
    if (run.length && p.t - run[run.length - 1].t > maxGap) {
      runs.push(run);
      run = [];
    }
    run.push(p);
  }
  if (run.length) {
    runs.push(run);
  }
  return runs;
}

/**
 * Draws `series` ({from, to, points: [[t, avg, min, max]], unit, target}) into `container`, replacing what was there.
 * `binMs` is the length of one point, for gaps and the hover snap.
 */
export function drawChart(container, series, binMs) {
  container.replaceChildren();
  const points = (series.points || [])
    .map(([time, avg, min, max]) => ({ t: Date.parse(time), avg, min, max }))
    .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.avg));
  const width = Math.max(320, container.clientWidth || 800);
  const height = Math.max(220, container.clientHeight || 340);
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;

  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" }, "chart-svg");
  root.append(svg("title"));
  root.firstChild.textContent = `${series.kpi} ${series.scopeId}`;
  container.append(root);
  container.dataset.points = String(points.length);

  if (points.length === 0) {
    container.append(el("div", "chart-empty", t("chart.noData")));
    return;
  }

  const values = points.flatMap((p) => [p.min ?? p.avg, p.max ?? p.avg]);
  const target = Number.isFinite(series.target) ? series.target : null;
  let low = Math.min(...values, ...(target != null ? [target] : []));
  let high = Math.max(...values, ...(target != null ? [target] : []));
  if (low >= 0 && low < high * 0.5) {
    low = 0;
  }
  if (high === low) {
    high = low + 1;
  }
  const y = niceTicks(low, high + (high - low) * 0.05, 5);
  const yMin = y.ticks[0];
  const yMax = y.ticks[y.ticks.length - 1];
  const sx = (time) => MARGIN.left + ((time - from) / (to - from)) * plotW;
  const sy = (v) => MARGIN.top + plotH - ((v - yMin) / (yMax - yMin)) * plotH;
  const digits = digitsFor(y.step);

  // Grid and y axis.
  const grid = svg("g", {}, "chart-grid");
  for (const v of y.ticks) {
    grid.append(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: sy(v), y2: sy(v) }));
    const label = svg("text", { x: MARGIN.left - 8, y: sy(v) + 4, "text-anchor": "end" }, "chart-label");
    label.textContent = formatNumber(v, digits);
    grid.append(label);
  }
  // X axis: the city's round hours, every three, with the date under midnight.
  const firstTick = Math.ceil((from + CITY_OFFSET_MS) / (3 * HOUR_MS)) * 3 * HOUR_MS - CITY_OFFSET_MS;
  for (let time = firstTick; time <= to; time += 3 * HOUR_MS) {
    const x = sx(time);
    grid.append(svg("line", { x1: x, x2: x, y1: MARGIN.top, y2: MARGIN.top + plotH }, "chart-vgrid"));
    const label = svg("text", { x, y: height - MARGIN.bottom + 18, "text-anchor": "middle" }, "chart-label");
    const date = new Date(time);
    const midnight = (time + CITY_OFFSET_MS) % (24 * HOUR_MS) === 0;
    label.textContent = midnight ? formatShortDate(date) : formatTime(date);
    if (midnight) {
      label.setAttribute("class", "chart-label chart-label-day");
    }
    grid.append(label);
  }
  grid.append(
    svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: MARGIN.top + plotH, y2: MARGIN.top + plotH }, "chart-axis"),
  );
  root.append(grid);

  // Band and line, one piece per run of data.
  const runs = segments(points, binMs * 2.5);
  for (const run of runs) {
    const upper = run.map((p) => `${sx(p.t).toFixed(1)},${sy(p.max ?? p.avg).toFixed(1)}`);
    const lower = run
      .slice()
      .reverse()
      .map((p) => `${sx(p.t).toFixed(1)},${sy(p.min ?? p.avg).toFixed(1)}`);
    root.append(svg("path", { d: `M${upper.join("L")}L${lower.join("L")}Z` }, "chart-band"));
    const line = run.map((p) => `${sx(p.t).toFixed(1)},${sy(p.avg).toFixed(1)}`);
    root.append(svg("path", { d: `M${line.join("L")}` }, "chart-line"));
    if (run.length === 1) {
      root.append(svg("circle", { cx: sx(run[0].t), cy: sy(run[0].avg), r: 3 }, "chart-dot"));
    }
  }

  if (target != null) {
    root.append(
      svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: sy(target), y2: sy(target) }, "chart-target"),
    );
    const label = svg("text", { x: width - MARGIN.right - 4, y: sy(target) - 6, "text-anchor": "end" }, "chart-target-label");
    label.textContent = t("chart.target", { value: `${formatNumber(target, digitsFor(y.step))} ${series.unit || ""}` });
    root.append(label);
  }

  // The values under the pointer.
  const cursor = svg("g", { visibility: "hidden" }, "chart-cursor");
  const cursorLine = svg("line", { y1: MARGIN.top, y2: MARGIN.top + plotH });
  const cursorDot = svg("circle", { r: 5 });
  cursor.append(cursorLine, cursorDot);
  root.append(cursor);
  const tip = el("div", "chart-tip");
  tip.hidden = true;
  container.append(tip);
  const overlay = svg("rect", { x: MARGIN.left, y: MARGIN.top, width: plotW, height: plotH }, "chart-overlay");
  root.append(overlay);

  const show = (clientX) => {
    const box = root.getBoundingClientRect();
    const time = from + ((clientX - box.left - MARGIN.left) / plotW) * (to - from);
    let nearest = points[0];
    for (const p of points) {
      if (Math.abs(p.t - time) < Math.abs(nearest.t - time)) {
        nearest = p;
      }
    }
    const x = sx(nearest.t);
    cursorLine.setAttribute("x1", String(x));
    cursorLine.setAttribute("x2", String(x));
    cursorDot.setAttribute("cx", String(x));
    cursorDot.setAttribute("cy", String(sy(nearest.avg)));
    cursor.setAttribute("visibility", "visible");
    const when = new Date(nearest.t);
    const unit = series.unit ? ` ${series.unit}` : "";
    const precision = Math.max(digits, 1);
    tip.replaceChildren(
      el("div", "tip-title", `${formatShortDate(when)} ${formatTime(when)}`),
      el("div", "tip-line", `${t("chart.avg")}: ${formatNumber(nearest.avg, precision)}${unit}`),
      el("div", "tip-line", `${t("chart.min")}: ${formatNumber(nearest.min ?? nearest.avg, precision)}${unit}`),
      el("div", "tip-line", `${t("chart.max")}: ${formatNumber(nearest.max ?? nearest.avg, precision)}${unit}`),
    );
    tip.hidden = false;
    // Beside the cursor, on whichever side has room.
    const left = x + 14 + 170 > width ? x - 14 - 170 : x + 14;
    tip.style.left = `${left}px`;
    // Away from the point vertically too, so the tip never hides the line it describes.
    const high = sy(nearest.avg) < MARGIN.top + plotH / 2;
    tip.style.top = `${high ? MARGIN.top + plotH - 96 : MARGIN.top + 4}px`;
    container.dataset.hover = nearest.avg.toFixed(3);
  };
  overlay.addEventListener("mousemove", (event) => show(event.clientX));
  overlay.addEventListener("mouseleave", () => {
    cursor.setAttribute("visibility", "hidden");
    tip.hidden = true;
  });
}
