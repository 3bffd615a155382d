// The city map: a Leaflet map drawn from the server's GeoJSON (no tile server: the wall runs offline), with the areas
// and their names, an inset for far-off areas, and the cameras and ports of the reference data.

import { t, pick } from "./i18n.js";
import { $, el, escapeHtml, textTooltip } from "./dom.js";

const DISTRICT_PREFIX = /^(Quận|Huyện|Thành phố|Thị xã|Thị trấn|Phường|Xã)\s+(.+)$/u;

let map = null;
let insetMap = null;
const portMarkers = [];
const districtLabels = [];
const areaCentres = new Map();
const refreshers = [];

/** The Leaflet map, once created. */
export function leafletMap() {
  return map;
}

/** Where an area's name is drawn: a point inside it, for alerts that carry no position of their own. */
export function areaCentre(code) {
  return areaCentres.get(code) || null;
}

/** Redraws the map's texts in the current language. */
export function refreshMapTexts() {
  for (const refresh of refreshers) {
    refresh();
  }
}

export function createMap() {
  map = L.map("map", {
    zoomControl: false,
    attributionControl: true,
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    minZoom: 7,
    maxZoom: 17,
  });
  L.control.zoom({ position: "bottomright" }).addTo(map);
  L.control.scale({ position: "bottomright", imperial: false, maxWidth: 160 }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  addPane(map, "land", 200);
  addPane(map, "districts", 300);
  // District names above the camera dots: the dots are many in the centre, and the names must stay legible.
  addPane(map, "cameras", 450);
  addPane(map, "labels", 500);
  addPane(map, "ports", 620);
  addPane(map, "vessels", 630);
  addPane(map, "alerts", 640);
  // Until the layers arrive, show the city rather than the whole world.
  map.setView([20.84, 106.69], 10);

  let attribution = [];
  const setAttribution = () => {
    for (const text of attribution) {
      map.attributionControl.removeAttribution(text);
    }
    attribution = [
      `<a href="https://www.openstreetmap.org/copyright">${escapeHtml(t("attr.land"))}</a>`,
      escapeHtml(t("attr.areas")),
    ];
    for (const text of attribution) {
      map.attributionControl.addAttribution(text);
    }
  };
  setAttribution();
  refreshers.push(setAttribution);
}

function addPane(target, name, zIndex) {
  const pane = target.createPane(name);
  pane.style.zIndex = String(zIndex);
  return pane;
}

function geometryBounds(geometry) {
  let minLat = Infinity;
  let minLon = Infinity;
  let maxLat = -Infinity;
  let maxLon = -Infinity;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0]) {
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
    }
  }
  return L.latLngBounds([minLat, minLon], [maxLat, maxLon]);
}

function ringArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(sum / 2);
}

/**
 * Where a district's name goes: the middle of the widest horizontal run inside its largest polygon, favouring runs
 * near the middle; unlike the centroid it always falls inside, even for crescent-shaped or island districts.
 */
function labelPoint(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let largest = polygons[0];
  for (const polygon of polygons) {
    if (ringArea(polygon[0]) > ringArea(largest[0])) {
      largest = polygon;
    }
  }
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [, lat] of largest[0]) {
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  let best = null;
  const rows = 15;
  for (let i = 1; i < rows; i++) {
    const lat = minLat + ((maxLat - minLat) * i) / rows;
    const crossings = [];
    for (const ring of largest) {
      for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
        const [x1, y1] = ring[a];
        const [x2, y2] = ring[b];
        if (y1 > lat !== y2 > lat) {
          crossings.push(x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1));
        }
      }
    }
    crossings.sort((p, q) => p - q);
    const centrality = 1 - Math.abs(i - rows / 2) / rows;
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const score = (crossings[k + 1] - crossings[k]) * centrality;
      if (!best || score > best.score) {
        best = { score, lat, lon: (crossings[k] + crossings[k + 1]) / 2 };
      }
    }
  }
  return best ? L.latLng(best.lat, best.lon) : geometryBounds(geometry).getCenter();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Splits the areas into the main view and far-off ones (Bạch Long Vĩ lies 110 km out at sea), which get an inset
 * so the city itself is not drawn tiny. Decided from the data, since a deployment swaps the areas layer.
 */
