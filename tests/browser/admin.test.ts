import { describe, expect, it } from 'vitest';
import { consoleSuite, logIn, saveNameMeanwhile } from './console.ts';

/**
 * The admin console in a real browser, against the real app on an in-memory PGlite database: an admin logs in,
 * finds Medical Records Technician, renames one of its alternate labels, and the change reaches the graph and
 * the change log; a save over a newer version is refused with a notice, and discarding it reloads the form.
 */

const OCCUPATION_LABELS = `query Labels {
  occupation(socCode: "29-2072") { id name labels { id text type version } }
  sources(first: 1) { edges { node { id } } }
}`;

describe('admin console', () => {
  const { page, app, asAdmin: graphql } = consoleSuite({ width: 1400, height: 1000 });

  /** Opens the Names tab of Medical Records Technician the way a curator gets there. */
  async function openNamesOfMedicalRecordsTechnician() {
    await logIn(page, app.baseUrl, 'admin');
    await page.getByRole('menuitem', { name: 'Occupations' }).click();
    await page.getByRole('cell', { name: 'Medical Transcriptionist', exact: true }).waitFor();
    await page.getByPlaceholder('Search names and alternate names').fill('Medical Records');
    // the list applies the search after a pause: wait until the other occupations are gone
    await page.getByRole('cell', { name: 'Medical Transcriptionist', exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Medical Records Technician', exact: true }).click();
    await page.getByText('Occupation: Medical Records Technician').waitFor();
    await page.getByRole('tab', { name: /^Names/ }).click();
  }

  /** Every edit of a fact cites its source, an admin's too. */
  async function citeSource(quote: string) {
    await page.getByRole('combobox', { name: 'Source' }).fill('Medical Records');
    await page.getByRole('option').first().click();
    await page.getByRole('textbox', { name: 'Quote' }).fill(quote);
  }

  const labelRow = (text: string) =>
    page.getByRole('row').filter({ has: page.getByRole('cell', { name: text, exact: true }) });

  it('renames an alternate label of Medical Records Technician, recorded in the graph and the change log', async () => {
    const before = await graphql(OCCUPATION_LABELS);
    expect(before.errors).toBeUndefined();
    const label = before.data.occupation.labels.find((l: { text: string }) => l.text === 'Medical Records Tech');
    expect(label).toMatchObject({ type: 'ALTERNATE', version: 1 });

    await openNamesOfMedicalRecordsTechnician();
    await labelRow('Medical Records Tech').getByRole('link', { name: 'Edit' }).click();

    const nameInput = page.getByRole('textbox', { name: 'Name', exact: true });
    await expect.poll(() => nameInput.inputValue()).toBe('Medical Records Tech');
    await nameInput.fill('Medical Records Tech (abbreviated title)');
    await page.getByRole('textbox', { name: /Reason for the change/ }).fill('Mark the abbreviation');
    await citeSource('Medical Records Tech');
    await page.getByRole('button', { name: 'Save' }).click();

    // back on the occupation's Names tab, with the new name listed at version 2
    const renamed = labelRow('Medical Records Tech (abbreviated title)');
    await renamed.waitFor();
    await expect.poll(() => renamed.getByRole('cell').nth(3).textContent()).toBe('2');
    expect(page.url()).toMatch(/#\/occupations\/.+\/show\/names$/);

    const after = await graphql(OCCUPATION_LABELS);
    expect(after.errors).toBeUndefined();
    const texts = after.data.occupation.labels.map((l: { text: string }) => l.text);
    expect(texts).toContain('Medical Records Tech (abbreviated title)');
    expect(texts).not.toContain('Medical Records Tech');
    expect(after.data.occupation.labels.find((l: { id: string }) => l.id === label.id)).toMatchObject({
      text: 'Medical Records Tech (abbreviated title)',
      type: 'ALTERNATE',
      version: 2,
    });

    const changes = await app.database.db
      .selectFrom('change_log')
      .selectAll()
      .where('fact_type', '=', 'label')
      .where('op', '=', 'update')
      .execute();
    const change = changes.find(
      (c) => (c.after as { text?: string } | null)?.text === 'Medical Records Tech (abbreviated title)',
    );
    expect(change).toBeDefined();
    expect(change).toMatchObject({ version: 2, reason: 'Mark the abbreviation' });
    expect((change?.before as { text?: string } | null)?.text).toBe('Medical Records Tech');
  });

  it('refuses a save over a newer version with a clear notice, and discarding reloads the form', async () => {
    await openNamesOfMedicalRecordsTechnician();
    await labelRow('Medical Records Specialist').getByRole('link', { name: 'Edit' }).click();
    const nameInput = page.getByRole('textbox', { name: 'Name', exact: true });
    await expect.poll(() => nameInput.inputValue()).toBe('Medical Records Specialist');

    // someone else saves first
    const { data } = await graphql(OCCUPATION_LABELS);
    const label = data.occupation.labels.find((l: { text: string }) => l.text === 'Medical Records Specialist');
    await saveNameMeanwhile(
      graphql,
      label,
      { text: 'Medical Records Specialists' },
      { sourceId: data.sources.edges[0].node.id, quote: 'Medical Records Specialists' },
    );

    await nameInput.fill('Medical Records Specialist (MRS)');
    await citeSource('Medical Records Specialist');
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'changed this record since you read it' });
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Re-apply my changes' }).waitFor();

    await alert.getByRole('button', { name: 'Discard mine' }).click();
    await expect.poll(() => nameInput.inputValue()).toBe('Medical Records Specialists');

    const after = await graphql(OCCUPATION_LABELS);
    const texts = after.data.occupation.labels.map((l: { text: string }) => l.text);
    expect(texts).toContain('Medical Records Specialists');
    expect(texts).not.toContain('Medical Records Specialist (MRS)');
  });
});
