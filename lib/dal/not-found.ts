import "server-only";
import { notFound } from "next/navigation";
import { bigIdField, idField } from "@/lib/validation/primitives";
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

/** A record id from the URL: anything that is not an id of the database type is simply not found. */
export function idOrNotFound(value: string, field: "int" | "bigint" = "int"): number {
  const parsed = (field === "int" ? idField() : bigIdField()).safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}
