import catalogVi from "@/messages/vi/catalog.json";
import type { HistoryFigures, HistoryValues } from "@/lib/dal/history";
import type { IndicatorValues, UnitIndicators } from "@/lib/dal/indicators";
import type { PeriodicReportData } from "@/lib/dal/periodic-report";
import { SKILLS, TARGET_GROUPS } from "@/lib/domain/catalog";
import { monthStart, monthsBetween, type Period } from "@/lib/domain/period";
import { formatNumber, formatPercent } from "@/lib/format";
import { barChartSvg, type ChartSvg } from "./charts";

/**
 * The periodic report ("Báo cáo kết quả hoạt động của Tổ Công nghệ số cộng đồng") as content, in
 * Vietnamese whatever the reader's language: an official document. The .docx and the print page
 * both render this one model, so they state the same figures.
 */

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; text: string; level: 1 | 2 }
  | { kind: "table"; id: string; caption: string; header: string[]; rows: string[][]; numeric: boolean[]; widths: number[]; note?: string }
  | { kind: "chart"; caption: string; chart: ChartSvg };

export interface ReportModel {
  /** Top of the left column: the parent body (may be empty) and the issuing unit. */
  issuer: { parent: string; unit: string };
  /** "Số: …/BC-UBND": the number is left for the office to fill in. */
  number: string;
  dateLine: string;
  title: string;
  subtitle: string;
  periodLine: string;
  blocks: Block[];
  recipients: string[];
  signature: { authority: string; title: string };
  fileName: string;
}

const vn = (v: number) => formatNumber("vi", v);
const pct = (a: number, b: number) => formatPercent("vi", a, b);
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Change from an earlier figure: "+12,5%", "−3,0%", "—" when there is nothing to compare with. */
export function change(now: number, before: number): string {
  if (!before) return "—";
  const rate = (now - before) / before;
  const text = formatNumber("vi", Math.abs(rate) * 100, 1);
  return rate === 0 ? "0,0%" : `${rate > 0 ? "+" : "−"}${text}%`;
}

