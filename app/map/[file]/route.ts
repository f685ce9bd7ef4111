import { mapSprite } from "@/lib/map/projection";

/**
 * The province shapes of a map view (`/map/VN.svg`, `/map/86.svg`): public geometry, cached
 * for a year when asked for at its current version.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const key = /^(VN|\d{2})\.svg$/.exec((await params).file)?.[1];
  const sprite = key ? mapSprite(key) : null;
  if (!sprite) return new Response("Not found", { status: 404 });
  const current = new URL(request.url).searchParams.get("v") === sprite.version;
  return new Response(sprite.body, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=300",
    },
  });
}
