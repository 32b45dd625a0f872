/**
 * One size: a fresh emulator, a generated project, and every contender measured `runs` times,
 * interleaved run by run so that load on the machine hits them alike.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { benchScript, lastJsonLine } from "./children";
import { CREDENTIALS, startEmulatorProcess, writeCalls, type EmulatorProcess } from "./emulator";
import type { FloorDeployInput } from "./floor-deploy";
import { mustRunMeasured, type Measured, type Span } from "./measure";
import { changeOneFile, CHANGED_FILE, generateProject, VARIABLES, type GeneratedProject } from "./project";
import { PulumiProject } from "./pulumi";
import type { ToolkitDeployInput, ToolkitDeployResult } from "./toolkit-deploy";
import { MAIN_VARIANT, type Variant } from "./variants";

export type Scenario =
  | "toolkit-cold"
  | "toolkit-redeploy"
  | "ours-cold"
  | "ours-change"
  | "ours-noop"
  | "ours-drift"
  | "floor-a"
  | "floor-b";

export interface Sample {
  scenario: Scenario;
  variant: string;
  size: number;
  run: number;
  wallMs: number;
  peakRssBytes: number;
  /** CPU time of the command's process tree, by role (pulumi CLI, program, dynamic provider, …). */
  cpuMsByRole: Record<string, number>;
  /** When each role's processes ran, ms from spawn (absent in runs saved before 2026-12-06's plugin rows). */
  spanMsByRole?: Record<string, Span>;
  calls: Record<string, number>;
  totalCalls: number;
  writeCalls: number;
  bytesUploaded: number;
  /** Pulumi state file after the command, bytes (ours only). */
  stateBytes?: number;
}

export function totalCpuMs(sample: { cpuMsByRole: Record<string, number> }): number {
  return Object.values(sample.cpuMsByRole).reduce((sum, ms) => sum + ms, 0);
}

export interface SizeContext {
  repo: string;
  workDir: string;
  size: number;
  runs: number;
  latencyMs: number;
  buildDelayMs: number;
  variants: Variant[];
  log(message: string): void;
}

export interface SizeResult {
  project: GeneratedProject;
  samples: Sample[];
}

class Recorder {
  readonly samples: Sample[] = [];
  constructor(
    private readonly ctx: SizeContext,
    private readonly emulator: EmulatorProcess,
  ) {}

  /** Resets the emulator's counters, runs `action`, and records it with the calls it made. */
  async measure(
    scenario: Scenario,
    variant: string,
    run: number,
    action: () => Promise<Measured>,
    stateFile?: () => string | undefined,
  ): Promise<Measured> {
    await this.emulator.reset();
    const measured = await action();
    const stats = await this.emulator.stats();
    const state = stateFile?.();
    const sample: Sample = {
      scenario,
      variant,
      size: this.ctx.size,
      run,
      wallMs: measured.wallMs,
      peakRssBytes: measured.peakRssBytes,
      cpuMsByRole: measured.cpuMsByRole,
      spanMsByRole: measured.spanMsByRole,
      calls: stats.calls,
      totalCalls: stats.total_calls,
      writeCalls: writeCalls(stats.calls),
      bytesUploaded: stats.bytes_uploaded,
      stateBytes: state ? fs.statSync(state).size : undefined,
    };
    this.samples.push(sample);
    const logName = `n${this.ctx.size}-r${run}-${variant}-${scenario}.log`;
    fs.writeFileSync(
      path.join(this.ctx.workDir, "logs", logName),
      `${measured.stdout}\n--- stderr ---\n${measured.stderr}`,
    );
    this.ctx.log(
      `  N=${this.ctx.size} run ${run} ${variant === MAIN_VARIANT.name ? "" : `[${variant}] `}${scenario}: ` +
        `${Math.round(measured.wallMs)} ms (CPU ${Math.round(totalCpuMs(sample))} ms), ${sample.writeCalls} writes / ${sample.totalCalls} calls, ${sample.bytesUploaded} B up`,
    );
    return measured;
  }
}

