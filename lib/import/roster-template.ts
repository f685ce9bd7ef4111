import ExcelJS from "exceljs";
import catalogVi from "@/messages/vi/catalog.json";
import { AFFILIATIONS, GENDERS, POSITIONS } from "@/lib/domain/catalog";
import { neutralise } from "@/lib/export/tabular";
import { MAX_DATA_ROWS, ROSTER_COLUMNS, SHEET_NAMES, type ColumnKey } from "./roster";

export interface TemplateTeam {
  communeCode: string;
  communeName: string;
  teamName: string;
  hamletName: string | null;
}

/** The export's name columns are read too, but the template asks for the commune's code. */
type TemplateKey = Exclude<ColumnKey, "communeName" | "provinceName" | "hamletName">;
const TEMPLATE_COLUMNS = ROSTER_COLUMNS.filter((c): c is Extract<(typeof ROSTER_COLUMNS)[number], { key: TemplateKey }> => !["communeName", "provinceName", "hamletName"].includes(c.key));

const WIDTHS: Record<TemplateKey, number> = {
  communeCode: 14,
  teamName: 30,
  fullName: 28,
  gender: 11,
  birthYear: 10,
  phone: 16,
  position: 14,
  affiliations: 36,
  joinedOn: 15,
  leftOn: 15,
};

const list = (values: string[]) => values.join("; ");

/** What each column takes, in Vietnamese, for the instructions sheet. */
const HELP: Record<TemplateKey, { rule: string; example: string }> = {
  communeCode: {
    rule: "Mã xã/phường/đặc khu gồm 5 chữ số. Có thể dùng mã cũ trước ngày 01/7/2025: hệ thống tự chuyển sang đơn vị hiện nay và ghi chú ở bước xem trước.",
    example: "28756",
  },
  teamName: { rule: "Tên tổ CNSCĐ đã có trong xã/phường (xem trang “Tổ hiện có”). Tổ phải được lập trước khi nhập thành viên.", example: "Tổ CNSCĐ Khu phố 1" },
  fullName: { rule: "Họ và tên đầy đủ, tối đa 120 ký tự.", example: "Nguyễn Thị Lan" },
  gender: { rule: `Một trong: ${list(GENDERS.map((g) => catalogVi.genders[g]))}.`, example: catalogVi.genders.female },
  birthYear: { rule: "Năm sinh 4 chữ số (số hoặc chữ), từ 1900 đến năm hiện tại. Có thể để trống.", example: "1988" },
  phone: { rule: "Số điện thoại Việt Nam (di động 10 số hoặc cố định 11 số; chấp nhận +84, dấu cách, dấu chấm). Có thể để trống.", example: "0912 345 678" },
  position: {
    rule: `Một trong: ${list(POSITIONS.map((p) => catalogVi.positions[p]))}. Để trống là Thành viên. Mỗi tổ chỉ có một tổ trưởng đang hoạt động.`,
    example: catalogVi.positions.member,
  },
  affiliations: {
    rule: `Một hoặc nhiều giá trị, cách nhau bằng dấu chấm phẩy (;): ${list(AFFILIATIONS.map((a) => catalogVi.affiliations[a]))}.`,
    example: `${catalogVi.affiliations.youth_union}; ${catalogVi.affiliations.teacher}`,
  },
  joinedOn: { rule: "Ngày dạng dd/MM/yyyy (ví dụ 15/03/2023), yyyy-MM-dd hoặc ô ngày của Excel. Có thể để trống.", example: "15/03/2023" },
  leftOn: { rule: "Chỉ điền khi thành viên đã rời tổ; không được trước ngày tham gia. Định dạng như ngày tham gia.", example: "" },
};

const GENERAL_NOTES = [
  "Điền danh sách vào trang “Danh sách”, giữ nguyên dòng tiêu đề; có thể đổi thứ tự cột. Cột có dấu * là bắt buộc phải có.",
  `Tệp .xlsx, .xls hoặc .csv (UTF-8, UTF-16 hoặc Windows-1258), tối đa 5 MB và ${MAX_DATA_ROWS.toLocaleString("vi-VN")} dòng.`,
  "Không nhập công thức: ô có công thức bị từ chối. Dòng để trống hoàn toàn được bỏ qua; cột không thuộc mẫu được bỏ qua và có thông báo.",
  "Giá trị chữ không phân biệt hoa thường và có thể gõ không dấu (ví dụ “to truong”, “nu”).",
  "Thành viên được nhận ra trong cả xã/phường theo số điện thoại, rồi theo họ tên và năm sinh: người đã có được cập nhật (ở tổ khác thì được chuyển tổ), người chưa có được thêm mới. Số điện thoại đang thuộc về người khác là xung đột để bạn chọn cách xử lý. Nhập lại cùng một tệp không thay đổi gì.",
  "Ô để trống ở các cột không bắt buộc giữ nguyên giá trị đang có của thành viên.",
  "Bước xem trước cho biết số dòng thêm mới, cập nhật, chuyển tổ, không đổi, xung đột và lỗi (theo dòng và cột) cùng giá trị cũ → mới; chỉ khi tệp không còn lỗi mới xác nhận nhập được. Mỗi lần nhập có thể hoàn tác trong 30 ngày.",
];