/** Decree 30/2020/NĐ-CP: days below 10 and the months January and February are written with a leading zero. */
export function dateLine(place: string, iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${place}, ngày ${String(d).padStart(2, "0")} tháng ${m <= 2 ? String(m).padStart(2, "0") : m} năm ${y}`;
}

const ROMAN = ["I", "II", "III", "IV"];

/** "tháng 6 năm 2026", "quý II năm 2026", "6 tháng đầu năm 2026", "năm 2026", else the date range. */
export function periodName(p: Period): string {
  const months = monthsBetween(monthStart(p.from), monthStart(p.to));
  const [y, m] = p.from.split("-").map(Number);
  const sameYear = p.to.startsWith(String(y));
  if (months.length === 1) return `tháng ${m} năm ${y}`;
  if (months.length === 3 && sameYear && (m - 1) % 3 === 0) return `quý ${ROMAN[(m - 1) / 3]} năm ${y}`;
  if (months.length === 6 && sameYear && m === 1) return `6 tháng đầu năm ${y}`;
  if (months.length === 6 && sameYear && m === 7) return `6 tháng cuối năm ${y}`;
  if (months.length === 12 && m === 1) return `năm ${y}`;
  return `từ ngày ${dmy(p.from)} đến ngày ${dmy(p.to)}`;
}

/** Rows of the main table: what each states, and where /api/indicators has it. */
export const INDICATOR_ROWS: { key: keyof IndicatorValues; label: string; levels: ("national" | "province" | "commune")[] }[] = [
  { key: "teams_active", label: "Số Tổ Công nghệ số cộng đồng", levels: ["national", "province", "commune"] },
  { key: "members_active", label: "Số thành viên", levels: ["national", "province", "commune"] },
  { key: "communes_with_team", label: "Số xã, phường, đặc khu có tổ", levels: ["national", "province"] },
  { key: "hamlets_with_team", label: "Số thôn, tổ dân phố có tổ", levels: ["national", "province", "commune"] },
  { key: "households_visited", label: "Số hộ gia đình được đến hướng dẫn", levels: ["national", "province", "commune"] },
  { key: "people_guided", label: "Số lượt người được hướng dẫn", levels: ["national", "province", "commune"] },
  { key: "people_completed", label: "Số lượt người hoàn thành", levels: ["national", "province", "commune"] },
  { key: "trainings", label: "Số lớp bồi dưỡng, tập huấn", levels: ["national", "province", "commune"] },
  { key: "attendances", label: "Số lượt thành viên tham dự bồi dưỡng", levels: ["national", "province", "commune"] },
  { key: "members_trained_12m", label: "Số thành viên được bồi dưỡng trong 12 tháng", levels: ["national", "province", "commune"] },
  { key: "reports_submitted", label: "Số báo cáo tháng đã gửi", levels: ["national", "province", "commune"] },
  { key: "reports_expected", label: "Số báo cáo tháng phải gửi", levels: ["national", "province", "commune"] },
];

const HISTORY_ROWS: { key: keyof Omit<HistoryValues, "by_skill">; label: string }[] = [
  { key: "teams", label: "Số Tổ Công nghệ số cộng đồng" },
  { key: "members", label: "Số thành viên" },
  { key: "households_visited", label: "Số hộ gia đình được đến hướng dẫn" },
  { key: "people_guided", label: "Số lượt người được hướng dẫn" },
  { key: "people_completed", label: "Số lượt người hoàn thành" },
  { key: "trainings", label: "Số lớp bồi dưỡng, tập huấn" },
  { key: "members_trained", label: "Số thành viên được bồi dưỡng" },
];

export const HISTORY_LABEL = "số liệu tổng hợp từ báo cáo trước 7/2025";

function issuerOf(data: PeriodicReportData): { issuer: ReportModel["issuer"]; symbol: string; place: string; signature: ReportModel["signature"]; recipients: string[] } {
  const { unit, parent } = data;
  if (unit.level === "national") {
    return {
      issuer: { parent: "", unit: "BỘ KHOA HỌC VÀ CÔNG NGHỆ" },
      symbol: "BC-BKHCN",
      place: "Hà Nội",
      signature: { authority: "KT. BỘ TRƯỞNG", title: "THỨ TRƯỞNG" },
      recipients: ["Thủ tướng Chính phủ (để báo cáo);", "Ủy ban nhân dân các tỉnh, thành phố;", "Lưu: VT."],
    };
  }
  if (unit.level === "province") {
    const kind = /^Thành phố/.test(unit.kind ?? "") ? "thành phố" : "tỉnh";
    return {
      issuer: { parent: `ỦY BAN NHÂN DÂN ${kind.toUpperCase()} ${unit.name.toUpperCase()}`, unit: "SỞ KHOA HỌC VÀ CÔNG NGHỆ" },
      symbol: "BC-SKHCN",
      place: unit.name,
      signature: { authority: "", title: "GIÁM ĐỐC" },
      recipients: ["Bộ Khoa học và Công nghệ;", `Ủy ban nhân dân ${kind} ${unit.name};`, "Lưu: VT."],
    };
  }
  const province = parent?.name ?? unit.provinceName ?? "";
  return {
    issuer: { parent: "ỦY BAN NHÂN DÂN", unit: unit.name.toUpperCase() },
    symbol: "BC-UBND",
    place: province,
    signature: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" },
    recipients: [`Sở Khoa học và Công nghệ ${province};`, "Lưu: VT."],
  };
}

function childTable(data: PeriodicReportData): Block | null {
  const { current, unit } = data;
  if (unit.level === "commune" || current.children.length === 0) return null;
  const national = unit.level === "national";
  return {
    kind: "table",
    id: "children",
    caption: `Bảng 4. Kết quả theo ${national ? "tỉnh, thành phố" : "xã, phường, đặc khu"}`,
    header: ["STT", national ? "Tỉnh, thành phố" : "Xã, phường, đặc khu", "Số tổ", "Thành viên", national ? "Xã có tổ" : "Thôn có tổ", "Người được hướng dẫn", "Người hoàn thành", "Báo cáo đã gửi"],
    numeric: [true, false, true, true, true, true, true, true],
    widths: [6, 26, 9, 12, 11, 13, 12, 11],
    rows: current.children.map((c, i) => {
      const v = c.indicators;
      return [
        String(i + 1),
        c.name,
        vn(v.teams_active),
        vn(v.members_active),
        national ? `${vn(v.communes_with_team)}/${vn(v.communes_total)}` : `${vn(v.hamlets_with_team)}/${vn(v.hamlets_total)}`,
        vn(v.people_guided),
        vn(v.people_completed),
        `${vn(v.reports_submitted)}/${vn(v.reports_expected)}`,
      ];
    }),
  };
}

const historyCell = (v: number | null) => (v === null ? "—" : vn(v));

function historyBlocks(data: PeriodicReportData): Block[] {
  const h = data.history;
  const periods: [string, HistoryFigures][] = [
    ["Kỳ này", h.current],
    ["Kỳ trước", h.previous],
    ["Cùng kỳ năm trước", h.lastYear],
  ];
  if (periods.every(([, f]) => f.total === null)) return [];
  const window = (f: HistoryFigures) => (f.window ? `${dmy(f.window.from)} – ${dmy(f.window.to)}` : "—");
  return [
    { kind: "heading", level: 1, text: `IV. SỐ LIỆU TỔNG HỢP TỪ BÁO CÁO TRƯỚC 7/2025` },
    {
      kind: "paragraph",
      text: `Trước ngày ${dmy(h.current.cutover)}, số liệu chính thức là số liệu tổng hợp từ báo cáo của các đơn vị hành chính trước sắp xếp, được quy đổi sang đơn vị hiện nay theo bảng chuyển đổi chính thức. Các số liệu này được trình bày riêng, không cộng vào số liệu ghi nhận trên hệ thống ở các mục trên.`,
    },
    {
      kind: "table",
      id: "history",
      caption: `Bảng 5. Số liệu tổng hợp (${HISTORY_LABEL})`,
      header: ["Chỉ tiêu", ...periods.map(([label, f]) => `${label} (${window(f)})`)],
      numeric: [false, true, true, true],
      widths: [34, 22, 22, 22],
      rows: HISTORY_ROWS.map((r) => [r.label, ...periods.map(([, f]) => historyCell(f.total?.[r.key] ?? null))]),
      note: "Số tổ, số thành viên: số liệu tháng cuối cùng có báo cáo trong kỳ; các chỉ tiêu khác: cộng dồn trong kỳ.",
    },
  ];
}

function trendChart(current: UnitIndicators, history: HistoryFigures): ChartSvg | null {
  const byMonth = new Map<string, number>();
  for (const t of current.trend) byMonth.set(t.month, (byMonth.get(t.month) ?? 0) + t.people_guided);
  const months = monthsBetween(monthStart(current.period.from), monthStart(current.period.to));
  const imported = new Map(history.months.map((m) => [m.month, m.people_guided ?? 0]));
  if (months.length < 2 || (byMonth.size === 0 && imported.size === 0)) return null;
  return barChartSvg({
    title: "Số lượt người được hướng dẫn theo tháng",
    categories: months.map((m) => `${m.slice(5, 7)}/${m.slice(2, 4)}`),
    series: [
      { name: "Ghi nhận trên hệ thống", color: "#1d4ed8", values: months.map((m) => byMonth.get(m) ?? 0) },
      ...(imported.size > 0 ? [{ name: `Số liệu tổng hợp trước 7/2025`, color: "#d97706", values: months.map((m) => imported.get(m) ?? 0) }] : []),
    ],
  });
}

export function buildReportModel(data: PeriodicReportData): ReportModel {
  const { unit, current, previous, lastYear, periods } = data;
  const i = current.indicators;
  const { issuer, symbol, place, signature, recipients } = issuerOf(data);
  const levelRows = INDICATOR_ROWS.filter((r) => r.levels.includes(unit.level));
  const national = unit.level === "national";
  const commune = unit.level === "commune";
  const asAt = dmy(current.as_at);

  const situation = [
    `Tính đến ngày ${asAt}, ${unit.name} có ${vn(i.teams_active)} Tổ Công nghệ số cộng đồng với ${vn(i.members_active)} thành viên` +
      ` (bình quân ${formatNumber("vi", i.teams_active ? i.members_active / i.teams_active : 0, 1)} thành viên/tổ; nữ chiếm ${pct(i.members_female, i.members_active)}).`,
    commune
      ? `${vn(i.hamlets_with_team)}/${vn(i.hamlets_total)} thôn, tổ dân phố có tổ (${pct(i.hamlets_with_team, i.hamlets_total)}).`
      : `${vn(i.communes_with_team)}/${vn(i.communes_total)} xã, phường, đặc khu có tổ (${pct(i.communes_with_team, i.communes_total)}); ${vn(i.hamlets_with_team)}/${vn(i.hamlets_total)} thôn, tổ dân phố có tổ.` +
        (national ? ` ${vn(i.provinces_full_coverage ?? 0)}/${vn(current.children.length)} tỉnh, thành phố có tổ ở 100% xã, phường, đặc khu.` : ""),
  ].join(" ");

  const skillRows = SKILLS.map((s) => {
    const v = current.by_skill[String(s)];
    return [catalogVi.skills[String(s) as keyof typeof catalogVi.skills], vn(v.people_guided), vn(v.people_completed), pct(v.people_completed, v.people_guided)];
  });
  const groupRows = TARGET_GROUPS.map((g) => {
    const v = current.by_target_group[g];
    return [catalogVi.targetGroups[g as keyof typeof catalogVi.targetGroups], vn(v.people_guided), vn(v.people_completed), pct(v.people_completed, v.people_guided)];
  });
  const trend = trendChart(current, data.history.current);
  const children = childTable(data);

  const blocks: Block[] = [
    { kind: "heading", level: 1, text: "I. TÌNH HÌNH CHUNG" },
    { kind: "paragraph", text: situation },
    {
      kind: "table",
      id: "indicators",
      caption: "Bảng 1. Chỉ tiêu chính, so sánh với kỳ trước và cùng kỳ năm trước",
      header: ["Chỉ tiêu", `Kỳ này (${dmy(periods.current.from)} – ${dmy(periods.current.to)})`, `Kỳ trước (${dmy(periods.previous.from)} – ${dmy(periods.previous.to)})`, `Cùng kỳ năm trước (${dmy(periods.lastYear.from)} – ${dmy(periods.lastYear.to)})`, "So với kỳ trước", "So với cùng kỳ"],
      numeric: [false, true, true, true, true, true],
      widths: [30, 14, 14, 14, 14, 14],
      rows: levelRows.map((r) => {
        const [a, b, c] = [current, previous, lastYear].map((d) => d.indicators[r.key] ?? 0);
        return [r.label, vn(a), vn(b), vn(c), change(a, b), change(a, c)];
      }),
      note: "Số tổ, thành viên, đơn vị có tổ: tại ngày cuối của kỳ; các chỉ tiêu khác: cộng dồn trong kỳ.",
    },
    { kind: "heading", level: 1, text: "II. KẾT QUẢ HOẠT ĐỘNG" },
    { kind: "heading", level: 2, text: "1. Hướng dẫn người dân sử dụng nền tảng số, kỹ năng số" },
    {
      kind: "paragraph",
      text: `Trong kỳ, các tổ đã đến ${vn(i.households_visited)} hộ gia đình, hướng dẫn ${vn(i.people_guided)} lượt người; ${vn(i.people_completed)} lượt người hoàn thành (tỷ lệ ${pct(i.people_completed, i.people_guided)}). So với kỳ trước, số lượt người được hướng dẫn ${change(i.people_guided, previous.indicators.people_guided)}; so với cùng kỳ năm trước ${change(i.people_guided, lastYear.indicators.people_guided)}.`,
    },
    { kind: "table", id: "skills", caption: "Bảng 2. Kết quả hướng dẫn theo kỹ năng", header: ["Kỹ năng", "Người được hướng dẫn", "Người hoàn thành", "Tỷ lệ hoàn thành"], numeric: [false, true, true, true], widths: [40, 20, 20, 20], rows: skillRows },
    {
      kind: "chart",
      caption: "Hình 1. Kết quả hướng dẫn theo kỹ năng",
      chart: barChartSvg({
        title: "Kết quả hướng dẫn theo kỹ năng",
        categories: SKILLS.map((s) => catalogVi.skills[String(s) as keyof typeof catalogVi.skills]),
        series: [
          { name: "Được hướng dẫn", color: "#1d4ed8", values: SKILLS.map((s) => current.by_skill[String(s)].people_guided) },
          { name: "Hoàn thành", color: "#15803d", values: SKILLS.map((s) => current.by_skill[String(s)].people_completed) },
        ],
      }),
    },
    { kind: "table", id: "groups", caption: "Bảng 3. Kết quả hướng dẫn theo nhóm đối tượng", header: ["Nhóm đối tượng", "Người được hướng dẫn", "Người hoàn thành", "Tỷ lệ hoàn thành"], numeric: [false, true, true, true], widths: [40, 20, 20, 20], rows: groupRows },
    ...(trend ? [{ kind: "chart" as const, caption: "Hình 2. Số lượt người được hướng dẫn theo tháng", chart: trend }] : []),
    { kind: "heading", level: 2, text: "2. Bồi dưỡng, tập huấn thành viên tổ" },
    {
      kind: "paragraph",
      text: `Trong kỳ, ${national ? "cấp trung ương" : unit.name} đã tổ chức ${vn(i.trainings)} lớp bồi dưỡng, tập huấn với ${vn(i.attendances)} lượt thành viên tham dự. Trong 12 tháng tính đến cuối kỳ, ${vn(i.members_trained_12m)} thành viên đã được bồi dưỡng (${pct(i.members_trained_12m, i.members_active)} số thành viên).`,
    },
    { kind: "heading", level: 2, text: "3. Chế độ báo cáo" },
    {
      kind: "paragraph",
      text: `Đã gửi ${vn(i.reports_submitted)}/${vn(i.reports_expected)} báo cáo tháng phải gửi trong kỳ (${pct(i.reports_submitted, i.reports_expected)}); ${vn(i.reports_on_time)} báo cáo gửi đúng hạn (${pct(i.reports_on_time, i.reports_submitted)} số báo cáo đã gửi).`,
    },
    ...(children ? [{ kind: "heading" as const, level: 1 as const, text: `III. KẾT QUẢ THEO ĐƠN VỊ` }, children] : []),
    ...historyBlocks(data),
  ];

  const code = unit.code;
  return {
    issuer,
    number: `Số:        /${symbol}`,
    dateLine: dateLine(place, data.issuedOn),
    title: "BÁO CÁO",
    subtitle: "Kết quả hoạt động của Tổ Công nghệ số cộng đồng",
    periodLine: `Kỳ báo cáo: ${periodName(periods.current)}`,
    blocks,
    recipients,
    signature,
    fileName: `bao-cao-to-cnscd-${code}-${periods.current.from.slice(0, 7)}-${periods.current.to.slice(0, 7)}.docx`,
  };
}
