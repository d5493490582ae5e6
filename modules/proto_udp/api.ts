// What proto_udp tells the server besides "UDP sockets are allowed".
export interface ProtoUdpApi {
  /** modparam udp_port: the port of UDP sockets declared without one. */
  readonly defaultPort: number;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { proto_udp: ProtoUdpApi }
}
