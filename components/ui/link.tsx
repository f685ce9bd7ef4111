import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * `next/link` without prefetching. Every page here is rendered per request for its signed-in
 * user, so a prefetch buys only the shared layout and costs a server render for each link in
 * view: a dashboard alone would send a dozen requests nobody asked for.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
