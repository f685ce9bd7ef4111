import "server-only";
import { getDatabase, type Database } from "@/db/client";

export async function db(): Promise<Database> {
  return (await getDatabase()).db;
}
