// What proto_tcp tells the server besides "TCP sockets are allowed".
export interface ProtoTcpApi {
  /** modparam tcp_port: the port of TCP sockets declared without one. */
  readonly defaultPort: number;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { proto_tcp: ProtoTcpApi }
}
