import { defineConfig } from '@playwright/test';

// E2E_PORT lets a second checkout run its browser tests beside this one.
const PORT = Number(process.env.E2E_PORT ?? 3100);
process.env.E2E_BASE_URL = `http://localhost:${PORT}`;

// The test process and the server share one seeded SQLite file and one secret, so a test can
// sign someone in by creating their session directly (tests/e2e/fixtures.ts).
process.env.DATABASE_URL = 'tests/.tmp/e2e/asuh.sqlite';
// Uploads beside it, so the demo's portraits and the tests' files go when the next run starts afresh.
process.env.UPLOAD_DIR = 'tests/.tmp/e2e/uploads';
process.env.SESSION_SECRET = 'e2e-only-secret';
process.env.ENCRYPTION_KEY = Buffer.from('e2e-only-encryption-key-32-bytes').toString('base64');

// Debian's Chromium, never a downloaded browser. The flags keep it off this machine's closed network.
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'npx tsx tests/support/e2e-server.ts',
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(PORT) },
  },
});