export async function measureSize(ctx: SizeContext): Promise<SizeResult> {
  const root = path.join(ctx.workDir, `n${ctx.size}`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(ctx.workDir, "logs"), { recursive: true });
  const project = generateProject(path.join(root, "project"), ctx.size);
  ctx.log(`N=${ctx.size}: ${project.functions} functions, ${project.assets} assets, ${project.totalBytes} bytes`);
  const emulator = await startEmulatorProcess(ctx.repo, ctx.latencyMs, ctx.buildDelayMs);
  const recorder = new Recorder(ctx, emulator);
  try {
    const variants = [MAIN_VARIANT, ...ctx.variants];
    const apps = variants.map((variant) =>
      PulumiProject.create(ctx.repo, path.join(root, `app-${variant.name}`), variant.program, variant, emulator.url),
    );
    const empties = variants.map((variant) =>
      PulumiProject.create(ctx.repo, path.join(root, `empty-${variant.name}`), "empty", variant, emulator.url),
    );
    for (const empty of empties) {
      await empty.initStack("floor", {});
      await empty.up("floor");
    }
    let stamp = 0;
    const change = () => changeOneFile(project.dir, `edit ${++stamp}`);
    for (let run = 1; run <= ctx.runs; run++) {
      const toolkit = await measureToolkit(ctx, recorder, emulator, project, run, change);
      change();
      const floor = await floorInput(emulator, project, toolkit);
      await recorder.measure("floor-a", MAIN_VARIANT.name, run, () =>
        mustRunMeasured(benchScript("floor-deploy", floor, ctx.repo), "floor (a) deploy"),
      );
      for (const [index, variant] of variants.entries()) {
        await measureOurs(ctx, recorder, apps[index], variant, project, run, change);
        await recorder.measure(
          "floor-b",
          variant.name,
          run,
          () => empties[index].up("floor"),
          () => empties[index].stateFile("floor"),
        );
      }
    }
  } finally {
    await emulator.stop();
  }
  return { project, samples: recorder.samples };
}

async function measureToolkit(
  ctx: SizeContext,
  recorder: Recorder,
  emulator: EmulatorProcess,
  project: GeneratedProject,
  run: number,
  change: () => void,
): Promise<ToolkitDeployResult> {
  const input: ToolkitDeployInput = {
    apiUrl: emulator.url,
    ...CREDENTIALS,
    projectDir: project.dir,
    serviceName: `toolkit-n${ctx.size}-r${run}`,
    variables: VARIABLES,
  };
  const cold = await recorder.measure("toolkit-cold", MAIN_VARIANT.name, run, () =>
    mustRunMeasured(benchScript("toolkit-deploy", input, ctx.repo), "Toolkit cold deploy"),
  );
  const { serviceSid } = lastJsonLine<ToolkitDeployResult>(cold.stdout);
  change();
  const again = await recorder.measure("toolkit-redeploy", MAIN_VARIANT.name, run, () =>
    mustRunMeasured(benchScript("toolkit-deploy", { ...input, serviceSid }, ctx.repo), "Toolkit re-deploy"),
  );
  return lastJsonLine<ToolkitDeployResult>(again.stdout);
}

/** What floor (a) needs to know up front: the running build's versions and the changed function's sid. */
/** The fields of a Build answer the floor reads. */
type BuildAnswer = {
  function_versions: { sid: string; path: string; function_sid: string }[];
  asset_versions: { sid: string }[];
};

async function floorInput(
  emulator: EmulatorProcess,
  project: GeneratedProject,
  deployed: ToolkitDeployResult,
): Promise<FloorDeployInput> {
  const build = (await emulator.get(`/Services/${deployed.serviceSid}/Builds/${deployed.buildSid}`)) as BuildAnswer;
  const servedPath = "/" + path.basename(CHANGED_FILE, ".js");
  const changed = build.function_versions.find((version) => version.path === servedPath);
  if (!changed) throw new Error(`floor (a): the Toolkit's build has no function at ${servedPath}`);
  return {
    apiUrl: emulator.url,
    ...CREDENTIALS,
    serviceSid: deployed.serviceSid,
    environmentSid: deployed.environmentSid,
    functionSid: changed.function_sid,
    file: path.join(project.dir, CHANGED_FILE),
    path: servedPath,
    visibility: "public",
    functionVersions: build.function_versions.filter((version) => version !== changed).map((version) => version.sid),
    assetVersions: build.asset_versions.map((version) => version.sid),
  };
}

async function measureOurs(
  ctx: SizeContext,
  recorder: Recorder,
  app: PulumiProject,
  variant: Variant,
  project: GeneratedProject,
  run: number,
  change: () => void,
): Promise<void> {
  const stack = `n${ctx.size}-r${run}`;
  await app.initStack(stack, {
    serviceName: `ours-${variant.name}-n${ctx.size}-r${run}`,
    projectDir: project.dir,
    ...variant.config,
  });
  const stateFile = () => app.stateFile(stack);
  await recorder.measure("ours-cold", variant.name, run, () => app.up(stack), stateFile);
  change();
  await recorder.measure("ours-change", variant.name, run, () => app.up(stack), stateFile);
  await recorder.measure("ours-noop", variant.name, run, () => app.up(stack), stateFile);
  await recorder.measure("ours-drift", variant.name, run, () => app.driftCheck(stack), stateFile);
}
