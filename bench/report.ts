/**
 * From samples to what a reader needs: medians per scenario and size, the goals of issues 7 and 14
 * checked against them, calls by route, and the Markdown the bench prints and writes.
 */
import type { Span } from "./measure";
import { totalCpuMs, type Sample, type Scenario } from "./scenarios";
import { isWriteRoute } from "./emulator";
import { MAIN_VARIANT } from "./variants";

export const SCENARIO_LABELS: Record<Scenario, string> = {
  "toolkit-cold": "Toolkit: cold deploy",
  "toolkit-redeploy": "Toolkit: re-deploy, 1 file changed",
  "ours-cold": "ours: cold `pulumi up`",
  "ours-change": "ours: `pulumi up`, 1 file changed",
  "ours-noop": "ours: `pulumi up`, nothing changed",
  "ours-drift": "ours: drift check (`pulumi preview --refresh --expect-no-changes`)",
  "floor-a": "floor (a): only the unavoidable calls",
  "floor-b": "floor (b): `pulumi up` of an empty program",
};

const SCENARIO_ORDER = Object.keys(SCENARIO_LABELS) as Scenario[];
const OURS_SCENARIOS: Scenario[] = ["ours-cold", "ours-change", "ours-noop", "ours-drift", "floor-b"];

export interface Row {
  variant: string;
  scenario: Scenario;
  size: number;
  runs: number;
  wallMs: number;
  minWallMs: number;
  maxWallMs: number;
  writeCalls: number;
  totalCalls: number;
  bytesUploaded: number;
  peakRssBytes: number;
  /** Median CPU time of the whole process tree, and of each role (medians, so they need not add up). */
  cpuMs: number;
  cpuMsByRole: Record<string, number>;
  /** Median first and last moment each role's processes were seen, ms from spawn. */
  spanMsByRole: Record<string, Span>;
  stateBytes?: number;
  /** Calls by route of the run with the median wall time. */
  calls: Record<string, number>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function medianSpans(group: Sample[]): Record<string, Span> {
  const roles = [...new Set(group.flatMap((s) => Object.keys(s.spanMsByRole ?? {})))];
  return Object.fromEntries(
    roles.map((role) => {
      const spans = group.map((s) => s.spanMsByRole?.[role]).filter((span): span is Span => !!span);
      return [role, { startMs: median(spans.map((x) => x.startMs)), endMs: median(spans.map((x) => x.endMs)) }];
    }),
  );
}

export function summarize(samples: Sample[]): Row[] {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const key = `${sample.variant}|${sample.scenario}|${sample.size}`;
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  const rows = [...groups.values()].map((group): Row => {
    const walls = group.map((s) => s.wallMs);
    const mid = median(walls);
    const representative = group.reduce((best, s) =>
      Math.abs(s.wallMs - mid) < Math.abs(best.wallMs - mid) ? s : best,
    );
    const states = group.map((s) => s.stateBytes).filter((v): v is number => v !== undefined);
    return {
      variant: group[0].variant,
      scenario: group[0].scenario,
      size: group[0].size,
      runs: group.length,
      wallMs: mid,
      minWallMs: Math.min(...walls),
      maxWallMs: Math.max(...walls),
      writeCalls: median(group.map((s) => s.writeCalls)),
      totalCalls: median(group.map((s) => s.totalCalls)),
      bytesUploaded: median(group.map((s) => s.bytesUploaded)),
      peakRssBytes: median(group.map((s) => s.peakRssBytes)),
      cpuMs: median(group.map(totalCpuMs)),
      cpuMsByRole: Object.fromEntries(
        [...new Set(group.flatMap((s) => Object.keys(s.cpuMsByRole)))].map((role) => [
          role,
          median(group.map((s) => s.cpuMsByRole[role] ?? 0)),
        ]),
      ),
      spanMsByRole: medianSpans(group),
      stateBytes: states.length ? median(states) : undefined,
      calls: representative.calls,
    };
  });
  return rows.sort(
    (a, b) =>
      a.size - b.size ||
      SCENARIO_ORDER.indexOf(a.scenario) - SCENARIO_ORDER.indexOf(b.scenario) ||
      a.variant.localeCompare(b.variant),
  );
}

function find(rows: Row[], scenario: Scenario, size: number, variant = MAIN_VARIANT.name): Row | undefined {
  return rows.find((row) => row.scenario === scenario && row.size === size && row.variant === variant);
}

const ms = (value: number) => Math.round(value).toLocaleString("en-US");
const kb = (bytes: number) => (bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0);
const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(0);

export function resultsTable(rows: Row[], variant = MAIN_VARIANT.name): string {
  const lines = [
    "| N | scenario | wall ms (median) | min–max ms | ms / file | CPU s | write calls | total calls | uploaded KB | peak RSS MB | state KB |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows.filter((r) => r.variant === variant)) {
    lines.push(
      `| ${row.size} | ${SCENARIO_LABELS[row.scenario]} | ${ms(row.wallMs)} | ${ms(row.minWallMs)}–${ms(row.maxWallMs)} | ` +
        `${(row.wallMs / row.size).toFixed(1)} | ${(row.cpuMs / 1000).toFixed(1)} | ${row.writeCalls} | ${row.totalCalls} | ${kb(row.bytesUploaded)} | ` +
        `${mb(row.peakRssBytes)} | ${row.stateBytes === undefined ? "" : kb(row.stateBytes)} |`,
    );
  }
  return lines.join("\n");
}

const seconds = (value: number | undefined) => ((value ?? 0) / 1000).toFixed(1);

/** "9.8 (2.1 / 6.9 / 0.6)": where our CPU goes (the provider: dynamic, or the plugin for YAML). */
export function cpuSplit(row: Row): string {
  const role = row.cpuMsByRole;
  const provider = (role["dynamic provider"] ?? 0) + (role["provider plugin"] ?? 0);
  return `${seconds(row.cpuMs)} (${seconds(role["pulumi CLI"])} / ${seconds(role.program)} / ${seconds(provider)})`;
}

/** Our scenarios under each extra variant, beside the main settings, for the diagnosis. */
export function variantsTable(rows: Row[], variants: { name: string; description: string }[]): string {
  const lines = [
    "| N | variant | scenario | wall ms (median) | min–max ms | CPU s: total (CLI / program / provider) | write calls | total calls | peak RSS MB |",
    "|---:|---|---|---:|---:|---|---:|---:|---:|",
  ];
  const names = [MAIN_VARIANT.name, ...variants.map((v) => v.name)];
  for (const row of rows.filter((r) => OURS_SCENARIOS.includes(r.scenario) && names.includes(r.variant))) {
    lines.push(
      `| ${row.size} | ${row.variant} | ${SCENARIO_LABELS[row.scenario]} | ${ms(row.wallMs)} | ${ms(row.minWallMs)}–${ms(row.maxWallMs)} | ` +
        `${cpuSplit(row)} | ${row.writeCalls} | ${row.totalCalls} | ${mb(row.peakRssBytes)} |`,
    );
  }
  lines.push(
    "",
    ...[{ name: MAIN_VARIANT.name, description: MAIN_VARIANT.description }, ...variants].map(
      (v) => `- \`${v.name}\`: ${v.description}`,
    ),
  );
  return lines.join("\n");
}

/** A route template without the service prefix, each sid shown as a star: "POST Functions/{*}/Versions". */
export function shortRoute(route: string): string {
  const [method, template] = route.split(" ");
  const parts = template.replace(/^\/v1\/?/, "").split("/");
  const trimmed = parts[0] === "Services" && parts[1] === "{ServiceSid}" && parts.length > 2 ? parts.slice(2) : parts;
  return `${method} ${trimmed.map((part) => (part.startsWith("{") ? "{*}" : part)).join("/")}`;
}

export function callsTable(rows: Row[]): string {
  const lines = ["| N | scenario | write calls by route | read calls by route |", "|---:|---|---|---|"];
  const format = (calls: [string, number][]) =>
    calls.map(([route, n]) => `${shortRoute(route)} ×${n}`).join(", ") || "none";
  for (const row of rows.filter((r) => r.variant === MAIN_VARIANT.name)) {
    const entries = Object.entries(row.calls).sort(([a], [b]) => a.localeCompare(b));
    lines.push(
      `| ${row.size} | ${SCENARIO_LABELS[row.scenario]} | ${format(entries.filter(([route]) => isWriteRoute(route)))} | ` +
        `${format(entries.filter(([route]) => !isWriteRoute(route)))} |`,
    );
  }
  return lines.join("\n");
}

export interface GoalCheck {
  goal: string;
  met: boolean | undefined;
  evidence: string;
}

function ratio(a: Row | undefined, b: number | undefined): number | undefined {
  return a && b ? a.wallMs / b : undefined;
}

/**
 * The goals of issues 7 and 14 (undefined: a size it needs was not run), for our rows of `variant`
 * (the Toolkit and floor (a) have one setting only).
 */
export function checkGoals(allRows: Row[], variant = MAIN_VARIANT.name): GoalCheck[] {
  const ours = new Set<Scenario>(OURS_SCENARIOS);
  const rows = allRows
    .filter((row) => (ours.has(row.scenario) ? row.variant === variant : row.variant === MAIN_VARIANT.name))
    .map((row) => ({ ...row, variant: MAIN_VARIANT.name }));
  const sizes = [...new Set(rows.map((row) => row.size))].sort((a, b) => a - b);
  const checks: GoalCheck[] = [];
  const changes = sizes.map((size) => find(rows, "ours-change", size)).filter((row): row is Row => !!row);
  const writes = changes.map((row) => row.writeCalls);
  checks.push({
    goal: "one changed file: the same number of write calls at every N",
    met: writes.length > 0 && writes.every((n) => n === writes[0]),
    evidence: changes.map((row) => `N=${row.size}: ${row.writeCalls}`).join(", "),
  });
  const noops = sizes.map((size) => find(rows, "ours-noop", size)).filter((row): row is Row => !!row);
  checks.push({
    goal: "no-op `pulumi up`: zero calls",
    met: noops.length > 0 && noops.every((row) => row.totalCalls === 0),
    evidence: noops.map((row) => `N=${row.size}: ${row.totalCalls}`).join(", "),
  });
  const noopOverFloor = noops.map((row) => ({
    size: row.size,
    factor: ratio(row, find(rows, "floor-b", row.size)?.wallMs),
  }));
  checks.push({
    goal: "no-op `pulumi up` within 1.3× of floor (b) at every N",
    met: noopOverFloor.length > 0 && noopOverFloor.every((n) => n.factor !== undefined && n.factor <= 1.3),
    evidence: noopOverFloor.map((n) => `N=${n.size}: ${n.factor?.toFixed(2) ?? "?"}×`).join(", "),
  });
  const drifts = sizes.map((size) => find(rows, "ours-drift", size)).filter((row): row is Row => !!row);
  if (drifts.length > 0) {
    checks.push({
      goal: "clean drift check: at most 25 API reads whatever N",
      met: drifts.every((row) => row.totalCalls <= 25 && row.writeCalls === 0),
      evidence: drifts.map((row) => `N=${row.size}: ${row.totalCalls}`).join(", "),
    });
    const driftOverNoop = drifts.map((row) => ({
      size: row.size,
      factor: ratio(row, find(rows, "ours-noop", row.size)?.wallMs),
    }));
    const at800 = driftOverNoop.find((d) => d.size === 800)?.factor;
    checks.push({
      goal: "clean drift check at N=800 within 1.5× of the no-op's time",
      met: at800 === undefined ? undefined : at800 <= 1.5,
      evidence: driftOverNoop.map((d) => `N=${d.size}: ${d.factor?.toFixed(2) ?? "?"}×`).join(", "),
    });
  }
  const floorA = find(rows, "floor-a", 200);
  const floorB = find(rows, "floor-b", 200);
  const atFloor = ratio(find(rows, "ours-change", 200), floorA && floorB ? floorA.wallMs + floorB.wallMs : undefined);
  checks.push({
    goal: "re-deploy at N=200 within 1.3× of floor (a) + floor (b)",
    met: atFloor === undefined ? undefined : atFloor <= 1.3,
    evidence:
      atFloor === undefined
        ? "N=200 not measured"
        : `${atFloor.toFixed(2)}× (${ms(find(rows, "ours-change", 200)!.wallMs)} ms vs ${ms(floorA!.wallMs)} + ${ms(floorB!.wallMs)} ms)`,
  });
  if (changes.length >= 2) {
    const first = changes[0];
    const last = changes[changes.length - 1];
    const slope = (last.wallMs - first.wallMs) / (last.size - first.size);
    checks.push({
      goal: "re-deploy growth with N (stated, no threshold)",
      met: undefined,
      evidence: `${slope.toFixed(2)} ms per extra file between N=${first.size} and N=${last.size}`,
    });
  }
  const speedups = sizes.map((size) => ({
    size,
    speedup: ratio(find(rows, "toolkit-redeploy", size), find(rows, "ours-change", size)?.wallMs),
  }));
  checks.push({
    goal: "re-deploy faster than the Toolkit's at every N",
    met: speedups.every((s) => s.speedup !== undefined && s.speedup > 1),
    evidence: speedups.map((s) => `N=${s.size}: ${s.speedup?.toFixed(2) ?? "?"}×`).join(", "),
  });
  const at800 = speedups.find((s) => s.size === 800)?.speedup;
  checks.push({
    goal: "re-deploy at least 2× faster than the Toolkit's at N=800",
    met: at800 === undefined ? undefined : at800 >= 2,
    evidence: at800 === undefined ? "N=800 not measured" : `${at800.toFixed(2)}×`,
  });
  const colds = sizes.map((size) => ({
    size,
    factor: ratio(find(rows, "ours-cold", size), find(rows, "toolkit-cold", size)?.wallMs),
  }));
  checks.push({
    goal: "cold deploy no slower than 1.2× the Toolkit's",
    met: colds.every((c) => c.factor !== undefined && c.factor <= 1.2),
    evidence: colds.map((c) => `N=${c.size}: ${c.factor?.toFixed(2) ?? "?"}×`).join(", "),
  });
  return checks;
}

export function goalsList(checks: GoalCheck[]): string {
  const mark = (met: boolean | undefined) => (met === undefined ? "–" : met ? "met" : "MISSED");
  return checks.map((check) => `- **${mark(check.met)}**: ${check.goal}: ${check.evidence}`).join("\n");
}
