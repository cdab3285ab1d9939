import { fileURLToPath } from 'node:url';
import { importNaicsFile } from '@kg/db/import/labor-market';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphqlClient } from '../support/graphql.ts';
import { type ConsoleApp, downloadLines, logIn, screenshot, seriousViolations, startWithPage } from './console.ts';

/**
 * Title coding in the console, as a coder does it: upload a small CSV, see each title's match with its
 * confidence and review flag, correct one row to another occupation (a cited reported title, reviewed like any
 * write), export the coded CSV, and after the correction is published see the next coding use it.
 */
const CSV = [
  'id,title,industry',
  'a1,Medical Records Tech,',
  'a2,Medical Transcriber,62',
  'a3,Clinic Dictation Typist,',
  'a4,"Health Information Technician, nights",',
].join('\n');

let app: ConsoleApp;
let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ app, page, errors } = await startWithPage({
    // the NAICS sectors, so that a row can name its industry
    prepare: (database) =>
      importNaicsFile(
        database.db,
        fileURLToPath(new URL('../../db/data/naics/2-6 digit_2022_Codes.xlsx', import.meta.url)),
      ),
    context: { viewport: { width: 1440, height: 900 }, acceptDownloads: true },
  }));
});

afterAll(async () => {
  await app?.close();
});

async function upload(csv: string) {
  await page.locator('input[type=file]').setInputFiles({
    name: 'titles.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByText('titles.csv').waitFor();
  await page.getByRole('button', { name: 'Code titles' }).click();
  await page.getByRole('table', { name: 'Coded titles' }).waitFor();
}

it('codes a CSV, takes a correction through review, exports it, and codes with it next time', async () => {
  try {
    await logIn(page, app.baseUrl, 'curator');
    await page.getByRole('menuitem', { name: 'Title coding' }).click();
    await page.getByRole('heading', { name: 'Code job titles' }).waitFor();
    await upload(CSV);

    const table = page.getByRole('table', { name: 'Coded titles' });
    const ids: Record<string, string> = {
      'Medical Records Tech': 'a1',
      'Medical Transcriber': 'a2',
      'Clinic Dictation Typist': 'a3',
      'Health Information Technician, nights': 'a4',
    };
    // a row by its id, the first cell
    const row = (title: string) =>
      table.getByRole('row').filter({ has: page.getByRole('cell', { name: ids[title], exact: true }) });
    expect(await table.getByRole('row').count()).toBe(5);
    // known titles are coded with high confidence and no review; the unknown one asks for a coder
    await expect
      .poll(() => row('Medical Records Tech').getByRole('combobox').textContent())
      .toMatch(/Medical Records Technician \(29-2072\.00\)/);
    await row('Medical Records Tech').getByText('Coded').waitFor();
    await row('Medical Transcriber').getByText('in Health Care and Social Assistance').waitFor();
    expect(await row('Health Information Technician, nights').getByRole('combobox').textContent()).toMatch(/29-2072/);
    await row('Clinic Dictation Typist').getByText('Needs review').waitFor();
    await screenshot(page, 'title-coding-coded');

    // the coder corrects the unknown title to another occupation, found by its title
    await row('Clinic Dictation Typist').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Another occupation…' }).click();
    await page
      .getByRole('combobox', { name: 'Occupation for "Clinic Dictation Typist"' })
      .pressSequentially('medical transcriptionist', { delay: 20 });
    await page.getByRole('option', { name: /^Medical Transcriptionist/ }).click();
    await row('Clinic Dictation Typist').getByText('Corrected').waitFor();
    await page.getByRole('combobox', { name: 'Source the corrections cite' }).click();
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Save corrections (1)' }).click();
    await page.getByText('1 correction sent for review').waitFor();
    await row('Clinic Dictation Typist').getByText('Correction in review').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'title-coding-corrected');

    // the export has every row, the correction as the coder made it
    const { name, lines } = await downloadLines(page, 'Export coded CSV');
    expect(name).toBe('titles-coded.csv');
    expect(lines[0]).toBe('id,title,industry,onet_soc_code,occupation,confidence,needs_review,decision,matched_title');
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.startsWith('a3,'))).toMatch(
      /^a3,Clinic Dictation Typist,,31-9094\.00,Medical Transcriptionist,,false,corrected,$/,
    );
    expect(lines.find((l) => l.startsWith('a1,'))).toMatch(/^a1,Medical Records Tech,,29-2072\.00,.*,false,auto,/);

    // a reviewer publishes the correction (the review queue is the console's Drafts page; here through the API)
    const reviewer = graphqlClient(app.database, { as: 'reviewer' });
    const pending = await reviewer('{ drafts(first: 10) { edges { node { id factType } } } }');
    const drafts = pending.data.drafts.edges.map((e: { node: { id: string; factType: string } }) => e.node);
    expect(drafts).toHaveLength(1);
    const published = await reviewer(
      'mutation($input: ReviewDraftInput!) { publishDraft(input: $input) { draft { status } } }',
      { input: { id: drafts[0].id, reason: 'coder correction checked' } },
    );
    expect(published.errors).toBeUndefined();

    // the same file coded again: the corrected title now codes to the chosen occupation, without review
    await page.getByRole('button', { name: 'Code titles' }).click();
    await expect
      .poll(() => row('Clinic Dictation Typist').getByRole('combobox').textContent())
      .toMatch(/Medical Transcriptionist \(31-9094\.00\) via "Clinic Dictation Typist"/);
    await row('Clinic Dictation Typist').getByText('Coded').waitFor();
    await screenshot(page, 'title-coding-after-publish');
    expect(errors).toEqual([]);
  } catch (error) {
    await screenshot(page, 'failed-title-coding');
    throw error;
  }
});
