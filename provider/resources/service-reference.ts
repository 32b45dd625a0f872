/** The ServiceReference class of the dynamic path; its operations: ../operations/service-reference.ts (SDK-free, also the plugin's). */
import { providerModule, schemaResource } from "./common";
import { SERVICE_REFERENCE } from "../schema/resources";

export {
  serviceReferenceOperations,
  type ServiceReferenceArgs,
  type ServiceReferenceOutputs,
} from "../operations/service-reference";

export const serviceReferenceProviderModule = providerModule("service-reference", "serviceReferenceOperations");

export class ServiceReference extends schemaResource(SERVICE_REFERENCE, serviceReferenceProviderModule) {}
