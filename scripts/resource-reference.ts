/**
 * `npm run reference`: writes the resource reference of provider/README.md and ServerlessApp's
 * table in README.md from the schema (provider/schema/reference.ts).
 * test/provider/schema.test.ts fails when either is not current.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { withAppReference, withReference } from "../provider/schema/reference";

for (const [file, write] of [
  ["provider/README.md", withReference],
  ["README.md", withAppReference],
] as const) {
  const readme = path.resolve(__dirname, "..", file);
  fs.writeFileSync(readme, write(fs.readFileSync(readme, "utf8")));
  console.log(`wrote the reference into ${readme}`);
}
