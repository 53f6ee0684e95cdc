// `make bench`: measures the release build in headless Chromium and prints a
// table; writes target/bench/report.json. Every figure is the median of
// repeated runs, with min and max. Not part of `make test`.
//
// Needs: dist/ (make build), the generated 10,000-post site (make bench
// writes it), tools/bench/node_modules (lighthouse, installed by make bench).
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// The cold-load comparison varies most between runs: more of them.
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);
const DIST = resolve("dist");
const BIG_SITE = resolve(process.env.BENCH_SITE ?? "target/bench/site-10k");
const OUT = resolve("target/bench");
const POST = "/post/what-was-khrushchevs-secret-speech";
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)), runs: sorted.length };
};
const round = (n) => Math.round(n * 10) / 10;

function startServer(args) {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn("node", ["tools/serve.mjs", "--port", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    proc.stdout.once("data", (line) => {
      const url = String(line).match(/http:\/\/\S+\//)?.[0];
      url ? resolvePromise({ url: url.replace(/\/$/, ""), stop: () => proc.kill() }) : reject(new Error(String(line)));
    });
    proc.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });

/** One cold load in a fresh context: FCP, LCP and when `selector` appeared. */
async function coldLoad(url, selector) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((selector) => {
    const perf = (window.__perf = { fcp: null, lcp: null, ready: null, hydrated: null });
    // Trunk's loader fires this once the wasm's start (which hydrates the
    // page, synchronously) has run: from then on the page answers clicks.
    addEventListener("TrunkApplicationStarted", () => (perf.hydrated = performance.now()));
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") perf.fcp = e.startTime;
    }).observe({ type: "paint", buffered: true });
    new PerformanceObserver((list) => {
      perf.lcp = list.getEntries().at(-1).startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    const seen = () => {
      if (perf.ready === null && document.querySelector(selector)) perf.ready = performance.now();
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  }, selector);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector(selector);
  await page.waitForTimeout(400);
  const perf = await page.evaluate(() => window.__perf);
  await context.close();
  return perf;
}

const loadStats = (runs) => ({
  fcp: stats(runs.map((r) => r.fcp)),
  lcp: stats(runs.map((r) => r.lcp ?? r.fcp)),
  ready: stats(runs.map((r) => r.ready)),
  ...(runs.every((r) => r.hydrated !== null) ? { hydrated: stats(runs.map((r) => r.hydrated)) } : {}),
});

async function repeatLoads(url, selector) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(url, selector));
  return loadStats(runs);
}

/** Cold loads of two pages taken in turn, so that both meet the same
 *  moments of a shared machine (a ratio of two separate series drifted). */
async function pairedLoads(urlA, urlB, selector, runs) {
  const a = [], b = [];
  for (let i = 0; i < runs; i++) {
    a.push(await coldLoad(urlA, selector));
    b.push(await coldLoad(urlB, selector));
  }
  return [loadStats(a), loadStats(b)];
}

/** A static copy of the post's prerendered page: the same HTML and CSS,
 *  without its scripts (the loader, the data block, the JSON-LD). */
async function makeStaticCopy() {
  let html = readFileSync(join(DIST, POST.slice(1) + ".html"), "utf8");
  html = html
    .replace(/<script\b[\s\S]*?<\/script>/g, "")
    .replace(/<link[^>]+rel=(modulepreload|preload)[^>]*>/g, "");
  const dir = join(OUT, "static");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(DIST)) {
    if (entry.endsWith(".css") || entry === "images" || entry === "favicon.svg") cpSync(join(DIST, entry), join(dir, entry), { recursive: true });
  }
  mkdirSync(join(dir, "post"), { recursive: true });
  writeFileSync(join(dir, POST.slice(1) + ".html"), html);
  // serve.mjs reads the shell for the CSP header.
  writeFileSync(join(dir, "index.html"), html);
  // Compressed like the app's own files, so both are sent the same way.
  for (const entry of [POST.slice(1) + ".html", ...readdirSync(dir).filter((f) => /\.css$/.test(f))]) {
    const bytes = readFileSync(join(dir, entry));
    writeFileSync(join(dir, entry + ".br"), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(join(dir, entry + ".gz"), gzipSync(bytes, { level: 9 }));
  }
  return dir;
}

/** Bytes of JSON a page downloads from /content/. */
async function jsonBytes(url, selector) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  const pending = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/content/")) pending.push(response.body().then((b) => (bytes += b.length)).catch(() => {}));
  });
  await page.goto(url);
  await page.waitForSelector(selector);
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  await context.close();
  return bytes;
}

/** Hover then click a sidebar category, time from the click until its list
 *  is painted; counts long tasks. */
