import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { ConflictError, FieldError, NotFoundError } from "@/lib/dal/errors";
import { createHamlet, getHamlet, hamletExportRows, hamletPlaceProblems, listHamletOptions, listHamlets, removeHamlet, restoreHamlet, updateHamlet } from "@/lib/dal/hamlets";
import { createTeam } from "@/lib/dal/teams";
import { hamletListSchema, hamletPlace } from "@/lib/validation/rosters";
import { auditActions, auditTotal, PHU_KHUONG, seedRosterActors, tableSnapshot } from "../support/rosters-fixtures";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let a: Awaited<ReturnType<typeof seedRosterActors>>;
const list = (params: Record<string, string> = {}) => hamletListSchema.parse(params);
const names = async (rows: AsyncIterable<{ name: string }>) => {
  const out: string[] = [];
  for await (const r of rows) out.push(r.name);
  return out.sort();
};
let phuHoa = 0;

describe("hamlets", () => {
  beforeAll(async () => {
    a = await seedRosterActors(ctx.db);
  });

  it("creates, edits, removes and restores a hamlet, auditing each step and keeping the roll-up current", async () => {
    phuHoa = await createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm Phú Hòa", kind: "khom", households: 420 });
    const created = await getHamlet(a.phuKhuong, phuHoa);
    expect(created).toMatchObject({ name: "Khóm Phú Hòa", kind: "khom", households: 420, provinceCode: "86", communeName: expect.stringContaining("Phú Khương"), version: 1 });
    await updateHamlet(a.phuKhuong, { id: phuHoa, version: 1, name: "Khóm Phú Hòa Đông", kind: "khom", households: 450 });
    expect((await getHamlet(a.vinhLong, phuHoa)).households).toBe(450);
    const stats = async () => (await queryRows<{ n: number }>(ctx.db, sql`SELECT hamlets_total AS n FROM commune_stats WHERE commune_code = ${PHU_KHUONG}`))[0]?.n ?? 0;
    expect(await stats()).toBe(1);
    await removeHamlet(a.phuKhuong, { id: phuHoa, version: 2 });
    expect((await getHamlet(a.phuKhuong, phuHoa)).deletedAt).toBeInstanceOf(Date);
    expect(await stats()).toBe(0);
    expect((await listHamlets(a.phuKhuong, list())).rows).toEqual([]);
    expect((await listHamlets(a.phuKhuong, list({ status: "removed" }))).rows.map((r) => r.id)).toEqual([phuHoa]);
    await restoreHamlet(a.phuKhuong, { id: phuHoa });
    expect(await stats()).toBe(1);
    expect(await auditActions(ctx.db, "hamlet", phuHoa)).toEqual(["hamlet.create", "hamlet.update", "hamlet.remove", "hamlet.restore"]);
    const [update] = await queryRows(ctx.db, sql`SELECT before, after, actor_username FROM audit_events WHERE action = 'hamlet.update'`);
    expect(update).toMatchObject({ before: { households: 420 }, after: { households: 450, name: "Khóm Phú Hòa Đông" }, actor_username: "com28756" });
  });

  it("lets a provincial admin create in any commune of the province they pick", async () => {
    const id = await createHamlet(a.vinhLong, { communeCode: a.otherCommuneCode, name: "Ấp Tân Thành", kind: "ap", households: null });
    expect((await getHamlet(a.otherCommune, id)).name).toBe("Ấp Tân Thành");
  });

  it("refuses a second hamlet of the same name in the commune with a field message", async () => {
    await expect(createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "khóm phú hòa đông", kind: "khom", households: null })).rejects.toMatchObject({
      fieldErrors: { name: ["rosters.errors.hamlet_name_taken"] },
    });
  });

  it("says in the same round as the schema's errors that the name is taken or the commune out of reach, reading only", async () => {
    const before = await tableSnapshot(ctx.db, "hamlets");
    const form = (actor: typeof a.phuKhuong, values: Record<string, string>) => hamletPlaceProblems(actor, hamletPlace(values));
    // Taken in the commune whatever the case, for a new hamlet and for another hamlet's edit; free for the hamlet itself.
    expect(await form(a.phuKhuong, { communeCode: PHU_KHUONG, name: "KHÓM PHÚ HÒA ĐÔNG", households: "nhiều" })).toEqual({ name: ["rosters.errors.hamlet_name_taken"] });
    expect(await form(a.vinhLong, { communeCode: PHU_KHUONG, name: "khóm phú hòa đông" })).toEqual({ name: ["rosters.errors.hamlet_name_taken"] });
    const other = await createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm Phú Lợi", kind: "khom", households: null });
    expect(await form(a.phuKhuong, { id: String(other), name: "Khóm Phú Hòa Đông", kind: "" })).toEqual({ name: ["rosters.errors.hamlet_name_taken"] });
    expect(await form(a.phuKhuong, { id: String(phuHoa), name: "Khóm Phú Hòa Đông", kind: "" })).toEqual({});
    expect(await form(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm Mới" })).toEqual({});
    // Another commune: out of scope, and nothing said about its names.
    for (const actor of [a.otherCommune, a.haNoi, a.nat]) {
      expect(await form(actor, { communeCode: PHU_KHUONG, name: "Khóm Phú Hòa Đông" })).toEqual({ communeCode: ["errors.out_of_scope"] });
      expect(await form(actor, { id: String(other), name: "Khóm Phú Hòa Đông" })).toEqual({});
    }
    expect(await form(a.phuKhuong, { communeCode: "x", name: "" })).toEqual({});
    await removeHamlet(a.phuKhuong, { id: other, version: 1 });
    expect(await tableSnapshot(ctx.db, "hamlets")).not.toBe(before);
  });

  it("shows both versions on a concurrent edit instead of overwriting", async () => {
    const h = await getHamlet(a.phuKhuong, phuHoa);
    await updateHamlet(a.phuKhuong, { id: phuHoa, version: h.version, name: h.name, kind: "khom", households: 500 });
    const second = updateHamlet(a.vinhLong, { id: phuHoa, version: h.version, name: h.name, kind: "khom", households: 1 });
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    const error = (await second.catch((e) => e)) as ConflictError<{ households: number; version: number }>;
    expect(error.current).toMatchObject({ households: 500, version: h.version + 1 });
    expect((await getHamlet(a.phuKhuong, phuHoa)).households).toBe(500);
  });

  it("searches without diacritics or case and filters by commune, kind and status", async () => {
    expect((await listHamlets(a.vinhLong, list({ q: "PHU HOA" }))).rows.map((r) => r.name)).toEqual(["Khóm Phú Hòa Đông"]);
    expect((await listHamlets(a.vinhLong, list({ q: "tan thanh" }))).rows.map((r) => r.name)).toEqual(["Ấp Tân Thành"]);
    expect((await listHamlets(a.vinhLong, list({ commune: PHU_KHUONG }))).total).toBe(1);
    expect((await listHamlets(a.vinhLong, list({ kind: "ap" }))).rows.map((r) => r.name)).toEqual(["Ấp Tân Thành"]);
    expect((await listHamlets(a.nat, list({ province: "86" }))).total).toBe(2);
    expect((await listHamlets(a.nat, list({ province: "01" }))).total).toBe(0);
    expect(await names(hamletExportRows(a.vinhLong, list({ q: "phu" })))).toEqual(["Khóm Phú Hòa Đông"]);
  });

  it("refuses to remove a hamlet that still has teams", async () => {
    const h = await createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm 3", kind: "khom", households: null });
    await createTeam(a.phuKhuong, { communeCode: PHU_KHUONG, hamletId: h, name: "Tổ CNSCĐ Khóm 3", establishedOn: null, zaloUrl: null, note: null });
    await expect(removeHamlet(a.phuKhuong, { id: h, version: 1 })).rejects.toMatchObject({ fieldErrors: { id: ["rosters.errors.hamlet_has_teams"] } });
    expect((await getHamlet(a.phuKhuong, h)).deletedAt).toBeNull();
  });

  it("keeps every read within scope: other communes and provinces see nothing, missing is not found", async () => {
    expect((await listHamlets(a.otherCommune, list())).rows.map((r) => r.name)).toEqual(["Ấp Tân Thành"]);
    expect((await listHamlets(a.haNoi, list())).total).toBe(0);
    expect((await listHamlets(a.haNoi, list({ commune: PHU_KHUONG }))).total).toBe(0);
    expect(await names(hamletExportRows(a.haNoi, list()))).toEqual([]);
    expect(await listHamletOptions(a.otherCommune, PHU_KHUONG)).toEqual([]);
    expect((await listHamletOptions(a.phuKhuong, PHU_KHUONG)).length).toBe(2);
    for (const actor of [a.otherCommune, a.haNoi]) await expect(getHamlet(actor, phuHoa)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getHamlet(a.phuKhuong, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getHamlet(a.nat, phuHoa)).name).toBe("Khóm Phú Hòa Đông");
  });

  it("refuses every write outside scope and by national users, changing nothing", async () => {
    const h = await getHamlet(a.phuKhuong, phuHoa);
    const before = await tableSnapshot(ctx.db, "hamlets");
    const audits = await auditTotal(ctx.db);
    for (const actor of [a.otherCommune, a.haNoi, a.nat]) {
      await expect(createHamlet(actor, { communeCode: PHU_KHUONG, name: "Xâm nhập", kind: "thon", households: null })).rejects.toBeInstanceOf(FieldError);
      await expect(updateHamlet(actor, { id: phuHoa, version: h.version, name: "Xâm nhập", kind: "thon", households: 1 })).rejects.toBeInstanceOf(NotFoundError);
      await expect(removeHamlet(actor, { id: phuHoa, version: h.version })).rejects.toBeInstanceOf(NotFoundError);
    }
    await removeHamlet(a.phuKhuong, { id: phuHoa, version: h.version });
    const removed = await tableSnapshot(ctx.db, "hamlets");
    const removedAudits = await auditTotal(ctx.db);
    for (const actor of [a.otherCommune, a.haNoi, a.nat]) await expect(restoreHamlet(actor, { id: phuHoa })).rejects.toBeInstanceOf(NotFoundError);
    expect(await tableSnapshot(ctx.db, "hamlets")).toBe(removed);
    expect(await auditTotal(ctx.db)).toBe(removedAudits);
    expect(before).not.toBe(removed);
    expect(removedAudits).toBe(audits + 1);
  });
});
