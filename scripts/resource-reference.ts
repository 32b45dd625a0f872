/**
 * `npm run reference`: writes the resource reference of provider/README.md from the schema
 * (provider/schema/reference.ts). test/provider/schema.test.ts fails when it is not current.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { withReference } from "../provider/schema/reference";

const readme = path.resolve(__dirname, "..", "provider", "README.md");
fs.writeFileSync(readme, withReference(fs.readFileSync(readme, "utf8")));
console.log(`wrote the resource reference into ${readme}`);
