// The small HTTP server behind the httpd module (OpenSIPS httpd): handlers register a root
// path ("mi", "metrics") and get the requests under it. Bodies are read whole with a size
// bound (answered 413 past it), so a handler never sees a partial or unbounded body.
// Unknown roots get 404. It binds loopback unless told otherwise (httpd's `ip`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

export interface HttpServerOptions {
  readonly ip: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly maxBodyBytes: number;
  /** Idle connection timeout. */
  readonly timeoutMs?: number;
  readonly onError?: (message: string) => void;
}

export interface HttpServer {
  /** Root is one path segment (OpenSIPS: alphanumerics and '_'); a second owner is refused. */
  registerHandler(root: string, handler: HttpHandler, owner?: string): void;
  roots(): { root: string; owner?: string }[];
  listen(): Promise<AddressInfo>;
  address(): AddressInfo | undefined;
  close(): Promise<void>;
}

export function createHttpServer(opts: HttpServerOptions): HttpServer {
  const handlers = new Map<string, { handler: HttpHandler; owner?: string }>();

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const root = path.split('/')[1] ?? '';
    const h = handlers.get(root);
    if (!h) return void send(res, 404, 'Not Found');
    readBody(req, opts.maxBodyBytes).then(
      (body) => {
        if (body === undefined) return void send(res, 413, 'Payload Too Large');
        return Promise.resolve(h.handler(req, res, body)).catch((e: unknown) => {
          opts.onError?.(`http handler for /${root} failed: ${(e as Error).message}`);
          if (!res.headersSent) send(res, 500, 'Internal Server Error');
          else res.end();
        });
      },
      () => res.destroy(),
    );
  });
  if (opts.timeoutMs) server.setTimeout(opts.timeoutMs);

  return {
    registerHandler(root, handler, owner) {
      if (!/^[A-Za-z0-9_]+$/.test(root)) throw new Error(`bad http root path '${root}': use only alphanumerical characters and '_'`);
      if (handlers.has(root)) throw new Error(`http root path '${root}' is already registered by ${handlers.get(root)!.owner ?? 'another handler'}`);
      handlers.set(root, { handler, owner });
    },
    roots: () => [...handlers].map(([root, h]) => ({ root, owner: h.owner })),
    listen: () => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.ip, () => {
        server.off('error', reject);
        resolve(server.address() as AddressInfo);
      });
    }),
    address: () => (server.listening ? (server.address() as AddressInfo) : undefined),
    close: () => new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The whole body, or undefined once it passes `max` bytes (the rest is not buffered). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) { req.resume(); return resolve(undefined); }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > max) { over = true; chunks.length = 0; return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text + '\n');
}