function splitOutlyingAreas(features) {
  const centres = features.map((f) => geometryBounds(f.geometry).getCenter());
  const midLat = median(centres.map((c) => c.lat));
  const midLon = median(centres.map((c) => c.lng));
  const main = [];
  const outlying = [];
  features.forEach((feature, i) => {
    const far = Math.hypot(centres[i].lat - midLat, centres[i].lng - midLon) > 0.5;
    (far ? outlying : main).push(feature);
  });
  return { main, outlying };
}

function districtLabel(name) {
  const match = DISTRICT_PREFIX.exec(name);
  const node = el("div", "district-label");
  if (match) {
    node.append(el("span", "dl-kind", match[1]), el("span", "dl-name", match[2]));
  } else {
    node.append(el("span", "dl-name", name));
  }
  return node;
}

function drawAreas(target, features, land, withLabels) {
  if (land) {
    L.geoJSON(land, {
      pane: "land",
      interactive: false,
      style: { stroke: true, color: "#2a4d61", weight: 1, fillColor: "#142029", fillOpacity: 1 },
    }).addTo(target);
  }
  L.geoJSON(
    { type: "FeatureCollection", features },
    {
      pane: "districts",
      style: {
        color: "#43b6dc",
        weight: 1.4,
        opacity: 0.9,
        fillColor: "#17303e",
        fillOpacity: 0.85,
      },
      onEachFeature: (feature, layer) => {
        layer.on("mouseover", () => layer.setStyle({ weight: 2.6, fillColor: "#1e4052" }));
        layer.on("mouseout", () => layer.setStyle({ weight: 1.4, fillColor: "#17303e" }));
      },
    },
  ).addTo(target);
  for (const feature of features) {
    const point = labelPoint(feature.geometry);
    areaCentres.set(String(feature.properties.id), point);
    if (!withLabels) {
      continue;
    }
    const label = L.marker(point, {
      pane: "labels",
      interactive: false,
      keyboard: false,
      icon: L.divIcon({
        className: "district-label-icon",
        html: districtLabel(String(feature.properties.name)),
        iconSize: null,
      }),
    }).addTo(target);
    districtLabels.push({ label, bounds: geometryBounds(feature.geometry), target });
  }
}

/** Small districts (the old city centre) get a smaller, one-line name, so neighbouring names do not collide. */
function fitDistrictLabels() {
  for (const { label, bounds, target } of districtLabels) {
    const node = label.getElement();
    if (!node) {
      continue;
    }
    const west = target.latLngToContainerPoint(bounds.getSouthWest());
    const east = target.latLngToContainerPoint(bounds.getNorthEast());
    node.classList.toggle("compact", Math.abs(east.x - west.x) < 110);
  }
}

/** Draws the land and the areas with their names, and fits the view to the city (far-off areas go to the inset). */
export function drawBaseLayers(land, districts) {
  const { main, outlying } = splitOutlyingAreas(districts.features);
  drawAreas(map, main, land, true);
  const bounds = L.latLngBounds([]);
  for (const feature of main) {
    bounds.extend(geometryBounds(feature.geometry));
  }
  map.fitBounds(bounds, { padding: [12, 12] });
  fitDistrictLabels();
  map.on("zoomend", fitDistrictLabels);

  if (outlying.length > 0) {
    $("#inset").hidden = false;
    insetMap = L.map("inset-map", {
      zoomControl: false,
      attributionControl: false,
      dragging: false,
      scrollWheelZoom: false,
      doubleClickZoom: false,
      boxZoom: false,
      keyboard: false,
      touchZoom: false,
      zoomSnap: 0.25,
    });
    for (const [name, z] of [
      ["land", 200],
      ["districts", 300],
      ["labels", 450],
      ["cameras", 500],
    ]) {
      addPane(insetMap, name, z);
    }
    // The inset is too small for a label on the island: its name goes in the caption.
    drawAreas(insetMap, outlying, null, false);
    const names = outlying.map((f) => String(f.properties.name)).join(", ");
    const caption = () => {
      $("#inset-caption").textContent = `${names} · ${t("inset")}`;
    };
    caption();
    refreshers.push(caption);
    const insetBounds = L.latLngBounds([]);
    for (const feature of outlying) {
      insetBounds.extend(geometryBounds(feature.geometry));
    }
    insetMap.fitBounds(insetBounds.pad(0.6));
  }
}

