import { defineConfig } from "@playwright/test";

// tools/test.sh picks a free port; 4173 when run by hand.
const port = Number(process.env.E2E_PORT ?? 4173);
// With a WordPress running (tools/test.sh), the app built with its import.
const wpPort = process.env.E2E_WP_PORT ? Number(process.env.E2E_WP_PORT) : null;
// With the Theme Unit Test WordPress too, the app built with its import.
const wxrPort = process.env.E2E_WXR_PORT ? Number(process.env.E2E_WXR_PORT) : null;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  // No retries: a flaky test is a bug in the app or in the test.
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  forbidOnly: true,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    // The service worker is tested on its own (offline.spec.ts): elsewhere
    // Playwright's routes must see every request the page makes.
    serviceWorkers: "block",
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "sample", testIgnore: /(wordpress|theme-unit-test)\.spec\.ts/ },
    ...(wpPort
      ? [{ name: "wordpress", testMatch: /wordpress\.spec\.ts/, timeout: 120_000, use: { baseURL: `http://127.0.0.1:${wpPort}` } }]
      : []),
    ...(wxrPort
      ? [{ name: "theme-unit-test", testMatch: /theme-unit-test\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${wxrPort}` } }]
      : []),
  ],
  webServer: [
    {
      command: `node tools/serve.mjs --dir dist --host 127.0.0.1 --port ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...(wpPort
      ? [{
          command: `node tools/serve.mjs --dir target/dist-wp --host 127.0.0.1 --port ${wpPort}`,
          url: `http://127.0.0.1:${wpPort}/`,
          reuseExistingServer: false,
          timeout: 30_000,
        }]
      : []),
    ...(wxrPort
      ? [{
          command: `node tools/serve.mjs --dir target/dist-wxr --host 127.0.0.1 --port ${wxrPort}`,
          url: `http://127.0.0.1:${wxrPort}/`,
          reuseExistingServer: false,
          timeout: 30_000,
        }]
      : []),
  ],
});
