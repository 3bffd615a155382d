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
    "legend.vessel": "Tàu (AIS)",
    "ports.title": "Cảng biển",
    "port.gust": "Gió giật lớn nhất",
    "port.cranes": "Cẩu làm việc / dừng",
    "port.berth": "Tàu tại bến",
    "port.gate": "Hàng chờ cổng",
    "port.gateWait": "Thời gian chờ cổng",
    "port.trucks": "Xe qua cổng / giờ",
    "port.moves": "Lượt cẩu / giờ",
    "port.yard": "Lấp đầy bãi",
    "port.reefers": "Container lạnh lệch nhiệt",
    "port.water": "Mực nước",
    "unit.trucks": "xe",
    "unit.min": "phút",
    "vessel.speedLabel": "Tốc độ",
    "vessel.speed": "{v} hải lý/giờ",
    "vessel.atBerth": "Đang cập bến",
    "vessel.underway": "Ngoài bến",
    "vessel.updated": "Cập nhật",
    inset: "Huyện đảo ngoài khơi",
    "attr.land": "Đường bờ biển: © OpenStreetMap contributors (ODbL)",
    "attr.areas": "Ranh giới quận huyện: gis.chinhphu.vn qua dvhcvn (GPL-3.0)",
    "history.open": "Lịch sử",
    "history.openTitle": "Xem lịch sử cảnh báo",
    "history.off": "Chưa có lịch sử: máy chủ chưa kết nối cơ sở dữ liệu",
    "history.close": "Đóng",
    "history.tileHint": "Nhấn để xem biểu đồ 24 giờ",
    "history.error": "Không tải được lịch sử: {message}",
    "history.loading": "Đang tải…",
    "chart.title": "{kpi} · 24 giờ qua",
    "chart.scope": "Phạm vi",
    "chart.noData": "Không có dữ liệu trong 24 giờ qua",
    "chart.avg": "Trung bình",
    "chart.min": "Thấp nhất",
    "chart.max": "Cao nhất",
    "chart.band": "Khoảng thấp nhất – cao nhất",
    "chart.target": "Ngưỡng {value}",
    "chart.summary": "24 giờ: thấp nhất {min} · trung bình {avg} · cao nhất {max} {unit}",
    "chart.every": "mỗi điểm: {resolution}",
    "scope.camera": "Camera",
    "scope.area": "Quận/huyện",
    "scope.port": "Cảng",
    "scope.city": "Toàn thành phố",
    "alertHistory.title": "Lịch sử cảnh báo",
    "alertHistory.range": "Thời gian",
    "alertHistory.range.6h": "6 giờ qua",
    "alertHistory.range.24h": "24 giờ qua",
    "alertHistory.range.7d": "7 ngày qua",
    "alertHistory.range.30d": "30 ngày qua",
    "alertHistory.area": "Khu vực",
    "alertHistory.domain": "Lĩnh vực",
    "alertHistory.severity": "Mức độ từ",
    "alertHistory.status": "Trạng thái",
    "alertHistory.all": "Tất cả",
    "alertHistory.active": "Đang hoạt động",
    "alertHistory.cleared": "Đã kết thúc",
    "alertHistory.more": "Xem thêm",
    "alertHistory.empty": "Không có cảnh báo nào khớp bộ lọc",
    "alertHistory.count": "{n} cảnh báo",
    "alertHistory.pick": "Chọn một cảnh báo để xem các lần thay đổi",
    "alertHistory.changes": "Các lần thay đổi",
    "alertHistory.change": "Lần {seq}",
    "alertHistory.raised": "Phát sinh {time}",
    // citizen reports (reports.js)
    "domain.incident": "Sự cố liên hợp",
    "legend.report": "Phản ánh (màu theo hạn xử lý)",
    "legend.hotspot": "Điểm nóng phản ánh",
    "legend.fused": "Sự cố camera + phản ánh",
    "deadlines.title": "Phản ánh · hạn xử lý",
    "deadlines.empty": "Không có phản ánh đang mở",
    "dur.m": "{m} phút",
    "dur.h": "{h} giờ",
    "dur.hm": "{h} giờ {m} phút",
    "dur.dh": "{d} ngày {h} giờ",
    "report.deadline.ack": "tiếp nhận",
    "report.deadline.resolve": "xử lý",
    "report.dueIn": "còn {d} để {what}",
    "report.overdue": "quá hạn {what} {d}",
    "report.age": "gửi {d} trước",
    "report.lateCount": "{n} quá hạn",
    "report.more": "và {n} phản ánh khác",
    "report.escalated": "Đã chuyển cấp trên",
    "report.late.ack": "Quá hạn tiếp nhận",
    "report.late.resolve": "Quá hạn xử lý",
    "report.status.OPEN": "Chờ tiếp nhận",
    "report.status.INVESTIGATING": "Đã tiếp nhận, đang xác minh",
    "report.status.IN_PROGRESS": "Đang xử lý",
    "report.status.ACTION_SCHEDULED": "Đã lên lịch xử lý",
    "report.status.FIXED": "Đã xử lý xong",
    "report.status.CLOSED": "Đã đóng",
    "report.status.DUPLICATE": "Trùng phản ánh khác",
    "report.status.NOT_COUNCILS_RESPONSIBILITY": "Không thuộc thẩm quyền",
    "report.status.NO_FURTHER_ACTION": "Không cần xử lý thêm",
    "report.status.INTERNAL_REFERRAL": "Chuyển đơn vị khác",
    "report.kpi.today": "Nhận hôm nay",
    "report.kpi.open": "Đang mở",
    "report.kpi.ackOnTime": "Tiếp nhận đúng hạn",
    "report.kpi.resolvedOnTime": "Xử lý đúng hạn",
    "report.kpi.firstResponse": "Phản hồi đầu (trung vị)",
    "report.kpi.target": "Mục tiêu {v} %",
    "report.hotspot.count": "{n} phản ánh trong cụm",
    "report.id": "Mã phản ánh",
    "report.area": "Khu vực",
    "report.requested": "Gửi lúc",
    "report.deadline": "Thời hạn",
    "report.ackBy": "Hạn tiếp nhận",
    "report.resolveBy": "Hạn xử lý",
    "report.duplicateOf": "Có thể trùng với",
    "report.partOfIncident": "Xem sự cố liên hợp",
    "report.partOfHotspot": "Thuộc một điểm nóng",
    "report.noDescription": "Không có mô tả",
    "report.photo": "Ảnh người dân gửi kèm",
    "report.history": "Diễn biến",
    "report.history.none": "Chưa có diễn biến trong lịch sử",
    "report.history.error": "Không tải được diễn biến: {message}",
    "report.filed": "Người dân gửi phản ánh",
    "report.actions": "Cập nhật trạng thái",
    "report.note": "Ghi chú gửi người dân (không bắt buộc)",
    "report.action.ack": "Tiếp nhận",
    "report.action.progress": "Đang xử lý",
    "report.action.fixed": "Đã xử lý",
    "report.action.closed": "Đóng",
    "report.action.duplicate": "Trùng lặp",
    "report.sending": "Đang gửi…",
    "report.sent": "Đã gửi: {status}",
    "report.denied": "Không được phép: {message}",
    "report.refused": "Không cập nhật được: {message}",
    "report.fused": "Sự cố liên hợp (camera + phản ánh)",
    "report.fused.kind": "Loại",
    "report.fused.raised": "Phát sinh",
    "report.fused.evidence": "Nguồn chứng cứ",
    "report.fused.sources": "{n} nguồn: camera và phản ánh",
    "report.fused.camera": "Camera",
    "report.fused.report": "Phản ánh",
    "report.fused.confidence": "độ tin cậy {v} %",
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
    "legend.vessel": "Vessel (AIS)",
    "ports.title": "Ports",
    "port.gust": "Max wind gust",
    "port.cranes": "Cranes working / stopped",
    "port.berth": "Vessels at berth",
    "port.gate": "Gate queue",
    "port.gateWait": "Gate wait",
    "port.trucks": "Trucks / hour",
    "port.moves": "Crane moves / hour",
    "port.yard": "Yard occupancy",
    "port.reefers": "Reefers out of range",
    "port.water": "Water level",
    "unit.trucks": "trucks",
    "unit.min": "min",
    "vessel.speedLabel": "Speed",
    "vessel.speed": "{v} kn",
    "vessel.atBerth": "At berth",
    "vessel.underway": "Not at berth",
    "vessel.updated": "Updated",
    inset: "Offshore island district",
    "attr.land": "Coastline: © OpenStreetMap contributors (ODbL)",
    "attr.areas": "District boundaries: gis.chinhphu.vn via dvhcvn (GPL-3.0)",
    "history.open": "History",
    "history.openTitle": "Browse the alert history",
    "history.off": "No history: the server has no database connection",
    "history.close": "Close",
    "history.tileHint": "Click for the last 24 hours",
    "history.error": "The history could not be loaded: {message}",
    "history.loading": "Loading…",
    "chart.title": "{kpi} · last 24 hours",
    "chart.scope": "Scope",
    "chart.noData": "No data in the last 24 hours",
    "chart.avg": "Average",
    "chart.min": "Min",
    "chart.max": "Max",
    "chart.band": "Min – max range",
    "chart.target": "Threshold {value}",
    "chart.summary": "24 hours: min {min} · average {avg} · max {max} {unit}",
    "chart.every": "one point per {resolution}",
    "scope.camera": "Camera",
    "scope.area": "District",
    "scope.port": "Port",
    "scope.city": "City-wide",
    "alertHistory.title": "Alert history",
    "alertHistory.range": "Time",
    "alertHistory.range.6h": "Last 6 hours",
    "alertHistory.range.24h": "Last 24 hours",
    "alertHistory.range.7d": "Last 7 days",
    "alertHistory.range.30d": "Last 30 days",
    "alertHistory.area": "Area",
    "alertHistory.domain": "Domain",
    "alertHistory.severity": "Severity from",
    "alertHistory.status": "Status",
    "alertHistory.all": "All",
    "alertHistory.active": "Active",
    "alertHistory.cleared": "Cleared",
    "alertHistory.more": "Load more",
    "alertHistory.empty": "No alerts match these filters",
    "alertHistory.count": "{n} alerts",
    "alertHistory.pick": "Pick an alert to see its changes",
    "alertHistory.changes": "Changes",
    "alertHistory.change": "Change {seq}",
    "alertHistory.raised": "Raised {time}",
    // citizen reports (reports.js)
    "domain.incident": "Fused incident",
    "legend.report": "Citizen report (colour: deadline)",
    "legend.hotspot": "Report hotspot",
    "legend.fused": "Camera + reports incident",
    "deadlines.title": "Reports · deadlines",
    "deadlines.empty": "No open citizen reports",
    "dur.m": "{m} min",
    "dur.h": "{h} h",
    "dur.hm": "{h} h {m} min",
    "dur.dh": "{d} d {h} h",
    "report.deadline.ack": "acknowledge",
    "report.deadline.resolve": "resolve",
    "report.dueIn": "{d} left to {what}",
    "report.overdue": "{what} overdue by {d}",
    "report.age": "filed {d} ago",
    "report.lateCount": "{n} late",
    "report.more": "and {n} more reports",
    "report.escalated": "Escalated",
    "report.late.ack": "Acknowledgement overdue",
    "report.late.resolve": "Resolution overdue",
    "report.status.OPEN": "Open",
    "report.status.INVESTIGATING": "Acknowledged, investigating",
    "report.status.IN_PROGRESS": "In progress",
    "report.status.ACTION_SCHEDULED": "Action scheduled",
    "report.status.FIXED": "Fixed",
    "report.status.CLOSED": "Closed",
    "report.status.DUPLICATE": "Duplicate",
    "report.status.NOT_COUNCILS_RESPONSIBILITY": "Not the city's responsibility",
    "report.status.NO_FURTHER_ACTION": "No further action",
    "report.status.INTERNAL_REFERRAL": "Referred internally",
    "report.kpi.today": "Received today",
    "report.kpi.open": "Open",
    "report.kpi.ackOnTime": "Acknowledged on time",
    "report.kpi.resolvedOnTime": "Resolved on time",
    "report.kpi.firstResponse": "First response (median)",
    "report.kpi.target": "Target {v} %",
    "report.hotspot.count": "{n} reports in the cluster",
    "report.id": "Report id",
    "report.area": "Area",
    "report.requested": "Filed",
    "report.deadline": "Deadline",
    "report.ackBy": "Acknowledge by",
    "report.resolveBy": "Resolve by",
    "report.duplicateOf": "Likely duplicate of",
    "report.partOfIncident": "Open the fused incident",
    "report.partOfHotspot": "Part of a hotspot",
    "report.noDescription": "No description",
    "report.photo": "Photo sent by the citizen",
    "report.history": "Status history",
    "report.history.none": "No status history yet",
    "report.history.error": "The status history could not be loaded: {message}",
    "report.filed": "Filed by the citizen",
    "report.actions": "Update the status",
    "report.note": "Note to the citizen (optional)",
    "report.action.ack": "Acknowledge",
    "report.action.progress": "In progress",
    "report.action.fixed": "Fixed",
    "report.action.closed": "Close",
    "report.action.duplicate": "Duplicate",
    "report.sending": "Sending…",
    "report.sent": "Sent: {status}",
    "report.denied": "Not allowed: {message}",
    "report.refused": "Not updated: {message}",
    "report.fused": "Fused incident (camera + reports)",
    "report.fused.kind": "Kind",
    "report.fused.raised": "Raised",
    "report.fused.evidence": "Evidence",
    "report.fused.sources": "{n} sources: camera and reports",
    "report.fused.camera": "Camera",
    "report.fused.report": "Report",
    "report.fused.confidence": "confidence {v} %",
  },
};

export const LANGUAGES = Object.keys(STRINGS);

/** Lets a layer of the wall bring its own words ({vi: {...}, en: {...}}), kept in its own module. */
export function addStrings(more) {
  for (const language of LANGUAGES) {
    Object.assign(STRINGS[language], more[language] || {});
  }
}

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
