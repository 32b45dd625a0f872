/**
 * The plugin path's rows (issue 24 item 4): YAML and TypeScript on the generated SDK beside the
 * dynamic JavaScript program and the Toolkit, the goals checked, and where each command's
 * time goes (CPU and timeline by process: engine, language host, program, provider).
 */
import type { Span } from "./measure";
import { SCENARIO_LABELS, type GoalCheck, type Row } from "./report";
import type { Scenario } from "./scenarios";
import { MAIN_VARIANT, TS_SDK_VARIANT_NAME, YAML_VARIANT_NAME } from "./variants";

export const PLUGIN_VARIANTS = [YAML_VARIANT_NAME, TS_SDK_VARIANT_NAME];

const find = (rows: Row[], scenario: Scenario, size: number, variant: string) =>
  rows.find((row) => row.scenario === scenario && row.size === size && row.variant === variant);

/** a / b of two rows' wall times, undefined when either is missing. */
function factor(a: Row | undefined, b: Row | undefined): number | undefined {
  return a && b ? a.wallMs / b.wallMs : undefined;
}

/** The same ratio in CPU seconds of the command's process tree: steadier than wall time on a loaded machine. */
function cpuFactor(a: Row | undefined, b: Row | undefined): string {
  return a && b ? ` (CPU ${(a.cpuMs / b.cpuMs).toFixed(2)}×)` : "";
}

/** One goal over several sizes: met when every size meets it, undefined when none was measured. */
function goal(
  goalText: string,
  sizes: number[],
  test: (size: number) => [number | undefined, boolean, string?],
): GoalCheck {
  const results = sizes.map((size) => ({ size, result: test(size) })).filter(({ result }) => result[0] !== undefined);
  return {
    goal: goalText,
    met: results.length === 0 ? undefined : results.every(({ result }) => result[1]),
    evidence:
      results.map(({ size, result }) => `N=${size}: ${result[0]!.toFixed(2)}×${result[2] ?? ""}`).join(", ") ||
      `N=${sizes.join(", ")} not measured`,
  };
}

/** Issue 24 item 4's goals, for the plugin variants that were measured. */
export function checkPluginGoals(rows: Row[]): GoalCheck[] {
  const sizes = [...new Set(rows.map((row) => row.size))].sort((a, b) => a - b);
  const has = (variant: string) => rows.some((row) => row.variant === variant);
  const checks: GoalCheck[] = [];
  const noopOverFloor = (variant: string, floorVariant: string, limit: (f: number) => boolean) => (size: number) => {
    const [noop, floor] = [find(rows, "ours-noop", size, variant), find(rows, "floor-b", size, floorVariant)];
    const f = factor(noop, floor);
    return [f, f !== undefined && limit(f), cpuFactor(noop, floor)] as [number | undefined, boolean, string];
  };
  if (has(YAML_VARIANT_NAME))
    checks.push(
      goal(
        "YAML: no-op `up` faster than floor (b) of the JavaScript program (ratio < 1)",
        sizes,
        noopOverFloor(YAML_VARIANT_NAME, MAIN_VARIANT.name, (f) => f < 1),
      ),
    );
  if (has(TS_SDK_VARIANT_NAME))
    checks.push(
      goal(
        "TypeScript on the SDK: no-op `up` within 1.3× of its own floor (b)",
        sizes,
        noopOverFloor(TS_SDK_VARIANT_NAME, TS_SDK_VARIANT_NAME, (f) => f <= 1.3),
      ),
    );
  for (const variant of PLUGIN_VARIANTS.filter(has)) {
    const speedup = (size: number) =>
      factor(find(rows, "toolkit-redeploy", size, MAIN_VARIANT.name), find(rows, "ours-change", size, variant));
    checks.push(
      goal(
        `${variant}: one-file re-deploy faster than the Toolkit's at N=50 and N=200 (speed-up > 1)`,
        [50, 200],
        (size) => {
          const f = speedup(size);
          return [f, f !== undefined && f > 1];
        },
      ),
      goal(`${variant}: one-file re-deploy at least 2× faster than the Toolkit's at N=800`, [800], (size) => {
        const f = speedup(size);
        return [f, f !== undefined && f >= 2];
      }),
      goal(`${variant}: cold deploy within 1.2× of the Toolkit's`, sizes, (size) => {
        const f = factor(find(rows, "ours-cold", size, variant), find(rows, "toolkit-cold", size, MAIN_VARIANT.name));
        return [f, f !== undefined && f <= 1.2];
      }),
    );
  }
  return checks;
}

/** The process roles, in the order a command starts them, with the names the table uses. */
const ROLES: [string, string][] = [
  ["pulumi CLI", "engine"],
  ["language host", "host"],
  ["program", "program"],
  ["provider plugin", "plugin"],
  ["dynamic provider", "dynamic provider"],
];

const s = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(1);

function cpuByProcess(row: Row): string {
  return ROLES.filter(([role]) => row.cpuMsByRole[role] !== undefined)
    .map(([role, name]) => `${name} ${s(row.cpuMsByRole[role])}`)
    .join(", ");
}

function timeline(row: Row): string {
  const span = (role: string): Span | undefined => row.spanMsByRole[role];
  return (
    ROLES.filter(([role]) => span(role) && role !== "pulumi CLI")
      .map(([role, name]) => `${name} ${s(span(role)!.startMs)}–${s(span(role)!.endMs)}`)
      .join(", ") || "–"
  );
}

const SCENARIOS: Scenario[] = ["ours-noop", "floor-b", "ours-change", "ours-cold", "ours-drift"];

/** Wall, CPU by process and timeline of our commands, for the dynamic program and the plugin variants. */
export function pluginTable(rows: Row[]): string {
  const variants = [MAIN_VARIANT.name, ...PLUGIN_VARIANTS];
  const lines = [
    "| N | program | scenario | wall s (min–max) | CPU s by process | processes alive, s from spawn |",
    "|---:|---|---|---:|---|---|",
  ];
  const sizes = [...new Set(rows.map((row) => row.size))].sort((a, b) => a - b);
  for (const size of sizes)
    for (const scenario of SCENARIOS)
      for (const variant of variants) {
        const row = find(rows, scenario, size, variant);
        if (!row) continue;
        lines.push(
          `| ${size} | ${variant === MAIN_VARIANT.name ? "js (dynamic)" : variant} | ${SCENARIO_LABELS[scenario]} | ` +
            `${s(row.wallMs)} (${s(row.minWallMs)}–${s(row.maxWallMs)}) | ${(row.cpuMs / 1000).toFixed(1)}: ${cpuByProcess(row)} | ${timeline(row)} |`,
        );
      }
  return lines.join("\n");
}
