import { describe, expect, it } from "vitest";
import { GET } from "@/app/map/[file]/route";
import { mapView } from "@/lib/map/projection";

const get = (file: string, query = "") => GET(new Request(`http://localhost/map/${file}${query}`), { params: Promise.resolve({ file }) });

describe("GET /map/<view>.svg", () => {
  it("serves the national sprite, cached for a year at its current version", async () => {
    const url = mapView().sprite;
    const res = await get("VN.svg", url.slice(url.indexOf("?")));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const body = await res.text();
    expect(body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"><defs>/);
    expect(body.match(/<path id="p-\d{2}"/g)).toHaveLength(34);
  });

  it("caches briefly when asked without the current version", async () => {
    const res = await get("86.svg", "?v=old");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("answers not found for names that are not a view", async () => {
    for (const file of ["99.svg", "VN.json", "..%2FVN.svg", "vn.svg", "860.svg"]) expect((await get(file)).status).toBe(404);
  });
});
