import { describe, expect, it } from "vitest";
import { formatPhone, maskPhone, normalisePhone } from "@/lib/domain/phone";

describe("normalisePhone", () => {
  it.each([
    ["0912345678", "0912345678"],
    ["091 234 5678", "0912345678"],
    ["091.234.5678", "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["+84912345678", "0912345678"],
    ["84912345678", "0912345678"],
    ["0084 912 345 678", "0912345678"],
    ["(024) 3987-6543", "02439876543"],
    ["+84 24 3987 6543", "02439876543"],
    ["0327 123 456", "0327123456"],
    ["  0868.000.111 ", "0868000111"],
  ])("%j → %s", (input, expected) => {
    expect(normalisePhone(input)).toEqual({ ok: true, phone: expected });
  });

  it.each(["", "abc", "12345", "091234567", "09123456789", "0112345678", "+1 212 555 0100", "0912-345-67a", "+0912345678", "0212345678"])(
    "refuses %j",
    (input) => {
      expect(normalisePhone(input)).toEqual({ ok: false });
    },
  );
});

describe("display", () => {
  it.each([
    ["0912345678", "0912 345 678"],
    ["0327123456", "0327 123 456"],
    ["0868000111", "0868 000 111"],
    ["02439876543", "024 3987 6543"],
    ["02838221234", "028 3822 1234"],
    ["02753822010", "0275 3822 010"],
    ["02363822010", "0236 3822 010"],
  ])("groups %s as people write it: %s", (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });
  it("masks all but the prefix and the last three digits", () => {
    expect(maskPhone("0912345123")).toBe("09xx xxx 123");
    expect(maskPhone("02439876543")).toBe("02x xxxx x543");
    expect(maskPhone("02753822010")).toBe("02xx xxxx 010");
    expect(maskPhone(null)).toBeNull();
  });
});