async function categorySwitches(baseUrl, slugs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = 0;
    new PerformanceObserver((list) => (window.__longTasks += list.getEntries().length)).observe({ type: "longtask", buffered: false });
  });
  await page.goto(baseUrl + "/");
  await page.waitForSelector(".categories a");
  await page.waitForSelector(".entry-summary");
  // Only the switches count, not the page's own start-up.
  await page.waitForTimeout(300);
  await page.evaluate(() => (window.__longTasks = 0));
  const times = [];
  for (const slug of slugs) {
    // As with a pointer: the link is hovered a moment before the click.
    await page.hover(`.categories a[href="/category/${slug}"]`);
    await page.waitForTimeout(150);
    times.push(
      await page.evaluate(async (slug) => {
        const link = document.querySelector(`.categories a[href="/category/${slug}"]`);
        const shown = () => {
          const first = document.querySelector(".entry-summary .entry-meta a");
          return first && first.getAttribute("href") === `/category/${slug}` && document.querySelector(".breadcrumb span")?.textContent;
        };
        const t0 = performance.now();
        link.click();
        await new Promise((done) => {
          if (shown()) return done();
          const observer = new MutationObserver(() => shown() && (observer.disconnect(), done()));
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        });
        await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
        return performance.now() - t0;
      }, slug),
    );
  }
  const longTasks = await page.evaluate(() => window.__longTasks);
  await context.close();
  return { latency: stats(times), longTasks };
}

// Words of the generated site (src/bin/generate-site.rs), 1 to 3 a query.
const SEARCH_QUERIES = ["samovar", "Tolstoy winter", "Volga railway journey", "pelmeni recipe", "Baikal", "chess history",
  "ballet Moscow", "kvass bread market", "Siberia taiga", "hockey", "dacha village", "troika winter festival", "metro",
  "birch Neva", "grammar language", "tea samovar", "icon history", "borscht recipe", "journey Siberia railway", "Anna"];

/** Search on the 10,000-post site as served: what the first paints fetch
 *  of it (nothing is the goal), bytes of a first and a second query, last
 *  keystroke to results painted, and keystroke to paint while the first
 *  results load. */
async function searchFigures(baseUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = 0;
    new PerformanceObserver((list) => (window.__longTasks += list.getEntries().length)).observe({ type: "longtask", buffered: false });
    window.__keys = [];
    addEventListener("keydown", (e) => {
      const start = e.timeStamp;
      window.__lastKey = start;
      requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - start), 0));
    }, true);
  });
  let bytes = 0;
  const engineOnFirstPaint = [];
  context.on("requestfinished", async (request) => {
    const sizes = await request.sizes().catch(() => null);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    if (new URL(request.url()).pathname.startsWith("/pagefind/")) engineOnFirstPaint.push(request.url());
  });
  for (const path of ["/post/generated-post-0", "/"]) {
    await page.goto(baseUrl + path);
    await page.waitForSelector("html[data-app=live]");
    await page.waitForLoadState("networkidle");
  }
  const firstPaintRequests = engineOnFirstPaint.length;
  const status = ".search-form [role=status]";
  // Types `words` into the box and resolves when their results are painted.
  const query = async (words, delay) => {
    await page.fill("#search-input", "");
    await page.evaluate(() => (window.__keys = []));
    await page.type("#search-input", words, { delay });
    await page.waitForFunction(([status, words]) => document.querySelector(status)?.textContent.includes(`“${words}”`), [status, words]);
    return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now() - window.__lastKey), 0))));
  };
  await page.evaluate(() => (window.__longTasks = 0));
  bytes = 0;
  await page.focus("#search-input");
  await query(SEARCH_QUERIES[0], 40);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
  const firstQueryBytes = bytes;
  const whileLoading = await page.evaluate(() => ({ keys: window.__keys, longTasks: window.__longTasks }));
  bytes = 0;
  await query(SEARCH_QUERIES[1], 40);
  await page.waitForTimeout(300);
  const secondQueryBytes = bytes;
  const latencies = [];
  for (const words of SEARCH_QUERIES) latencies.push(await query(words, 20));
  await context.close();
  return {
    firstPaintRequests,
    firstQueryBytes,
    secondQueryBytes,
    latency: stats(latencies),
    keystrokeWhileLoading: stats(whileLoading.keys),
    longTasksWhileLoading: whileLoading.longTasks,
  };
}

