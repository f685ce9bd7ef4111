import { ImportRejectedError } from "@/lib/dal/roster-import";

/** The refusal an import call ends with; fails the test when it succeeds or fails otherwise. */
export async function rejected(promise: Promise<unknown>): Promise<ImportRejectedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportRejectedError) return error;
    throw error;
  }
  throw new Error("expected the import to be rejected");
}
