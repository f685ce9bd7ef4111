/** Vietnamese name parts with rough real-world frequencies (family names repeat by weight). */
export const FAMILY_NAMES = [
  ...Array(38).fill("Nguyễn"), ...Array(11).fill("Trần"), ...Array(9).fill("Lê"), ...Array(7).fill("Phạm"),
  ...Array(3).fill("Hoàng"), ...Array(2).fill("Huỳnh"), ...Array(3).fill("Phan"), ...Array(2).fill("Vũ"),
  ...Array(2).fill("Võ"), ...Array(2).fill("Đặng"), ...Array(2).fill("Bùi"), ...Array(2).fill("Đỗ"),
  ...Array(2).fill("Hồ"), ...Array(2).fill("Ngô"), "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Lương", "Cao", "Tạ",
];
export const MALE_MIDDLE = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh", "Xuân", "Ngọc", "Đình"];
export const FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim", "Phương", "Bích"];
export const MALE_GIVEN = [
  "An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hòa", "Hoàng", "Hùng",
  "Huy", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang",
  "Sơn", "Tài", "Tâm", "Thái", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
];
export const FEMALE_GIVEN = [
  "An", "Anh", "Bích", "Châu", "Chi", "Diệp", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương",
  "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên",
  "Tâm", "Thảo", "Thanh", "Thu", "Thủy", "Trang", "Trâm", "Tuyết", "Uyên", "Vân", "Yến",
];
/** Place-name parts for hamlets; hamlet n of a commune takes a distinct entry. */
export const HAMLET_NAMES = [
  "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Phú Hòa", "An Lạc", "Tân Thành", "Phú Thọ", "Hòa Bình",
  "Tân Lập", "Đồng Tâm", "Quyết Tiến", "Thắng Lợi", "Hưng Long", "Phú An", "Mỹ Lợi", "Bình Minh", "Tân Phú",
  "An Hòa", "Long Thạnh", "Thạnh Mỹ", "Vĩnh Phú", "Hòa Hiệp", "Phước Lộc", "Bình An", "Đồng Xuân", "Hưng Thịnh",
  "Tiền Phong", "Đoàn Kết", "Cầu Đá", "Bến Đình", "Gò Sao", "Rạch Miễu", "Sơn Hà", "Khe Ngang", "Na Hang", "Pác Bó",
];
