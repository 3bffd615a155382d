// The wall's own words in Vietnamese (the default) and English. Texts that arrive with the data (alert titles,
// camera and port names) carry both languages themselves and are picked with pick().

const STORAGE_KEY = "ioc.wall.lang";
const CITY_TIME_ZONE = "Asia/Ho_Chi_Minh";

const STRINGS = {
  vi: {
    title: "Trung tâm Giám sát, điều hành đô thị thông minh Hải Phòng",
    subtitle: "Hai Phong Intelligent Operations Center",
    langSwitch: "Chuyển sang tiếng Anh",
    mapLabel: "Bản đồ thành phố Hải Phòng",
    "state.connected": "Đã kết nối",
    "state.reconnecting": "Đang kết nối lại",
    "state.disconnected": "Mất kết nối",
    "detail.connecting": "Đang kết nối máy chủ…",
    "detail.live": "Dữ liệu trực tiếp",
    "detail.mqtt": "Máy chủ mất kết nối luồng dữ liệu MQTT",
    "detail.server": "Mất kết nối máy chủ, thử lại sau {s} giây",
    "detail.stale": "Dữ liệu có thể đã cũ từ {time}",
    "kpi.vehicles": "Phương tiện / phút",
    "kpi.vehicles.sub": "toàn thành phố · {n} camera",
    "kpi.reports": "Phản ánh đang mở",
    "kpi.reports.sub": "toàn thành phố",
    "kpi.alerts": "Cảnh báo đang hoạt động",
    "kpi.deadletters": "Bản tin lỗi",
    "kpi.deadletters.sub": "bị loại khỏi luồng dữ liệu",
    "kpi.gust": "Gió giật lớn nhất tại cảng",
    "kpi.gust.thresholds": "Cảnh báo {warn} m/s · Dừng cẩu {stop} m/s",
    "kpi.noData": "chưa có dữ liệu",
    alerts: "Cảnh báo",
    "alerts.empty": "Không có cảnh báo đang hoạt động",
    "alert.cleared": "Đã kết thúc",
    "severity.critical": "Khẩn cấp",
    "severity.high": "Cao",
    "severity.medium": "Trung bình",
    "severity.low": "Thấp",
    "severity.informational": "Thông tin",
    "domain.traffic": "Giao thông",
    "domain.desk": "Một cửa",
    "domain.report": "Phản ánh",
    "domain.port": "Cảng",
    "domain.system": "Hệ thống",
    "legend.traffic": "Camera giao thông",
    "legend.desk": "Camera bộ phận một cửa",
    "legend.port": "Cảng",
    "legend.alert": "Cảnh báo",
    inset: "Huyện đảo ngoài khơi",
    "attr.land": "Đường bờ biển: © OpenStreetMap contributors (ODbL)",
    "attr.areas": "Ranh giới quận huyện: gis.chinhphu.vn qua dvhcvn (GPL-3.0)",
  },
  en: {
    title: "Hai Phong Intelligent Operations Center",
    subtitle: "Trung tâm Giám sát, điều hành đô thị thông minh Hải Phòng",
    langSwitch: "Switch to Vietnamese",
    mapLabel: "Map of Hai Phong city",
    "state.connected": "Connected",
    "state.reconnecting": "Reconnecting",
    "state.disconnected": "Disconnected",
    "detail.connecting": "Connecting to the server…",
    "detail.live": "Live data",
    "detail.mqtt": "The server lost its MQTT data feed",
    "detail.server": "Server connection lost, retrying in {s} s",
    "detail.stale": "Data may be stale since {time}",
    "kpi.vehicles": "Vehicles / minute",
    "kpi.vehicles.sub": "city-wide · {n} cameras",
    "kpi.reports": "Open citizen reports",
    "kpi.reports.sub": "city-wide",
    "kpi.alerts": "Active alerts",
    "kpi.deadletters": "Rejected messages",
    "kpi.deadletters.sub": "dropped from the data feeds",
    "kpi.gust": "Max wind gust at the ports",
    "kpi.gust.thresholds": "Warning {warn} m/s · Stop cranes {stop} m/s",
    "kpi.noData": "no data yet",
    alerts: "Alerts",
    "alerts.empty": "No active alerts",
    "alert.cleared": "Cleared",
    "severity.critical": "Critical",
    "severity.high": "High",
    "severity.medium": "Medium",
    "severity.low": "Low",
    "severity.informational": "Info",
    "domain.traffic": "Traffic",
    "domain.desk": "Service desk",
    "domain.report": "Report",
    "domain.port": "Port",
    "domain.system": "System",
    "legend.traffic": "Traffic camera",
    "legend.desk": "Service desk camera",
    "legend.port": "Port",
    "legend.alert": "Alert",
    inset: "Offshore island district",
    "attr.land": "Coastline: © OpenStreetMap contributors (ODbL)",
    "attr.areas": "District boundaries: gis.chinhphu.vn via dvhcvn (GPL-3.0)",
  },
};

export const LANGUAGES = Object.keys(STRINGS);

let current = loadLanguage();

function loadLanguage() {
  // A kiosk can be set up with ?lang=en in its start URL; the choice is then remembered like a click on the switch.
  const asked = new URLSearchParams(window.location.search).get("lang");
  if (LANGUAGES.includes(asked)) {
    try {
      window.localStorage.setItem(STORAGE_KEY, asked);
    } catch (e) {
      // Used for this page only.
    }
    return asked;
  }
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : "vi";
  } catch (e) {
    // Storage can be disabled (kiosk profiles); the wall then simply starts in Vietnamese.
    return "vi";
  }
}

export function lang() {
  return current;
}

export function setLang(next) {
  if (!LANGUAGES.includes(next)) {
    return;
  }
  current = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch (e) {
    // Not remembered across reloads, still switched now.
  }
}

/** The wall's text for a key in the current language, with {name} placeholders filled in. */
export function t(key, values) {
  const text = STRINGS[current][key] ?? STRINGS.vi[key] ?? key;
  if (!values) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
}

/** The current language's side of a {vi, en} text from the data, falling back to the other side. */
export function pick(localized) {
  if (localized == null) {
    return "";
  }
  if (typeof localized === "string") {
    return localized;
  }
  return localized[current] || localized.vi || localized.en || "";
}

function locale() {
  return current === "vi" ? "vi-VN" : "en-GB";
}

/** Times are shown in the city's time zone, whatever the machine running the browser is set to. */
export function formatTime(date, withSeconds) {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: CITY_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    second: withSeconds ? "2-digit" : undefined,
    hour12: false,
  }).format(date);
}

export function formatDate(date) {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: CITY_TIME_ZONE,
    weekday: "long",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(date);
}

export function formatNumber(value, fractionDigits) {
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: fractionDigits ?? 0,
    maximumFractionDigits: fractionDigits ?? 0,
  }).format(value);
}

/** True when both dates fall on the same calendar day in the city. */
export function sameCityDay(a, b) {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: CITY_TIME_ZONE });
  return day.format(a) === day.format(b);
}

export function formatShortDate(date) {
  return new Intl.DateTimeFormat(locale(), { timeZone: CITY_TIME_ZONE, day: "2-digit", month: "2-digit" }).format(
    date,
  );
}
