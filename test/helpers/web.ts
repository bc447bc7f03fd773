// A web site on 127.0.0.1 for fetch tests: fixed routes (a body, a status, headers), a route that
// never answers, a redirect. Every request is recorded. Nothing leaves the machine.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Route =
  | { body: string | Uint8Array; status?: number; type?: string; headers?: Record<string, string> }
  | { redirect: string; status?: number }
  | { hang: true };

export interface Site {
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function serveSite(routes: Record<string, Route>): Promise<Site> {
  const requests: Site["requests"] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    requests.push({ path, headers: req.headers });
    const route = routes[path];
    if (!route) return void res.writeHead(404).end("not found");
    if ("hang" in route) return void hanging.push(res);
    if ("redirect" in route) return void res.writeHead(route.status ?? 302, { location: route.redirect }).end();
    res.writeHead(route.status ?? 200, { "content-type": route.type ?? "text/html; charset=utf-8", ...route.headers }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