/** The roster template: an empty data sheet with Vietnamese headers, the instructions and the teams the user may fill in. */
export async function buildRosterTemplate(teams: TemplateTeam[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CNSCĐ Dashboard";
  const data = workbook.addWorksheet(SHEET_NAMES.data, { views: [{ state: "frozen", ySplit: 1 }] });
  data.columns = TEMPLATE_COLUMNS.map((c) => ({
    header: c.required || c.key === "communeCode" ? `${c.header}*` : c.header,
    key: c.key,
    width: WIDTHS[c.key],
    // Codes and phone numbers are text so that spreadsheets keep their leading zeros.
    style: c.key === "communeCode" || c.key === "phone" || c.key === "birthYear" ? { numFmt: "@" } : c.key === "joinedOn" || c.key === "leftOn" ? { numFmt: "dd/mm/yyyy" } : {},
  }));
  const header = data.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF094A8C" } };
  const columnOf = (key: ColumnKey) => data.getColumn(key).letter;
  const lists: [ColumnKey, string[]][] = [
    ["gender", GENDERS.map((g) => catalogVi.genders[g])],
    ["position", POSITIONS.map((p) => catalogVi.positions[p])],
  ];
  // Range validations are supported at runtime but missing from exceljs' typings.
  const validations = (data as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  for (const [key, values] of lists) {
    const letter = columnOf(key);
    validations.add(`${letter}2:${letter}${MAX_DATA_ROWS + 1}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${values.join(",")}"`],
      showErrorMessage: true,
      errorTitle: "Giá trị không hợp lệ",
      error: `Chọn một trong: ${values.join(", ")}`,
    });
  }

  const help = workbook.addWorksheet(SHEET_NAMES.help);
  help.columns = [
    { header: "Cột", key: "column", width: 18 },
    { header: "Bắt buộc", key: "required", width: 10 },
    { header: "Giá trị cho phép, định dạng", key: "rule", width: 90 },
    { header: "Ví dụ", key: "example", width: 34 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) {
    help.addRow({ column: c.header, required: c.required || c.key === "communeCode" ? "Có" : "Không", rule: HELP[c.key].rule, example: HELP[c.key].example });
  }
  help.addRow({});
  help.addRow({ column: "Lưu ý" }).font = { bold: true };
  for (const note of GENERAL_NOTES) help.addRow({ rule: note });
  help.addRow({});
  help.addRow({ column: "Danh mục" }).font = { bold: true };
  help.addRow({ column: "Giới tính", rule: list(GENDERS.map((g) => catalogVi.genders[g])) });
  help.addRow({ column: "Chức vụ", rule: list(POSITIONS.map((p) => catalogVi.positions[p])) });
  for (const a of AFFILIATIONS) help.addRow({ column: "Thành phần", rule: catalogVi.affiliations[a] });
  help.getColumn("rule").alignment = { wrapText: true, vertical: "top" };

  const teamSheet = workbook.addWorksheet(SHEET_NAMES.teams, { views: [{ state: "frozen", ySplit: 1 }] });
  teamSheet.columns = [
    { header: "Mã xã/phường", key: "communeCode", width: 14, style: { numFmt: "@" } },
    { header: "Tên xã/phường", key: "communeName", width: 28 },
    { header: "Tên tổ", key: "teamName", width: 36 },
    { header: "Thôn, tổ dân phố", key: "hamletName", width: 28 },
  ];
  teamSheet.getRow(1).font = { bold: true };
  for (const t of teams) {
    teamSheet.addRow({
      communeCode: t.communeCode,
      communeName: neutralise(t.communeName),
      teamName: neutralise(t.teamName),
      hamletName: t.hamletName ? neutralise(t.hamletName) : null,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
