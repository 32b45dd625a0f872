/**
 * The bench script end to end at a tiny size (one run, no emulator latency): every row of the
 * table is there and the call counts show what the bench exists to show. No timing assertions:
 * timings are for BENCHMARKS.md, not for tests.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runBench, type BenchReport } from "../../bench/main";
import { parseBenchArgs } from "../../bench/options";
import { SCENARIO_LABELS, shortRoute } from "../../bench/report";
import type { Sample } from "../../bench/scenarios";

const SIZE = 12;
const FUNCTION_UPLOADS = "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions";
const ASSET_UPLOADS = "POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions";

describe("bench: npm run bench at a small size", function () {
  this.timeout(600_000);
  const workDir = path.resolve(__dirname, "../../.cache/bench-smoke");
  let report: BenchReport;

  before(async () => {
    const options = parseBenchArgs([
      "--sizes",
      String(SIZE),
      "--runs",
      "1",
      "--latency-ms",
      "0",
      "--build-delay-ms",
      "50",
      "--variants",
      "ts-sdk",
      "--no-write",
      "--work-dir",
      workDir,
      "--json",
      path.join(workDir, "run.json"),
    ]);
    report = await runBench(options, () => undefined);
  });
  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  const row = (scenario: keyof typeof SCENARIO_LABELS, variant = "main") => {
    const found = report.rows.find((r) => r.scenario === scenario && r.size === SIZE && r.variant === variant);
    assert.ok(found, `no row for ${scenario} (${variant})`);
    return found;
  };

  it("has a row for every scenario, and prints each in the table", () => {
    for (const [scenario, label] of Object.entries(SCENARIO_LABELS)) {
      row(scenario as keyof typeof SCENARIO_LABELS);
      assert.ok(report.markdown.includes(`| ${SIZE} | ${label} |`), `table lacks ${label}`);
    }
  });

  it("a no-op pulumi up makes no call", () => {
    assert.strictEqual(row("ours-noop").totalCalls, 0, JSON.stringify(row("ours-noop").calls));
  });

  it("a clean drift check (preview --refresh --expect-no-changes) passes in a few reads, none per file", () => {
    const drift = row("ours-drift");
    assert.strictEqual(drift.writeCalls, 0, JSON.stringify(drift.calls));
    assert.ok(drift.totalCalls <= 25, JSON.stringify(drift.calls));
    assert.strictEqual(
      drift.calls["GET /v1/Services/{ServiceSid}/Functions/{FunctionSid}"],
      undefined,
      JSON.stringify(drift.calls),
    );
    assert.strictEqual(
      drift.calls["GET /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions"],
      undefined,
      JSON.stringify(drift.calls),
    );
  });

  it("after one changed file, ours uploads one Version where the Toolkit uploads every file", () => {
    const ours = row("ours-change");
    assert.strictEqual(ours.calls[FUNCTION_UPLOADS], 1);
    assert.strictEqual(ours.calls[ASSET_UPLOADS], undefined);
    const toolkit = row("toolkit-redeploy");
    assert.strictEqual((toolkit.calls[FUNCTION_UPLOADS] ?? 0) + (toolkit.calls[ASSET_UPLOADS] ?? 0), SIZE);
    assert.ok(toolkit.bytesUploaded > ours.bytesUploaded);
  });

  it("floor (a) makes exactly the three unavoidable writes", () => {
    const floor = row("floor-a");
    assert.strictEqual(floor.writeCalls, 3, JSON.stringify(floor.calls));
    assert.strictEqual(floor.calls[FUNCTION_UPLOADS], 1);
  });

  it("a cold pulumi up lists the service's Functions and Assets once, not once per file", () => {
    const calls = row("ours-cold").calls;
    assert.ok((calls["GET /v1/Services/{ServiceSid}/Assets"] ?? 0) <= 1, JSON.stringify(calls));
    assert.ok((calls["GET /v1/Services/{ServiceSid}/Functions"] ?? 0) <= 1, JSON.stringify(calls));
  });

  it("floor (b) and the cold deploys are measured with memory and CPU of the process tree", () => {
    assert.ok(row("floor-b").peakRssBytes > 0);
    assert.ok((row("ours-cold").cpuMsByRole.program ?? 0) > 0, JSON.stringify(row("ours-cold").cpuMsByRole));
    assert.strictEqual(row("ours-cold").writeCalls, row("toolkit-cold").writeCalls);
  });

  it("runs the TypeScript program on the generated SDK through the provider plugin, none of it in a dynamic provider", () => {
    for (const scenario of ["ours-cold", "ours-change", "ours-noop", "ours-drift"] as const) {
      const roles = row(scenario, "ts-sdk").cpuMsByRole;
      assert.ok((roles["provider plugin"] ?? 0) > 0, `${scenario}: ${JSON.stringify(roles)}`);
      assert.strictEqual(roles["dynamic provider"], undefined, `${scenario}: ${JSON.stringify(roles)}`);
    }
    assert.strictEqual(row("ours-noop", "ts-sdk").totalCalls, 0, JSON.stringify(row("ours-noop", "ts-sdk").calls));
    assert.strictEqual(row("ours-change", "ts-sdk").calls[FUNCTION_UPLOADS], 1);
    assert.strictEqual(row("ours-cold", "ts-sdk").writeCalls, row("toolkit-cold").writeCalls);
    const span = row("ours-cold", "ts-sdk").spanMsByRole["provider plugin"];
    assert.ok(
      span && span.startMs < span.endMs && span.endMs <= row("ours-cold", "ts-sdk").wallMs,
      JSON.stringify(span),
    );
  });

  it("checks issue 24's plugin-path goals it can at this size, and shows the CPU and timeline by process", () => {
    const goals = Object.fromEntries(report.goals.map((g) => [g.goal, g.met]));
    assert.ok(report.markdown.includes("The plugin path (issue 24)"));
    const plugin = report.markdown.slice(report.markdown.indexOf("The plugin path (issue 24)"));
    assert.ok(!plugin.includes("YAML:"), "no YAML goal when YAML was not measured");
    assert.match(plugin, /TypeScript on the SDK: no-op `up` within 1\.3× of its own floor \(b\): N=12: \d+\.\d\d×/);
    assert.match(
      plugin,
      /ts-sdk: one-file re-deploy at least 2× faster than the Toolkit's at N=800: N=800 not measured/,
    );
    assert.match(
      plugin,
      /\| 12 \| ts-sdk \| ours: `pulumi up`, nothing changed \| [\d.]+ \([\d.]+–[\d.]+\) \| [\d.]+: engine [\d.]+, host [\d.]+, program [\d.]+, plugin [\d.]+ \|/,
    );
    assert.strictEqual(goals["no-op `pulumi up`: zero calls"], true);
  });

  it("renders runs saved in several files (one variant each here) as the one run they make", async () => {
    const saved = JSON.parse(fs.readFileSync(path.join(workDir, "run.json"), "utf8")) as { samples: Sample[] };
    const files = ["main", "ts-sdk"].map((variant) => {
      const file = path.join(workDir, `run-${variant}.json`);
      fs.writeFileSync(file, JSON.stringify({ ...saved, samples: saved.samples.filter((x) => x.variant === variant) }));
      return file;
    });
    const merged = await runBench(parseBenchArgs(["--from-json", files.join(","), "--no-write"]));
    assert.deepStrictEqual(merged.rows, report.rows);
    const other = path.join(workDir, "run-other-latency.json");
    fs.writeFileSync(other, JSON.stringify({ ...saved, options: { ...report.options, latencyMs: 100 } }));
    await assert.rejects(
      runBench(parseBenchArgs(["--from-json", `${files[0]},${other}`, "--no-write"])),
      /were measured with different latency or build delay/,
    );
  });

  it("renders a run saved with --json to the same tables, and writes them between its markers", async () => {
    const saved = await runBench(
      parseBenchArgs([
        "--from-json",
        path.join(workDir, "run.json"),
        "--out",
        path.join(workDir, "BENCH.md"),
        "--section",
        "smoke",
      ]),
    );
    assert.deepStrictEqual(saved.rows, report.rows);
    assert.deepStrictEqual(saved.goals, report.goals);
    const written = fs.readFileSync(path.join(workDir, "BENCH.md"), "utf8");
    assert.ok(
      written.includes(`<!-- bench:smoke:end -->`) && written.includes(`| ${SIZE} | ${SCENARIO_LABELS["floor-a"]} |`),
    );
  });

  it("checks the goals it can at this size", () => {
    const goals = Object.fromEntries(report.goals.map((g) => [g.goal, g.met]));
    assert.strictEqual(goals["no-op `pulumi up`: zero calls"], true);
    assert.strictEqual(goals["clean drift check: at most 25 API reads whatever N"], true);
    assert.strictEqual(goals["re-deploy at N=200 within 1.3× of floor (a) + floor (b)"], undefined);
  });
});

describe("bench: arguments and route names", () => {
  it("takes sizes and runs, and names a bad flag", () => {
    const options = parseBenchArgs(["--sizes", "50,200", "--runs=2", "--no-write"]);
    assert.deepStrictEqual([options.sizes, options.runs, options.out], [[50, 200], 2, undefined]);
    assert.throws(() => parseBenchArgs(["--runs", "0"]), /--runs needs a whole number ≥ 1/);
    assert.throws(() => parseBenchArgs(["--size", "5"]), /unknown argument --size/);
    assert.throws(() => parseBenchArgs(["--variants", "per-file,nope"]), /unknown variant "nope"; known: per-file, ts/);
    assert.throws(
      () => parseBenchArgs(["--variants", "coarse"]),
      /unknown variant "coarse"/,
      "the prototype is gone; saved runs still render",
    );
    assert.deepStrictEqual(parseBenchArgs([]).variants, ["ts"], "the TypeScript program is a main row");
    assert.deepStrictEqual(parseBenchArgs(["--variants", "none"]).variants, []);
  });

  it("shortens routes and keeps list and fetch apart", () => {
    assert.strictEqual(shortRoute(FUNCTION_UPLOADS), "POST Functions/{*}/Versions");
    assert.strictEqual(shortRoute("GET /v1/Services/{ServiceSid}/Environments"), "GET Environments");
    assert.strictEqual(shortRoute("GET /v1/Services/{ServiceSid}/Environments/{Sid}"), "GET Environments/{*}");
    assert.strictEqual(shortRoute("POST /v1/Services"), "POST Services");
  });
});
