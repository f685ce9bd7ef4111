import { hash } from "@node-rs/argon2";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../client";
import { users } from "../schema";
import { FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, HAMLET_NAMES, MALE_GIVEN, MALE_MIDDLE } from "./names";

export interface SeedScale {
  name: "demo" | "national" | "small";
  /** Only these provinces get hamlets and teams (all when undefined). */
  provinces?: string[];
  hamletsPerCommune: [number, number];
  /** Share of a covered commune's hamlets that have a team (the first hamlet always has one). */
  teamShare: number;
  membersPerTeam: [number, number];
  communeTrainings: [number, number];
  provincialTrainings: number;
  /** Chance that a member of the commune attends a commune training. */
  communeAttendance: number;
  guidancePerTeamMonth: [number, number];
}

export const SCALES: Record<SeedScale["name"], SeedScale> = {
  small: {
    name: "small",
    provinces: ["01", "86"],
    hamletsPerCommune: [1, 3],
    teamShare: 0.8,
    membersPerTeam: [4, 8],
    communeTrainings: [0, 1],
    provincialTrainings: 2,
    communeAttendance: 0.5,
    guidancePerTeamMonth: [0, 1],
  },
  demo: {
    name: "demo",
    hamletsPerCommune: [1, 3],
    teamShare: 0.75,
    membersPerTeam: [4, 12],
    communeTrainings: [1, 2],
    provincialTrainings: 6,
    communeAttendance: 0.4,
    guidancePerTeamMonth: [0, 2],
  },
  national: {
    name: "national",
    hamletsPerCommune: [20, 32],
    teamShare: 0.93,
    membersPerTeam: [4, 5],
    communeTrainings: [15, 25],
    provincialTrainings: 12,
    communeAttendance: 0.2,
    guidancePerTeamMonth: [18, 26],
  },
};

export const DEMO_PASSWORD = "cnscd-demo-2025";

export const DEMO_ACCOUNTS = [
  { username: "national.demo", fullName: "Nguyễn Minh Quân", role: "national", provinceCode: null, communeCode: null },
  { username: "vinhlong.demo", fullName: "Trần Thị Ngọc Hân", role: "provincial", provinceCode: "86", communeCode: null },
  { username: "hanoi.demo", fullName: "Lê Đức Thắng", role: "provincial", provinceCode: "01", communeCode: null },
  { username: "phukhuong.demo", fullName: "Phạm Thị Thu Trang", role: "commune", provinceCode: "86", communeCode: "28756" },
  { username: "badinh.demo", fullName: "Hoàng Văn Long", role: "commune", provinceCode: "01", communeCode: "00004" },
] as const;

/** Communes that always have teams, so that every demo account has data to work with. */
const ALWAYS_COVERED = ["28756", "00004"];

const TRAINING_TITLES: [string, string[]][] = [
  ["Tập huấn kỹ năng hướng dẫn kích hoạt tài khoản định danh điện tử mức 2", ["skill_public_services", "vneid"]],
  ["Bồi dưỡng kỹ năng nhận diện và phòng chống lừa đảo trực tuyến", ["skill_cyber_safety", "cybersecurity"]],
  ["Tập huấn thanh toán không dùng tiền mặt an toàn", ["skill_payment", "cashless"]],
  ["Bình dân học vụ số: kỹ năng số cơ bản cho tổ viên", ["binh_dan_hoc_vu_so"]],
  ["Tập huấn thương mại điện tử cho hộ kinh doanh", ["skill_shopping", "ecommerce"]],
  ["Giới thiệu trí tuệ nhân tạo cơ bản trong công việc hằng ngày", ["basic_ai"]],
  ["Tập huấn sử dụng chữ ký số cho người dân", ["digital_signature", "skill_public_services"]],
  ["Hướng dẫn nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia", ["skill_public_services"]],
  ["Bồi dưỡng kỹ năng sử dụng các nền tảng số của địa phương", ["skill_other_platforms"]],
];

const NATIONAL_TRAINING_TITLES = [
  "Tập huấn trực tuyến toàn quốc cho Tổ Công nghệ số cộng đồng",
  "Hội nghị bồi dưỡng kỹ năng chuyển đổi số cho tổ trưởng tổ CNSCĐ",
  "Tập huấn trực tuyến: phòng chống lừa đảo trên không gian mạng",
];

function textArray(values: readonly string[]): SQL {
  return sql.raw(`ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]::text[]`);
}

function vnToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Generates the demo dataset in bulk SQL. Every pseudo-random choice is an md5 hash of a stable
 * key, so the same scale and anchor date always produce the same rows. Triggers are switched off
 * during the load and the roll-ups rebuilt once at the end.
 */
