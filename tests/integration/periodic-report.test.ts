import JSZip from "jszip";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo, SCALES } from "@/db/setup";
import type { Actor } from "@/lib/dal/actor";
import { INDICATOR_ROWS } from "@/lib/report-doc/model";
import { SKILLS, TARGET_GROUPS } from "@/lib/domain/catalog";
import catalogVi from "@/messages/vi/catalog.json";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/dal/session", () => ({ getActor: async () => session.actor, requireActor: async () => session.actor }));

const { GET: indicatorsGET } = await import("@/app/api/indicators/route");
const { GET: docxGET } = await import("@/app/report/[code]/docx/route");
const ctx = setupTestDatabase();

type Api = {
  indicators: Record<string, number>;
  by_skill: Record<string, { people_guided: number; people_completed: number }>;
  by_target_group: Record<string, { people_guided: number; people_completed: number }>;
  children: { code: string; name: string; indicators: Record<string, number> }[];
};

async function api(actor: Actor, unit: string, from: string, to: string): Promise<Api> {
  session.actor = actor;
  const response = await indicatorsGET(new Request(`http://localhost/api/indicators?unit=${unit}&from=${from}&to=${to}`));
  expect(response.status).toBe(200);
  return (await response.json()) as Api;
}

async function docx(actor: Actor, unit: string, from: string, to: string) {
  session.actor = actor;
  const response = await docxGET(new Request(`http://localhost/report/${unit}/docx?from=${from}&to=${to}`), { params: Promise.resolve({ code: unit }) });
  return response;
}

/** Tables of document.xml as rows of cell texts, in document order. */
function tables(xml: string): string[][][] {
  const text = (fragment: string) => [...fragment.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join("");
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]))),
  );
}
const decodeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
/** "74.422" → 74422. */
const figure = (s: string) => Number(s.replace(/\./g, ""));
const findTable = (all: string[][][], firstHeader: string) => {
  const t = all.find((rows) => rows[0]?.[0] === firstHeader || rows[0]?.[1] === firstHeader);
  expect(t, firstHeader).toBeDefined();
  return t!;
};

const FROM = "2026-01-01";
const TO = "2026-06-30";
const CASES: [string, () => Actor, string][] = [
  ["the country", () => nationalActor(), "VN"],
  ["a province", () => provincialActor("86"), "86"],
  ["a commune", () => communeActor("86", "28756"), "28756"],
];

