import { describe, expect, it } from "vitest";
import { readQuery } from "@/lib/validation/primitives";
import { hamletListSchema, memberFormSchema, normaliseZaloUrl, teamInputSchema, teamUpdateSchema } from "@/lib/validation/rosters";

describe("normaliseZaloUrl", () => {
  it.each([
    ["https://zalo.me/g/abcd1234", "https://zalo.me/g/abcd1234"],
    ["zalo.me/g/xyz_98-7", "https://zalo.me/g/xyz_98-7"],
    ["http://zalo.me/g/abcd1234", "https://zalo.me/g/abcd1234"],
    ["  https://www.zalo.me/g/abcd1234/ ", "https://zalo.me/g/abcd1234/"],
    ["HTTPS://ZALO.ME/g/AbCd1234", "https://zalo.me/g/AbCd1234"],
    ["https://zalo.me/0912345678", "https://zalo.me/0912345678"],
    ["https://chat.zalo.me/?g=abcd", "https://chat.zalo.me/?g=abcd"],
  ])("accepts %j as %s", (input, expected) => {
    expect(normaliseZaloUrl(input)).toBe(expected);
  });

  it.each([
    "",
    "https://zalo.me/",
    "https://zalo.me/g/",
    "https://zalo.me/g/ab",
    "https://zalo.me/g/abc def1",
    "https://zalo.me.evil.com/g/abcd1234",
    "https://evil.com/zalo.me/g/abcd1234",
    "https://user:pass@zalo.me/g/abcd1234",
    "https://zalo.me:8443/g/abcd1234",
    "javascript:alert(1)//zalo.me/g/abcd1234",
    "ftp://zalo.me/g/abcd1234",
    "https://facebook.com/groups/abc",
    "https://zalo.me/profile/abc",
  ])("rejects %j", (input) => {
    expect(normaliseZaloUrl(input)).toBeNull();
  });

  it("gives the team form a field message, and an empty link means none", () => {
    const base = { communeCode: "28756", name: "Tổ 1", hamletId: "", establishedOn: "", note: "" };
    expect(teamInputSchema.safeParse({ ...base, zaloUrl: "https://facebook.com/x" }).error?.issues[0]).toMatchObject({ path: ["zaloUrl"], message: "rosters.errors.zalo_invalid" });
    expect(teamInputSchema.parse({ ...base, zaloUrl: "" }).zaloUrl).toBeNull();
    expect(teamInputSchema.parse({ ...base, zaloUrl: "zalo.me/g/abcd1234" }).zaloUrl).toBe("https://zalo.me/g/abcd1234");
  });
});

describe("roster form schemas", () => {
  const member = { teamId: "1", fullName: "Nguyễn Văn An", gender: "male", birthYear: "", phone: "", position: "member", joinedOn: "", leftOn: "" };

  it("normalises phones and reports a bad one on the field", () => {
    expect(memberFormSchema.parse({ ...member, phone: "+84 912.345.678" }).phone).toBe("0912345678");
    expect(memberFormSchema.parse({ ...member, phone: "(024) 3987 6543" }).phone).toBe("02439876543");
    expect(memberFormSchema.safeParse({ ...member, phone: "12345" }).error?.issues[0]).toMatchObject({ path: ["phone"], message: "rosters.errors.phone_invalid" });
  });

  it("checks dates and birth years", () => {
    expect(memberFormSchema.safeParse({ ...member, joinedOn: "2024-05-01", leftOn: "2024-04-01" }).error?.issues[0]).toMatchObject({ path: ["leftOn"], message: "rosters.errors.left_before_joined" });
    const nextMonth = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10);
    expect(memberFormSchema.safeParse({ ...member, joinedOn: nextMonth }).error?.issues[0]).toMatchObject({ path: ["joinedOn"], message: "rosters.errors.date_future" });
    expect(memberFormSchema.safeParse({ ...member, joinedOn: "2999-01-01" }).error?.issues[0]).toMatchObject({ path: ["joinedOn"], message: "errors.date_out_of_range" });
    expect(memberFormSchema.safeParse({ ...member, joinedOn: "1999-12-31" }).error?.issues[0]).toMatchObject({ path: ["joinedOn"], message: "errors.date_out_of_range" });
    expect(memberFormSchema.safeParse({ ...member, joinedOn: "2024-02-30" }).error?.issues[0].message).toBe("rosters.errors.date_invalid");
    expect(memberFormSchema.safeParse({ ...member, birthYear: "1890" }).error?.issues[0].message).toBe("rosters.errors.birth_year_invalid");
    expect(memberFormSchema.safeParse({ ...member, "affiliations.spy": "on" }).success).toBe(false);
  });

  it("needs a dissolution date for a dissolved team and drops it for an active one", () => {
    const team = { id: "1", version: "1", name: "Tổ 1", hamletId: "", establishedOn: "2023-01-01", zaloUrl: "", note: "" };
    expect(teamUpdateSchema.safeParse({ ...team, status: "dissolved", dissolvedOn: "" }).error?.issues[0].path).toEqual(["dissolvedOn"]);
    expect(teamUpdateSchema.parse({ ...team, status: "active", dissolvedOn: "2024-01-01" }).dissolvedOn).toBeNull();
    expect(teamUpdateSchema.safeParse({ ...team, status: "dissolved", dissolvedOn: "2022-01-01" }).error?.issues[0].message).toBe("rosters.errors.dissolved_before_established");
  });

  it("falls back to defaults for unknown list parameters on a page, and names them", () => {
    const read = readQuery(hamletListSchema, { page: "-3", sort: "drop table", dir: "sideways", province: "x", kind: "castle", commune: "28756" });
    expect(read.data).toMatchObject({ page: 1, sort: "name", dir: "asc", status: "current", commune: "28756" });
    expect([read.data.province, read.data.kind]).toEqual([undefined, undefined]);
    expect(read.invalid.sort()).toEqual(["dir", "kind", "page", "province", "sort"]);
    expect(read.query).toEqual({ commune: "28756" });
  });
});
