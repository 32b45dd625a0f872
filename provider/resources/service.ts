/** The Service class of the dynamic path; its operations: ../operations/service.ts (SDK-free, also the plugin's). */
import { providerModule, schemaResource } from "./common";
import { SERVICE } from "../schema/resources";

export { serviceOperations, type ServiceArgs, type ServiceOutputs } from "../operations/service";

export const serviceProviderModule = providerModule("service", "serviceOperations");

export class Service extends schemaResource(SERVICE, serviceProviderModule) {}