/** Keydown to next paint in the comment box, with draft saving on. */
async function typingLatency(baseUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseUrl + POST);
  const box = page.locator("#comment");
  await box.waitFor();
  await page.evaluate(() => {
    window.__typing = [];
    document.querySelector("#comment").addEventListener("keydown", (e) => {
      const start = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__typing.push(performance.now() - start), 0));
    });
  });
  await box.click();
  await page.keyboard.type("The secret speech changed everything for the party and the country.", { delay: 40 });
  await page.waitForTimeout(800);
  const samples = await page.evaluate(() => window.__typing);
  const stored = await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith("russianbest.draft.")));
  await context.close();
  return { latency: stats(samples), draftSaved: stored };
}

function assetBytes() {
  const rows = {};
  for (const file of readdirSync(DIST).filter((f) => f.endsWith(".wasm") || f.endsWith(".js"))) {
    const bytes = readFileSync(join(DIST, file));
    rows[file.endsWith(".wasm") ? "wasm" : "js"] = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }
  rows.total = Object.fromEntries(["raw", "gzip", "brotli"].map((k) => [k, (rows.wasm?.[k] ?? 0) + (rows.js?.[k] ?? 0)]));
  return rows;
}

/** Lighthouse's scores and LCP: desktop preset, or its default (mobile, throttled). */
function lighthouse(url, formFactor = "desktop") {
  const cli = resolve("tools/bench/node_modules/.bin/lighthouse");
  if (!existsSync(cli)) return null;
  const out = execFileSync(
    cli,
    [url, ...(formFactor === "desktop" ? ["--preset=desktop"] : []), "--output=json", "--quiet",
      "--only-categories=performance,accessibility,best-practices,seo",
      `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(" ")}`],
    { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" }, maxBuffer: 64 << 20 },
  );
  const report = JSON.parse(out);
  const scores = Object.fromEntries(Object.entries(report.categories).map(([k, v]) => [k, Math.round(v.score * 100)]));
  return { ...scores, lcpMs: Math.round(report.audits["largest-contentful-paint"].numericValue) };
}

const report = { date: new Date().toISOString(), runs: RUNS, coldRuns: COLD_RUNS };
// Written by `make bench` as it prerenders the generated site.
const prerenderLog = join(OUT, "prerender-10k.txt");
if (existsSync(prerenderLog)) report.prerender10k = readFileSync(prerenderLog, "utf8").trim().split("\n").join("; ");
const pagefindLog = join(OUT, "pagefind-10k.txt");
if (existsSync(pagefindLog)) report.searchIndex10k = readFileSync(pagefindLog, "utf8").trim().split("\n").join("; ");
const BIG_DIST = join(OUT, "dist-10k");
const app = await startServer(["--dir", DIST]);
const big = existsSync(BIG_SITE) ? await startServer(["--dir", DIST, "--content", BIG_SITE]) : null;
try {
  // 1. Cold load vs a static copy.
  const staticDir = await makeStaticCopy();
  const staticServer = await startServer(["--dir", staticDir]);
  const [appLoad, staticLoad] = await pairedLoads(app.url + POST, staticServer.url + POST, ".answer", COLD_RUNS);
  staticServer.stop();
  report.coldLoad = {
    app: appLoad,
    static: staticLoad,
    lcpRatio: Number((appLoad.lcp.median / staticLoad.lcp.median).toFixed(2)),
  };

  // 2. Scale.
  if (big) {
    const sampleList = await repeatLoads(app.url + "/", ".entry-summary:nth-child(10)");
    const bigList = await repeatLoads(big.url + "/", ".entry-summary:nth-child(10)");
    const slugs = ["history-and-politics", "culture-and-science", "people-and-language", "lifestyle-and-attributes", "russian-sports",
      "food-and-drinks", "traveling-russia", "economy-and-geography", "russian-military", "books-and-movies"];
    report.scale = {
      firstList: { sample: sampleList.ready, big: bigList.ready, ratio: Number((bigList.ready.median / sampleList.ready.median).toFixed(2)) },
      categorySwitch: await categorySwitches(big.url, [...slugs, ...slugs]),
    };
  }

  // 3. Search on the prerendered 10,000-post site and its index.
  if (existsSync(join(BIG_DIST, "pagefind"))) {
    const bigDist = await startServer(["--dir", BIG_DIST]);
    try {
      report.search = await searchFigures(bigDist.url);
    } finally {
      bigDist.stop();
    }
  }

  // 4. Typing.
  report.typing = await typingLatency(app.url);

  // 5. Bytes.
  report.bytes = { assets: assetBytes(), json: {} };
  for (const [name, sitePost] of [["sample", POST], ["big", "/post/generated-post-0"]]) {
    const server = name === "sample" ? app : big;
    if (!server) continue;
    report.bytes.json[name] = {
      home: await jsonBytes(server.url + "/", ".entry-summary"),
      category: await jsonBytes(server.url + "/category/food-and-drinks", ".entry-summary"),
      post: await jsonBytes(server.url + sitePost, ".entry-title"),
    };
  }

  // 6. Lighthouse.
  if (process.env.BENCH_LIGHTHOUSE !== "0") {
    report.lighthouse = { home: lighthouse(app.url + "/"), post: lighthouse(app.url + POST) };
    // As `make run` serves it (precompressed), on Lighthouse's throttled phone.
    report.lighthouseMobile = { home: lighthouse(app.url + "/", "mobile"), post: lighthouse(app.url + POST, "mobile") };
  }
} finally {
  app.stop();
  big?.stop();
  await browser.close();
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "report.json"), JSON.stringify(report, null, 2));

