import type { HttpClient } from "../http";
import { createdSince, environmentPath, newest } from "./common";
import type { DeploymentResource } from "./types";

function deploymentsPath(serviceSid: string, environmentSid: string): string {
  return `${environmentPath(serviceSid, environmentSid)}/Deployments`;
}

export function listDeployments(
  client: HttpClient,
  serviceSid: string,
  environmentSid: string,
): Promise<DeploymentResource[]> {
  return client.list<DeploymentResource>(
    deploymentsPath(serviceSid, environmentSid),
    "deployments",
    `listing Deployments of Environment ${environmentSid} of Service ${serviceSid}`,
  );
}

/**
 * Deploys `buildSid` to the environment; without a build, the environment stops serving (this
 * is how a Deployment is "deleted": Twilio has no delete).
 */
export function createDeployment(
  client: HttpClient,
  serviceSid: string,
  environmentSid: string,
  buildSid: string | undefined,
): Promise<DeploymentResource> {
  const what = buildSid ? `deploying Build ${buildSid}` : "deploying no Build";
  return client.request({
    method: "POST",
    path: deploymentsPath(serviceSid, environmentSid),
    operation: `${what} to Environment ${environmentSid} of Service ${serviceSid}`,
    form: { BuildSid: buildSid },
    recover: async (since) => {
      const deployments = await listDeployments(client, serviceSid, environmentSid);
      return newest(
        deployments.filter(
          (deployment) => (deployment.build_sid ?? undefined) === buildSid && createdSince(deployment, since),
        ),
      );
    },
  });
}
