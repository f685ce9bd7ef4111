import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "./errors";

/** Runs a data-access read for a page, turning an out-of-scope or missing record into the 404 page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
