// What stands between an importer and many real WordPress sites, in one
// small proxy for the tests (tools/test.sh imports the e2e site through it):
//
// - an address that redirects: `/old/<path>` answers 301 to `/<path>`, as a
//   site moved to https or to `www.` does;
// - a CDN that strips WordPress's paging headers (`X-WP-Total`,
//   `X-WP-TotalPages`, `Link`) from GET answers;
// - a plugin file saved with a byte-order mark, printed before the JSON of
//   every GET answer.
//
// Anything else (comments POSTed by the app) passes through unchanged.
//
//   node tools/wordpress/middlebox.mjs --target http://127.0.0.1:8081 --port 8082
import http from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { target: { type: "string" }, port: { type: "string" }, host: { type: "string", default: "127.0.0.1" } },
});
if (!values.target || !values.port) {
  console.error("usage: middlebox.mjs --target <WordPress URL> --port <port>");
  process.exit(2);
}
const target = new URL(values.target);
const STRIPPED = ["x-wp-total", "x-wp-totalpages", "link"];

http
  .createServer((request, response) => {
    if (request.url.startsWith("/old/")) {
      response.writeHead(301, { location: request.url.slice("/old".length) });
      response.end();
      return;
    }
    // Uncompressed, so a BOM can go first.
    const { "accept-encoding": _, ...forwarded } = request.headers;
    const headers = { ...forwarded, host: target.host };
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, path: request.url, method: request.method, headers },
      (answer) => {
        const chunks = [];
        answer.on("data", (chunk) => chunks.push(chunk));
        answer.on("end", () => {
          let body = Buffer.concat(chunks);
          const out = { ...answer.headers };
          if (request.method === "GET") {
            for (const name of STRIPPED) delete out[name];
            body = Buffer.concat([Buffer.from("\uFEFF"), body]);
          }
          delete out["transfer-encoding"];
          out["content-length"] = String(body.length);
          response.writeHead(answer.statusCode ?? 502, out);
          response.end(body);
        });
      },
    );
    upstream.on("error", () => {
      response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  })
  .listen(Number(values.port), values.host, () => console.log(`middlebox on ${values.host}:${values.port} -> ${target.origin}`));
