import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/cli.js';
import { HOSTILE, writeFixtureRun } from './helpers/run-fixture.js';

// Debian's package; CI installs it (apt-get install -y chromium).
const CHROMIUM = process.env.ANNEXA_CHROMIUM ?? '/usr/bin/chromium';
const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Where the test leaves the screenshot and the PDF for a person to look at. */
const ARTIFACTS = process.env.ANNEXA_TEST_ARTIFACTS ?? tmpdir();

const title =
  HAVE_CHROMIUM || IN_CI
    ? 'the HTML report in headless Chromium'
    : `the HTML report in headless Chromium (skipped: no chromium at ${CHROMIUM} and CI is not set)`;

// A browser start and a 93-control page take a while on a busy CI machine; nothing here is timed.
describe.skipIf(!HAVE_CHROMIUM && !IN_CI)(title, { timeout: 90_000 }, () => {
  let browser: Browser;
  let runDir: string;
  let report2022: ReturnType<typeof open>;

  beforeAll(async () => {
    expect(HAVE_CHROMIUM, `CI needs Chromium at ${CHROMIUM}: apt-get install -y chromium`).toBe(true);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    runDir = await writeFixtureRun(await tempDir('annexa-html-'));
    report2022 = open('iso27001-2022');
  }, 90_000);
  afterAll(async () => browser?.close());

  /** Opens the report as an auditor would, from disk, recording every request and every console error. */
  async function open(framework: string) {
    const file = path.join(await tempDir('annexa-html-out-'), 'report.html');
    const out = await runCli(['export', runDir, '--format', 'html', '--framework', framework, '--output', file]);
    expect(out.code, out.stderr).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (err) => errors.push(err.message));
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: 'load' });
    return { page, requests: requests.filter((r) => r !== url), errors, file };
  }

  it('renders every control, the chart and the verdict, with no console error and no network request', async () => {
    const { page, requests, errors } = await report2022;
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.title()).toContain(path.basename(runDir));
    expect(await page.locator('section.control').count()).toBe(93);
    expect(await page.locator('figure svg rect').count()).toBeGreaterThan(6);
    expect(await page.locator('.verdict').innerText()).toBe('Gate failed');
    for (const id of ['run', 'coverage', 'controls', 'waivers', 'soa', 'integrity'])
      expect(await page.locator(`#${id}`).count(), id).toBe(1);
    const shot = path.join(ARTIFACTS, 'annexa-report.png');
    await page.screenshot({ path: shot, fullPage: false });
    expect((await readFile(shot)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('shows hostile values from audited systems as text: no element, script or request comes from them', async () => {
    const { page, requests, errors } = await report2022;
    expect(await page.locator('script, iframe, img, link, object, embed, style:not(head style)').count()).toBe(0);
    const text = await page.locator('body').innerText();
    for (const value of [HOSTILE.resource, HOSTILE.observed.slice(0, 14), HOSTILE.waiver, HOSTILE.justification])
      expect(text).toContain(value);
    expect(text).toContain("<script>fetch('http://127.0.0.1:9/leak')</script>");
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the waiver, the SoA exclusion, the manual evidence and the hashes', async () => {
    const { page } = await report2022;
    expect(await page.locator('#waivers + table').innerText()).toContain('ciso@example.com');
    expect(await page.locator('#soa + table').innerText()).toContain('A.7.1');
    expect(await page.locator('[id="control-A.6.3"]').innerText()).toContain('manual/training-2026.csv');
    const manifest = JSON.parse(await readFile(path.join(runDir, 'manifest.json'), 'utf8'));
    const integrity = await page.locator('body').innerText();
    expect(integrity).toContain(manifest.files['results.json'].sha256);
    expect(integrity).toContain('none (the run is not signed)');
    // The fixture's verdicts are written by hand, not judged from its snapshot: verify says so.
    expect(integrity).toContain('NOT verified when this report was made');
    expect(await page.locator('[id="control-A.5.1"] .badge').allInnerTexts()).toContain('Stale evidence');
  });

  it('prints to a PDF of several pages', async () => {
    // Last on the shared page: it switches the page to print media.
    const { page } = await report2022;
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    const file = path.join(ARTIFACTS, 'annexa-report.pdf');
    await writeFile(file, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(2);
  });

  it.each([
    ['iso27001-2013', 114, 14],
    ['nist-csf-2.0', 106, 6],
  ])('renders the same run against %s: every control, one chart bar per group', async (framework, controls, groups) => {
    const { page, requests, errors } = await open(framework);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('section.control').count()).toBe(controls);
    expect(await page.locator('#controls ~ h3').count()).toBe(groups);
    await page.close();
  });
});
