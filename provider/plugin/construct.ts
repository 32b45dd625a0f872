/** Construct of the ServerlessApp component: loads the SDK runtime (only here). */
import * as grpc from "@grpc/grpc-js";
import type * as proto from "@pulumi/pulumi/proto/provider_pb";

export function construct(
  call: grpc.ServerUnaryCall<proto.ConstructRequest, proto.ConstructResponse>,
  callback: grpc.sendUnaryData<proto.ConstructResponse>,
  _version: string,
): void {
  callback({ code: grpc.status.UNIMPLEMENTED, details: `Not implemented yet: ${call.request.getType()}` }, null);
}