// The table.
const ms = (s) => `${s.median} ms (${s.min}–${s.max})`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const lines = [
  ["Cold load of the Khrushchev post", "app", "static copy"],
  ["  first contentful paint", ms(report.coldLoad.app.fcp), ms(report.coldLoad.static.fcp)],
  ["  largest contentful paint", ms(report.coldLoad.app.lcp), ms(report.coldLoad.static.lcp)],
  ["  answers in the DOM", ms(report.coldLoad.app.ready), ms(report.coldLoad.static.ready)],
  ["  LCP ratio app/static (target ≤ 1.1)", String(report.coldLoad.lcpRatio), ""],
  ["  page hydrated (answers clicks)", report.coldLoad.app.hydrated ? ms(report.coldLoad.app.hydrated) : "-", ""],
];
if (report.prerender10k) lines.push(["Prerendering 10,000 posts (goal ≤ 60 s)", report.prerender10k, ""]);
if (report.scale) {
  lines.push(
    ["Scale", "sample site", "10,000 posts"],
    ["  first list rendered", ms(report.scale.firstList.sample), ms(report.scale.firstList.big)],
    ["  ratio (target ≤ 1.2)", "", String(report.scale.firstList.ratio)],
    ["  category switch, 20 switches (target ≤ 16 ms)", "", ms(report.scale.categorySwitch.latency)],
    ["  long tasks during switches (target 0)", "", String(report.scale.categorySwitch.longTasks)],
  );
}
if (report.search) {
  lines.push(
    ["Search, 10,000 posts", "", ""],
    ["  index build (goal ≤ 60 s), size", report.searchIndex10k ?? "-", ""],
    ["  engine requests on first paint of / and a post (goal 0)", String(report.search.firstPaintRequests), ""],
    ["  bytes for the first query, runtime included (goal ≤ 150 KB)", kb(report.search.firstQueryBytes), ""],
    ["  bytes for a second, different query", kb(report.search.secondQueryBytes), ""],
    ["  last keystroke to results painted, 20 queries (goal ≤ 50 ms)", ms(report.search.latency), ""],
    ["  keystroke to paint while the first results load (goal ≤ 16 ms)", ms(report.search.keystrokeWhileLoading), ""],
    ["  long tasks while the first results load (goal 0)", String(report.search.longTasksWhileLoading), ""],
  );
}
lines.push(
  ["Typing in the comment box (target ≤ 16 ms)", ms(report.typing.latency), report.typing.draftSaved ? "draft saved" : "DRAFT NOT SAVED"],
  ["Bytes", "raw / gzip / brotli", ""],
  ...["wasm", "js", "total"].map((k) => [`  ${k}`, `${kb(report.bytes.assets[k].raw)} / ${kb(report.bytes.assets[k].gzip)} / ${kb(report.bytes.assets[k].brotli)}`, k === "total" ? "(goal ≤ 160 KB brotli)" : ""]),
  ["JSON downloaded", "sample site", "10,000 posts"],
  ...["home", "category", "post"].map((k) => [`  ${k}`, kb(report.bytes.json.sample[k]), report.bytes.json.big ? kb(report.bytes.json.big[k]) : "-"]),
);
for (const [key, title] of [["lighthouse", "Lighthouse (desktop)"], ["lighthouseMobile", "Lighthouse (mobile; goal LCP ≤ 1700 ms, performance ≥ 95)"]]) {
  const result = report[key];
  if (!result) continue;
  lines.push([title, "/", "Khrushchev post"]);
  for (const k of ["performance", "accessibility", "best-practices", "seo", "lcpMs"]) {
    lines.push([`  ${k}`, String(result.home?.[k] ?? "-"), String(result.post?.[k] ?? "-")]);
  }
}
const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i].length)));
for (const l of lines) console.log(l.map((c, i) => c.padEnd(widths[i])).join("  "));
console.log(`\nreport: ${join(OUT, "report.json")}`);
