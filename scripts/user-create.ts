import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import { openMigrated } from "../db/setup";
import { hashPassword } from "../lib/auth/password";
import { passwordProblem } from "../lib/auth/password-policy";
import { ROLES, type Role } from "../lib/domain/catalog";

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    username: { type: "string" },
    name: { type: "string" },
    province: { type: "string" },
    commune: { type: "string" },
  },
});
const fail = (message: string) => {
  console.error(message);
  process.exit(2);
};
const role = values.role as Role;
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(", ")}`);
if (!values.username || !/^[a-zA-Z0-9._-]{3,64}$/.test(values.username)) fail("--username: 3–64 letters, digits, dot, dash or underscore");
if (role !== "national" && !values.province) fail("--province <2-digit code> is required for this role");
if (role === "commune" && !values.commune) fail("--commune <5-digit code> is required for this role");

let password = process.env.USER_PASSWORD ?? "";
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password: ");
  rl.close();
}
const problem = passwordProblem(password, values.username!);
if (problem) fail(`Password refused: ${problem}`);

const handle = await openMigrated();
try {
  const [row] = await handle.db
    .insert(users)
    .values({
      username: values.username!,
      fullName: values.name ?? values.username!,
      role,
      provinceCode: role === "national" ? null : values.province!,
      communeCode: role === "commune" ? values.commune! : null,
      passwordHash: await hashPassword(password),
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!row) fail(`An account named ${values.username} already exists.`);
  await handle.db.execute(sql`INSERT INTO audit_events (action, entity, entity_id, province_code, commune_code)
    VALUES ('account.create', 'user', ${String(row.id)}, ${values.province ?? null}, ${values.commune ?? null})`);
  console.log(`Created ${role} account ${values.username} in the ${handle.kind} database.`);
} finally {
  await handle.close();
}