/** Cameras and ports from the reference data, with their names as tooltips and permanent port labels. */
export function drawReference(reference) {
  for (const camera of reference.cameras) {
    const targets = [map];
    if (insetMap && insetMap.getBounds().contains([camera.lat, camera.lon])) {
      targets.push(insetMap);
    }
    for (const target of targets) {
      let marker;
      if (camera.kind === "desk") {
        marker = L.marker([camera.lat, camera.lon], {
          pane: "cameras",
          keyboard: false,
          icon: L.divIcon({ className: "desk-marker", iconSize: [12, 12] }),
        });
      } else {
        marker = L.circleMarker([camera.lat, camera.lon], {
          pane: "cameras",
          radius: 4.5,
          color: "#06121b",
          weight: 1.2,
          fillColor: "#39c6ff",
          fillOpacity: 0.95,
          className: "traffic-marker",
        });
      }
      marker.bindTooltip(() => textTooltip([pick(camera.name), pick(camera.office) || camera.road, camera.id]), {
        direction: "top",
        className: "wall-tooltip",
      });
      marker.addTo(target);
    }
  }

  for (const port of reference.ports) {
    const marker = L.marker([port.lat, port.lon], {
      pane: "ports",
      keyboard: false,
      icon: L.divIcon({ className: "port-marker", iconSize: [18, 18] }),
    });
    const label = () => el("span", "port-label-text", pick(port.name));
    marker.bindTooltip(label, { permanent: true, direction: "right", offset: [10, 0], className: "port-label" });
    marker.addTo(map);
    portMarkers.push(marker);
    refreshers.push(() => {
      marker.setTooltipContent(label);
      placePortLabels();
    });
  }
  placePortLabels();
  map.on("zoomend", placePortLabels);
}

const LABEL_SIDES = [
  ["right", [10, 0]],
  ["left", [-10, 0]],
  ["top", [0, -10]],
  ["bottom", [0, 10]],
];

function overlap(a, b) {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Ports sit close together (Đình Vũ and Tân Vũ are 700 m apart) in the busiest part of the map, so each port's name
 * goes on the side where it covers the fewest district names, other port names and markers.
 */
function placePortLabels() {
  const mapBox = $("#map").getBoundingClientRect();
  const obstacles = [...document.querySelectorAll("#map .district-label, #map .port-marker")].map((n) =>
    n.getBoundingClientRect(),
  );
  for (const marker of portMarkers) {
    const tooltip = marker.getTooltip();
    const node = tooltip && tooltip.getElement();
    if (!node) {
      continue;
    }
    let best = null;
    for (const [direction, offset] of LABEL_SIDES) {
      tooltip.options.direction = direction;
      tooltip.options.offset = L.point(offset);
      tooltip.update();
      const box = node.getBoundingClientRect();
      let cost = obstacles.reduce((sum, other) => sum + overlap(box, other), 0);
      // Off the map edge counts as fully covered.
      cost += box.width * box.height - overlap(box, mapBox);
      if (!best || cost < best.cost) {
        best = { cost, direction, offset, box };
      }
    }
    tooltip.options.direction = best.direction;
    tooltip.options.offset = L.point(best.offset);
    tooltip.update();
    obstacles.push(best.box);
  }
}
