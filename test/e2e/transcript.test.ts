import { copyFile, mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { SEED } from '../../emulator';
import { chromiumMissing, launchChromium } from './chromium';
import { isFree, useLocalStackProcess } from './local-stack-process';

/**
 * What a user runs: `npm start` as a child process, the curl it prints, the transcript page it links to in a
 * real browser, and Ctrl+C. Without Chromium the browser test is skipped (REQUIRE_BROWSER=1 makes that a failure).
 */
const SCREENSHOT = 'test-output/transcript.png';
const localStack = useLocalStackProcess();

interface PrintedCurl {
  url: string;
  contentType: string;
  body: string;
  /** The transcript page the banner links to for it. */
  pageUrl: string;
}

/** The requests of the printed curls, as given (URL, header and body), in the order printed. */
function printedCurls(output: string): PrintedCurl[] {
  const curls = [
    ...output.matchAll(/curl -sS -X POST (\S+) \\\n\s+-H 'Content-Type: ([^']+)' \\\n\s+-d '([^']+)'\n\n\s+and watch it arrive: (\S+)/g),
  ].map((match) => ({ url: match[1]!, contentType: match[2]!, body: match[3]!, pageUrl: match[4]! }));
  if (curls.length === 0) throw new Error(`no curl in the output of npm start:\n${output}`);
  return curls;
}

function printedCurl(output: string): PrintedCurl {
  return printedCurls(output)[0]!;
}

/** The printed curl that sends the seeded WhatsApp template. */
function printedTemplateCurl(output: string): PrintedCurl {
  const curl = printedCurls(output).find((candidate) => candidate.body.includes(SEED.responses.template));
  if (!curl) throw new Error(`no template curl in the output of npm start:\n${output}`);
  return curl;
}

/** Skips a browser test where Chromium is missing, saying so, as REQUIRE_BROWSER=1 turns into a failure. */
function skipWithoutChromium(skip: TestContext['skip']): void {
  if (!chromiumMissing) return;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1, but ${chromiumMissing}`);
  console.warn(`Browser test skipped: ${chromiumMissing}`); // the default reporter shows no skip notes
  skip(chromiumMissing);
}

describe('npm start', () => {
  it('prints the route, the transcript page, and a curl into a seeded conversation', () => {
    // Assess
    const output = localStack().output();
    const { url } = printedCurl(output);
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${localStack().ports.offlineHttp}/conversations/[0-9a-f-]{36}/canned-responses$`));
    expect(output).toMatch(new RegExp(`watch it arrive: http://127\\.0\\.0\\.1:${localStack().ports.genesys}/#/\\S+`));
    expect(output).toContain('npm run invoke -- events/direct.json');
    expect(printedTemplateCurl(output).url).toContain(SEED.conversations.whatsappWindowClosed);
  });

  describe('transcript page (headless Chromium)', () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      if (!chromiumMissing) browser = await launchChromium();
    }, 30_000);
    afterAll(async () => browser?.close());

    it('shows the canned response sent with the printed curl as a new outbound bubble, live', async ({ skip }) => {
      skipWithoutChromium(skip);
      // Prepare: the page npm start links to, with its live updates connected.
      const pageUrl = /watch it arrive: (\S+)/.exec(localStack().output())![1]!;
      const page = await browser!.newPage({ viewport: { width: 1280, height: 760 } });
      await page.goto(pageUrl);
      await page.locator('#live[data-connected="true"]').waitFor();
      const outbound = page.getByTestId('transcript').locator('[data-testid="message"][data-direction="outbound"]');
      const outboundBefore = await outbound.count();
      await page.evaluate(() => Object.assign(globalThis, { loadedOnce: true }));

      // Act
      const curl = printedCurl(localStack().output());
      const response = await fetch(curl.url, { method: 'POST', headers: { 'Content-Type': curl.contentType }, body: curl.body });
      const sent = (await response.json()) as { text: string };

      // Assess: the whole answer, so a failure shows what the function said
      expect({ status: response.status, body: sent }).toMatchObject({ status: 200, body: { text: expect.stringContaining('Ana') } });
      await expect.poll(() => outbound.count(), { timeout: 5_000 }).toBe(outboundBefore + 1);
      await expect.poll(() => outbound.last().getByTestId('message-text').textContent()).toBe(sent.text);
      expect(await page.evaluate(() => 'loadedOnce' in globalThis)).toBe(true); // updated in place, not reloaded

      await page.waitForTimeout(700); // let the arrival animation finish
      await mkdir('test-output', { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      // The picture in docs/local-stack.md; refreshed on request only, so a test run leaves the work tree clean.
      if (process.env.UPDATE_SCREENSHOTS === '1') await copyFile(SCREENSHOT, 'docs/transcript.png');
    });

    it('shows the WhatsApp template sent with the printed curl as the customer sees it', async ({ skip }) => {
      skipWithoutChromium(skip);
      // Prepare
      const curl = printedTemplateCurl(localStack().output());
      const page = await browser!.newPage({ viewport: { width: 1280, height: 760 } });
      await page.goto(curl.pageUrl);
      await page.locator('#live[data-connected="true"]').waitFor();
      const templates = page.getByTestId('transcript').getByTestId('message-template');

      // Act
      const response = await fetch(curl.url, { method: 'POST', headers: { 'Content-Type': curl.contentType }, body: curl.body });
      const sent = (await response.json()) as { text: string; template: { name: string } };

      // Assess
      expect({ status: response.status, body: sent }).toMatchObject({ status: 200, body: { template: { name: 'order_shipped' } } });
      await expect.poll(() => templates.count(), { timeout: 5_000 }).toBe(1);
      expect(await templates.getByTestId('message-template-header').textContent()).toBe('Order 51877 is on its way');
      expect(await templates.getByTestId('message-text').textContent()).toBe(sent.text);
      const button = page.getByTestId('message-template-button');
      expect(await button.textContent()).toBe('Track parcel');
      expect(await button.getAttribute('href')).toBe('https://example.com/orders/51877/tracking');
      await page.close();
    });
  });

  it('keeps Idempotency-Key as deployed: the same key twice sends one message and answers the same messageId', async () => {
    // Prepare
    const curl = printedCurl(localStack().output());
    const headers = { 'Content-Type': curl.contentType, 'Idempotency-Key': `e2e-${Date.now()}` };
    const sends = async () => {
      const calls = (await (await fetch(`http://127.0.0.1:${localStack().ports.genesys}/__admin/calls`)).json()) as { counts: { sendMessage: number } };
      return calls.counts.sendMessage;
    };
    const sendsBefore = await sends();

    // Act
    const answers = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await fetch(curl.url, { method: 'POST', headers, body: curl.body });
      answers.push({ status: response.status, body: (await response.json()) as { messageId: string } });
    }

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers[1]!.body.messageId).toBe(answers[0]!.body.messageId);
    expect((await sends()) - sendsBefore).toBe(1);
  });

  it('stops on Ctrl+C with exit code 0, leaving no process behind on its ports', async () => {
    // Act
    const code = await localStack().stop();

    // Assess
    expect(code).toBe(0);
    for (const port of Object.values(localStack().ports)) expect(await isFree(port)).toBe(true);
  });
});
