/** Objects several provider tests need: a Service with an Environment and deployable versions. */
import { buildOperations, type BuildOutputs } from "../../provider/resources/build";
import { environmentOperations } from "../../provider/resources/environment";
import { functionOperations } from "../../provider/resources/function";
import { assetOperations } from "../../provider/resources/asset";
import { serviceOperations } from "../../provider/resources/service";
import { create, uniqueName, type Created, type TestEmulator } from "./helpers";

export interface Stage {
  serviceSid: string;
  environmentSid: string;
  domainName: string;
  /** Makes a Function with a fresh Version and returns the Version sid. */
  functionVersion(body?: string): Promise<string>;
  /** Makes an Asset with a fresh Version and returns the Version sid. */
  assetVersion(text?: string): Promise<string>;
  /** A completed Build of one new Function Version. */
  build(body?: string): Promise<Created<BuildOutputs>>;
}

let files = 0;

/** Creates the stage in a `before` hook; the Service (and all in it) goes at the end. */
export function useStage(emulator: TestEmulator, environmentName = "dev"): Stage {
  const stage = {} as Stage;
  before(async () => {
    const service = await create(serviceOperations, { uniqueName: uniqueName("stage") });
    emulator.atEnd(() => serviceOperations.delete(service.id, service.outs));
    const environment = await create(environmentOperations, {
      serviceSid: service.id,
      uniqueName: environmentName,
      domainSuffix: environmentName,
    });
    stage.serviceSid = service.id;
    stage.environmentSid = environment.id;
    stage.domainName = environment.outs.domainName;
    stage.functionVersion = async (body = "callback(null, 'ok')") => {
      files += 1;
      const fn = await create(functionOperations, {
        serviceSid: service.id,
        friendlyName: `fn-${files}`,
        path: `/fn-${files}`,
        content: `exports.handler = (context, event, callback) => { ${body}; };`,
      });
      return fn.outs.latestVersionSid;
    };
    stage.assetVersion = async (text = "hello") => {
      files += 1;
      const asset = await create(assetOperations, {
        serviceSid: service.id,
        friendlyName: `asset-${files}`,
        path: `/asset-${files}.txt`,
        content: text,
      });
      return asset.outs.latestVersionSid;
    };
    stage.build = async (body) =>
      create(buildOperations, { serviceSid: service.id, functionVersions: [await stage.functionVersion(body)] });
  });
  return stage;
}