export async function seedDemo(db: Queryable, options: { scale?: SeedScale; anchor?: string } = {}) {
  const scale = options.scale ?? SCALES.demo;
  const anchor = options.anchor ?? vnToday();
  const a = sql.raw(`DATE '${anchor}'`);
  const range = (key: SQL, [lo, hi]: [number, number]) =>
    sql`(${sql.raw(String(lo))} + floor(demo_random(${key}) * ${sql.raw(String(hi - lo + 1))}))::int`;
  const provinceFilter = scale.provinces
    ? sql`c.province_code IN (${sql.join(scale.provinces.map((p) => sql`${p}`), sql`, `)})`
    : sql`TRUE`;
  const tables = ["hamlets", "teams", "members", "trainings", "training_attendance", "guidance_records"];

  await db.transaction(async (tx) => {
    await tx.execute(sql`CREATE OR REPLACE FUNCTION demo_random(key text) RETURNS double precision
      LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ('x' || substr(md5(key), 1, 8))::bit(32)::bigint / 4294967296.0 $$`);
    for (const t of tables) await tx.execute(sql.raw(`ALTER TABLE ${t} DISABLE TRIGGER USER`));

    // Which communes have teams: most provinces at full coverage, the rest between 55% and 95%.
    await tx.execute(sql`CREATE TEMP TABLE seed_covered ON COMMIT DROP AS
      SELECT c.code, c.province_code, c.kind, c.name FROM communes c
      WHERE ${provinceFilter} AND (
        c.code IN (${sql.join(ALWAYS_COVERED.map((c) => sql`${c}`), sql`, `)})
        OR demo_random('pcov' || c.province_code) < 0.6
        OR demo_random('cov' || c.code) < 0.55 + 0.4 * demo_random('pcov2' || c.province_code))`);

    await tx.execute(sql`
      INSERT INTO hamlets (province_code, commune_code, name, kind, households)
      SELECT c.province_code, c.code,
        k.label || ' ' || CASE WHEN k.numbered THEN n::text
          ELSE (${textArray(HAMLET_NAMES)})[1 + (floor(demo_random('off' || c.code) * 40)::int + n) % 40] END,
        k.kind::hamlet_kind, ${range(sql`'hh' || c.code || '/' || n`, [60, 480])}
      FROM communes c
      CROSS JOIN LATERAL (
        SELECT CASE
            WHEN c.kind = 'phuong' AND c.province_code IN ('79', '75', '80', '82', '86', '91', '92', '96') THEN 'khu_pho'
            WHEN c.kind = 'phuong' THEN 'to_dan_pho'
            WHEN c.province_code IN ('04', '08', '11', '12', '14', '15', '20') THEN 'ban'
            WHEN c.province_code IN ('52', '66') AND demo_random('buon' || c.code) < 0.4 THEN 'buon'
            WHEN c.province_code IN ('79', '80', '82', '86', '91', '92', '96') THEN 'ap'
            ELSE 'thon' END AS kind) kk
      CROSS JOIN LATERAL (
        SELECT kk.kind,
          CASE kk.kind WHEN 'khu_pho' THEN 'Khu phố' WHEN 'to_dan_pho' THEN 'Tổ dân phố' WHEN 'ban' THEN 'Bản'
            WHEN 'buon' THEN 'Buôn' WHEN 'ap' THEN 'Ấp' ELSE 'Thôn' END AS label,
          kk.kind IN ('khu_pho', 'to_dan_pho') OR demo_random('num' || c.code) < 0.5 AS numbered) k
      CROSS JOIN LATERAL generate_series(1, ${range(sql`'hn' || c.code`, scale.hamletsPerCommune)}) n
      WHERE ${provinceFilter}
      ORDER BY c.code, n`);

    // One team per hamlet for most hamlets of covered communes; some communes also have a
    // commune-level team; a few uncovered communes keep a team that was dissolved.
    await tx.execute(sql`
      INSERT INTO teams (province_code, commune_code, hamlet_id, name, established_on, zalo_url)
      SELECT h.province_code, h.commune_code, h.id, 'Tổ CNSCĐ ' || h.name,
        DATE '2022-03-01' + floor(demo_random('est' || h.id) * 640)::int,
        CASE WHEN demo_random('z' || h.id) < 0.6 THEN 'https://zalo.me/g/' || substr(md5('z' || h.id), 1, 10) END
      FROM hamlets h JOIN seed_covered cv ON cv.code = h.commune_code
      WHERE demo_random('t' || h.id) < ${sql.raw(String(scale.teamShare))}
         OR h.id IN (SELECT min(id) FROM hamlets GROUP BY commune_code)
      ORDER BY h.id`);
    await tx.execute(sql`
      INSERT INTO teams (province_code, commune_code, hamlet_id, name, established_on)
      SELECT c.province_code, c.code, NULL, 'Tổ CNSCĐ ' || c.name, DATE '2022-03-01' + floor(demo_random('estc' || c.code) * 300)::int
      FROM seed_covered c WHERE demo_random('ct' || c.code) < 0.25 ORDER BY c.code`);
    await tx.execute(sql`
      INSERT INTO teams (province_code, commune_code, hamlet_id, name, established_on, status, dissolved_on, note)
      SELECT h.province_code, h.commune_code, h.id, 'Tổ CNSCĐ ' || h.name, DATE '2022-06-01',
        'dissolved', DATE '2025-07-01', 'Giải thể khi sắp xếp đơn vị hành chính'
      FROM hamlets h JOIN communes c ON c.code = h.commune_code
      WHERE ${provinceFilter} AND c.code NOT IN (SELECT code FROM seed_covered)
        AND h.id IN (SELECT min(id) FROM hamlets GROUP BY commune_code)
        AND demo_random('dis' || c.code) < 0.3
      ORDER BY h.id`);

    await tx.execute(sql`
      INSERT INTO members (team_id, province_code, commune_code, full_name, gender, birth_year, phone, position,
                           affiliations, joined_on, left_on)
      SELECT t.id, t.province_code, t.commune_code,
        (${textArray(FAMILY_NAMES)})[1 + floor(demo_random('f' || k) * ${sql.raw(String(FAMILY_NAMES.length))})::int] || ' ' ||
        CASE WHEN g.male
          THEN (${textArray(MALE_MIDDLE)})[1 + floor(demo_random('m' || k) * ${sql.raw(String(MALE_MIDDLE.length))})::int] || ' ' ||
               (${textArray(MALE_GIVEN)})[1 + floor(demo_random('n' || k) * ${sql.raw(String(MALE_GIVEN.length))})::int]
          ELSE (${textArray(FEMALE_MIDDLE)})[1 + floor(demo_random('m' || k) * ${sql.raw(String(FEMALE_MIDDLE.length))})::int] || ' ' ||
               (${textArray(FEMALE_GIVEN)})[1 + floor(demo_random('n' || k) * ${sql.raw(String(FEMALE_GIVEN.length))})::int]
        END,
        CASE WHEN g.male THEN 'male' ELSE 'female' END::gender,
        CASE WHEN i <= 2 THEN 1962 + floor(demo_random('b' || k) * 30)::int ELSE 1960 + floor(demo_random('b' || k) * 46)::int END,
        (ARRAY['09', '03', '08', '07', '05'])[1 + floor(demo_random('pp' || k) * 5)::int] ||
          lpad(floor(demo_random('p' || k) * 100000000)::bigint::text, 8, '0'),
        (CASE WHEN i = 1 THEN 'leader' WHEN i = 2 THEN 'deputy' ELSE 'member' END)::"position",
        CASE
          WHEN i = 1 THEN CASE WHEN demo_random('a2' || k) < 0.3 THEN ARRAY['village_head', 'fatherland_front'] ELSE ARRAY['village_head'] END
          WHEN i = 2 THEN ARRAY[(ARRAY['police', 'youth_union', 'women_union'])[1 + floor(demo_random('a' || k) * 3)::int]]
          ELSE ARRAY[(ARRAY['youth_union', 'youth_union', 'women_union', 'women_union', 'teacher', 'telecom', 'resident',
                            'resident', 'student', 'farmers_union', 'veterans', 'health', 'police', 'other'])
                     [1 + floor(demo_random('a' || k) * 14)::int]]
            || CASE WHEN demo_random('a2' || k) < 0.15 THEN ARRAY['fatherland_front'] ELSE ARRAY[]::text[] END
        END,
        t.established_on + floor(demo_random('j' || k) * 60)::int,
        CASE WHEN i > 2 AND demo_random('l' || k) < 0.05
          THEN least(${a}, t.established_on + 200 + floor(demo_random('lo' || k) * 400)::int) END
      FROM teams t
      CROSS JOIN LATERAL generate_series(1, ${range(sql`'mc' || t.id`, scale.membersPerTeam)}) i
      CROSS JOIN LATERAL (SELECT t.id || '/' || i AS k) kk
      CROSS JOIN LATERAL (SELECT demo_random('g' || kk.k) < CASE WHEN i = 1 THEN 0.75 ELSE 0.5 END AS male) g
      ORDER BY t.id, i`);

    // Trainings over the twelve months up to the anchor date.
    const titles = textArray(TRAINING_TITLES.map(([t]) => t));
    const topics = sql.raw(
      `ARRAY[${TRAINING_TITLES.map(([, tp]) => `'${tp.join(",")}'`).join(",")}]::text[]`,
    );
    const n = TRAINING_TITLES.length;
    await tx.execute(sql`
      INSERT INTO trainings (level, title, topics, held_on, hours, format, location, outside_participants)
      SELECT 'national', (${textArray(NATIONAL_TRAINING_TITLES)})[i], ARRAY['skill_cyber_safety', 'binh_dan_hoc_vu_so'],
        ${a} - (i * 110), 3, 'online', 'https://meet.mic.gov.vn/cnscd', 0
      FROM generate_series(1, 3) i`);
    await tx.execute(sql`
      INSERT INTO trainings (level, province_code, title, topics, held_on, hours, format, location, outside_participants)
      SELECT 'provincial', p.code, (${titles})[1 + (i + ascii(p.code)) % ${sql.raw(String(n))}],
        string_to_array((${topics})[1 + (i + ascii(p.code)) % ${sql.raw(String(n))}], ','),
        ${a} - floor(demo_random('pt' || p.code || i) * 360)::int,
        (ARRAY[2, 3, 4, 8])[1 + floor(demo_random('ph' || p.code || i) * 4)::int],
        (ARRAY['in_person', 'online', 'hybrid'])[1 + floor(demo_random('pf' || p.code || i) * 3)::int]::training_format,
        'Hội trường Sở Khoa học và Công nghệ ' || p.short_name, floor(demo_random('po' || p.code || i) * 30)::int
      FROM provinces p CROSS JOIN generate_series(1, ${sql.raw(String(scale.provincialTrainings))}) i
      WHERE EXISTS (SELECT 1 FROM seed_covered c WHERE c.province_code = p.code)
      ORDER BY p.code, i`);
    await tx.execute(sql`
      INSERT INTO trainings (level, province_code, commune_code, title, topics, held_on, hours, format, location, outside_participants)
      SELECT 'commune', c.province_code, c.code, (${titles})[1 + (i + ascii(right(c.code, 1))) % ${sql.raw(String(n))}],
        string_to_array((${topics})[1 + (i + ascii(right(c.code, 1))) % ${sql.raw(String(n))}], ','),
        ${a} - floor(demo_random('ct' || c.code || i) * 360)::int,
        (ARRAY[1.5, 2, 3])[1 + floor(demo_random('ch' || c.code || i) * 3)::int],
        (CASE WHEN demo_random('cf' || c.code || i) < 0.8 THEN 'in_person' ELSE 'hybrid' END)::training_format,
        'Nhà văn hóa ' || cm.name, floor(demo_random('co' || c.code || i) * 15)::int
      FROM seed_covered c JOIN communes cm ON cm.code = c.code
      CROSS JOIN LATERAL generate_series(1, ${range(sql`'ctn' || c.code`, scale.communeTrainings)}) i
      ORDER BY c.code, i`);
    await tx.execute(sql`
      INSERT INTO training_attendance (training_id, member_id, held_on)
      SELECT t.id, m.id, t.held_on FROM trainings t
      JOIN members m ON m.commune_code = t.commune_code AND m.joined_on <= t.held_on
      WHERE t.level = 'commune' AND demo_random('at' || t.id || '/' || m.id) < ${sql.raw(String(scale.communeAttendance))}
      UNION ALL
      SELECT t.id, m.id, t.held_on FROM trainings t
      JOIN members m ON m.province_code = t.province_code AND m.position = 'leader' AND m.joined_on <= t.held_on
      WHERE t.level = 'provincial' AND demo_random('at' || t.id || '/' || m.id) < 0.3
      UNION ALL
      SELECT t.id, m.id, t.held_on FROM trainings t
      JOIN members m ON m.position = 'leader' AND m.joined_on <= t.held_on
      WHERE t.level = 'national' AND demo_random('at' || t.id || '/' || m.id) < 0.05`);

    // Guidance over the twelve months up to the anchor date, growing as the campaign gathers pace.
    await tx.execute(sql`
      INSERT INTO guidance_records (team_id, province_code, commune_code, guided_on, skill, target_group,
                                    households_visited, people_guided, people_completed, note)
      SELECT t.id, t.province_code, t.commune_code,
        ms + floor(demo_random('d' || k) * CASE WHEN mo = 0 THEN extract(day FROM ${a})::int
                                               ELSE extract(day FROM (ms + interval '1 month' - interval '1 day'))::int END)::int,
        CASE WHEN r.s < 0.35 THEN 1 WHEN r.s < 0.5 THEN 2 WHEN r.s < 0.7 THEN 3 WHEN r.s < 0.9 THEN 4 ELSE 5 END,
        (ARRAY['traders', 'families_with_pupils', 'elderly', 'elderly', 'farmers', 'farmers', 'workers', 'students', 'others'])
          [1 + floor(demo_random('tg' || k) * 9)::int]::target_group,
        g.households, g.guided, floor(g.guided * (0.45 + 0.5 * demo_random('c' || k)))::int,
        CASE WHEN demo_random('nt' || k) < 0.05 THEN 'Hướng dẫn tại nhà văn hóa, kết hợp họp thôn' END
      FROM teams t
      CROSS JOIN generate_series(0, 11) mo
      CROSS JOIN LATERAL (SELECT (date_trunc('month', ${a}) - mo * interval '1 month')::date AS ms) m
      CROSS JOIN LATERAL generate_series(1, ${range(sql`'gn' || t.id || '/' || mo`, scale.guidancePerTeamMonth)}) j
      CROSS JOIN LATERAL (SELECT t.id || '/' || mo || '/' || j AS k) kk
      CROSS JOIN LATERAL (SELECT demo_random('s' || k) AS s) r
      CROSS JOIN LATERAL (SELECT 2 + floor(demo_random('hv' || k) * 18)::int AS households,
        floor((4 + demo_random('pg' || k) * 30) * (0.7 + 0.03 * (11 - mo)))::int AS guided) g
      WHERE t.status = 'active' AND ms >= t.established_on`);

    // Monthly reports of covered communes for the eleven completed months.
    await tx.execute(sql`
      INSERT INTO monthly_reports (commune_code, province_code, month, status, submitted_at, submitted_late, reviewed_at, review_comment)
      SELECT c.code, c.province_code, x.ms, x.status::report_status,
        CASE WHEN x.status IN ('submitted', 'approved', 'returned') THEN x.submitted END,
        CASE WHEN x.status IN ('submitted', 'approved', 'returned') THEN x.submitted >= x.deadline END,
        CASE WHEN x.status IN ('approved', 'returned') THEN x.submitted + interval '2 days' END,
        CASE WHEN x.status = 'returned' THEN 'Đề nghị rà soát lại số người được hướng dẫn kỹ năng 1.' END
      FROM seed_covered c
      CROSS JOIN generate_series(1, 11) mo
      CROSS JOIN LATERAL (SELECT (date_trunc('month', ${a}) - mo * interval '1 month')::date AS ms, demo_random('rs' || c.code || '/' || mo) AS r) m
      CROSS JOIN LATERAL (SELECT m.ms,
        (m.ms + interval '1 month' + interval '5 days') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS deadline,
        (m.ms + interval '1 month' + (1 + floor(demo_random('sd' || c.code || '/' || mo) * 9)) * interval '1 day' + interval '9 hours')
          AT TIME ZONE 'Asia/Ho_Chi_Minh' AS submitted,
        CASE
          WHEN mo = 1 AND c.code IN (${sql.join(ALWAYS_COVERED.map((c) => sql`${c}`), sql`, `)}) THEN NULL
          WHEN mo = 1 THEN CASE WHEN m.r < 0.55 THEN 'submitted' WHEN m.r < 0.8 THEN 'approved' END
          WHEN m.r < 0.8 THEN 'approved' WHEN m.r < 0.83 THEN 'returned' WHEN m.r < 0.88 THEN 'submitted' END AS status) x
      WHERE x.status IS NOT NULL
        AND x.submitted <= (${a} + interval '1 day') AT TIME ZONE 'Asia/Ho_Chi_Minh'`);

    for (const t of tables) await tx.execute(sql.raw(`ALTER TABLE ${t} ENABLE TRIGGER USER`));
    for (const t of tables) await tx.execute(sql.raw(`ANALYZE ${t}`));
    await tx.execute(sql`SELECT rebuild_rollups()`);
    await tx.execute(sql`DROP FUNCTION demo_random(text)`);
    await tx
      .insert(users)
      .values(
        await Promise.all(
          DEMO_ACCOUNTS.map(async (u) => ({ ...u, passwordHash: await hash(DEMO_PASSWORD) })),
        ),
      )
      .onConflictDoNothing();
  });
}