describe("periodic report (.docx)", () => {
  beforeAll(async () => {
    await seedDemo(ctx.db, { scale: SCALES.small, anchor: "2026-06-20" });
  }, 600_000);

  it.each(CASES)("states for %s exactly the figures /api/indicators gives for the same unit and periods", async (_, actorOf, unit) => {
    const actor = actorOf();
    const response = await docx(actor, unit, FROM, TO);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    const all = tables(xml);

    const [current, previous, lastYear] = await Promise.all([
      api(actor, unit, FROM, TO),
      api(actor, unit, "2025-07-01", "2025-12-31"),
      api(actor, unit, "2025-01-01", "2025-06-30"),
    ]);
    expect(current.indicators.teams_active).toBeGreaterThan(0);

    const main = findTable(all, "Chỉ tiêu");
    const level = unit === "VN" ? "national" : unit.length === 2 ? "province" : "commune";
    const expectedRows = INDICATOR_ROWS.filter((r) => r.levels.includes(level));
    expect(main.slice(1).map((r) => r[0])).toEqual(expectedRows.map((r) => r.label));
    for (const [k, row] of expectedRows.entries()) {
      const cells = main[k + 1];
      expect([figure(cells[1]), figure(cells[2]), figure(cells[3])], row.key).toEqual([current.indicators[row.key], previous.indicators[row.key], lastYear.indicators[row.key]]);
    }

    const skills = findTable(all, "Kỹ năng");
    for (const [k, s] of SKILLS.entries()) {
      expect(skills[k + 1][0]).toBe(catalogVi.skills[String(s) as keyof typeof catalogVi.skills]);
      expect([figure(skills[k + 1][1]), figure(skills[k + 1][2])]).toEqual([current.by_skill[String(s)].people_guided, current.by_skill[String(s)].people_completed]);
    }
    const groups = findTable(all, "Nhóm đối tượng");
    for (const [k, g] of TARGET_GROUPS.entries()) {
      expect([figure(groups[k + 1][1]), figure(groups[k + 1][2])]).toEqual([current.by_target_group[g].people_guided, current.by_target_group[g].people_completed]);
    }

    if (unit !== "28756") {
      const children = findTable(all, "STT");
      expect(children.length - 1).toBe(current.children.length);
      for (const [k, c] of current.children.entries()) {
        const cells = children[k + 1];
        expect(cells[1]).toBe(c.name);
        const coverage = unit === "VN" ? [c.indicators.communes_with_team, c.indicators.communes_total] : [c.indicators.hamlets_with_team, c.indicators.hamlets_total];
        expect([figure(cells[2]), figure(cells[3]), cells[4].split("/").map(figure), figure(cells[5]), figure(cells[6]), cells[7].split("/").map(figure)], c.code).toEqual([
          c.indicators.teams_active,
          c.indicators.members_active,
          coverage,
          c.indicators.people_guided,
          c.indicators.people_completed,
          [c.indicators.reports_submitted, c.indicators.reports_expected],
        ]);
      }
    }

    // The same figures in the running text.
    const body = (await mammoth.extractRawText({ buffer: Buffer.from(await zip.generateAsync({ type: "uint8array" })) })).value;
    const vi = (n: number) => new Intl.NumberFormat("vi-VN").format(n);
    expect(body).toContain(`có ${vi(current.indicators.teams_active)} Tổ Công nghệ số cộng đồng với ${vi(current.indicators.members_active)} thành viên`);
    expect(body).toContain(`hướng dẫn ${vi(current.indicators.people_guided)} lượt người; ${vi(current.indicators.people_completed)} lượt người hoàn thành`);
  });

  it("is a valid Office Open XML package that a reader library opens, laid out per Decree 30", async () => {
    const response = await docx(provincialActor("86"), "86", FROM, TO);
    const bytes = Buffer.from(await response.arrayBuffer());
    const zip = await JSZip.loadAsync(bytes);
    for (const part of ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"]) expect(zip.file(part), part).not.toBeNull();
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    expect(types).toMatch(/Extension="png"/);
    expect(Object.keys(zip.files).filter((f) => f.startsWith("word/media/")).length).toBeGreaterThanOrEqual(2);

    const result = await mammoth.convertToHtml({ buffer: bytes });
    expect(result.messages.filter((m) => m.type === "error")).toEqual([]);
    expect(result.value).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(result.value).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(result.value).toContain("SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    expect(result.value).toMatch(/Vĩnh Long, ngày \d{2} tháng (0[12]|[3-9]|1[012]) năm \d{4}/);
    expect(result.value).toContain("Nơi nhận:");
    expect(result.value).toContain("Kỳ báo cáo: 6 tháng đầu năm 2026");
    expect(result.value).toContain("<img");

    const xml = await zip.file("word/document.xml")!.async("string");
    // A4 with margins 20/20/30/15 mm, Times New Roman 14 pt by default.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134"[^>]*w:right="850"[^>]*w:bottom="1134"[^>]*w:left="1701"/);
    const styles = await zip.file("word/styles.xml")!.async("string");
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
  });

  it("sets imported history apart, marked, for a period before July 2025", async () => {
    const response = await docx(nationalActor(), "VN", "2023-01-01", "2023-12-31");
    const xml = await (await JSZip.loadAsync(await response.arrayBuffer())).file("word/document.xml")!.async("string");
    const history = tables(xml).findLast((t) => t[0]?.[0] === "Chỉ tiêu")!;
    expect(history[0][1]).toBe("Kỳ này (01/01/2023 – 31/12/2023)");
    expect(history).toBeDefined();
    expect(xml).toContain("số liệu tổng hợp từ báo cáo trước 7/2025");
    expect(figure(history[1][1])).toBe(74_422);
    expect(figure(history[2][1])).toBe(348_362);
  });

  it("answers 404 outside the caller's scope and 400 for a bad period", async () => {
    expect((await docx(provincialActor("86"), "01", FROM, TO)).status).toBe(404);
    expect((await docx(communeActor("86", "28756"), "86", FROM, TO)).status).toBe(404);
    expect((await docx(provincialActor("86"), "86", "2026-13-01", TO)).status).toBe(400);
  });
});
