import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACCOUNTS } from '../support/accounts.ts';
import { graphqlClient } from '../support/graphql.ts';
import { consoleSuite, logIn, logOut, saveNameMeanwhile } from './console.ts';

/**
 * Curation in the console, in a real browser against the real app: a curator's edit becomes a draft with its
 * citation, a reviewer publishes it from the review queue, the entity's history shows who approved it, and a
 * revert from the history brings the old value back; a save over a newer version shows both versions and can
 * re-apply the curator's change over the stored one.
 */

const OCCUPATION = `query Occupation {
  occupation(socCode: "29-2072") { id name version labels { id text type language version } }
}`;

const NEW_NAME = 'Medical Records Technician (Health Information)';
const QUOTE = 'Medical records and health information technicians organize and manage health information data.';

describe('curation in the console', () => {
  const { page, app, asAdmin } = consoleSuite({ width: 1400, height: 1000 });
  let anonymous: ReturnType<typeof graphqlClient>;
  let asCurator: ReturnType<typeof graphqlClient>;
  beforeAll(() => {
    anonymous = graphqlClient(app.database, { as: 'anonymous' });
    asCurator = graphqlClient(app.database, { as: 'curator' });
  });

  /** The occupation as the public reads it: no token. */
  async function publicOccupation() {
    const result = await anonymous(OCCUPATION);
    expect(result.errors).toBeUndefined();
    return result.data.occupation as { id: string; name: string; version: number };
  }

  it('a curator’s rename is reviewed, published, shown in the history with its approver, and reverted', async () => {
    const before = await publicOccupation();
    expect(before.name).toBe('Medical Records Technician');
    const showPath = `/occupations/${encodeURIComponent(before.id)}/show`;

    // the curator edits the name, citing a source with a quote
    await logIn(page, app.baseUrl, 'curator', showPath);
    await page.getByText('Occupation: Medical Records Technician').waitFor();
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await expect.poll(() => name.inputValue()).toBe('Medical Records Technician');
    await name.fill(NEW_NAME);
    await page.getByRole('textbox', { name: /Reason for the change/ }).fill('The title the BLS uses');
    await page.getByRole('combobox', { name: 'Source' }).fill('Medical Records');
    await page.getByRole('option').first().click();
    await page.getByRole('textbox', { name: 'Quote' }).fill(QUOTE);
    await page.getByRole('button', { name: 'Save' }).click();

    // sent for review: the page keeps showing the published name, and says a change awaits review
    await page.getByText(/Sent for review/).waitFor();
    await page.getByText(/awaits review/).waitFor();
    await page.getByText('Occupation: Medical Records Technician', { exact: true }).waitFor();
    expect((await publicOccupation()).name).toBe('Medical Records Technician');

    // a reviewer opens the queue and sees the draft with its diff and citation
    await logOut(page);
    await logIn(page, app.baseUrl, 'reviewer');
    await page.getByRole('menuitem', { name: 'Review queue' }).click();
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Update entity' })
      .filter({ hasText: TEST_ACCOUNTS.curator.email });
    await row.getByRole('link', { name: 'Medical Records Technician', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Update entity' }).click();
    const diff = page.getByRole('table', { name: 'Proposed changes' });
    const nameChange = diff.getByRole('row').filter({ hasText: 'Name' });
    await expect
      .poll(() => nameChange.getByRole('cell').allTextContents())
      .toEqual(['Name', 'Medical Records Technician', NEW_NAME]);
    await page.getByText(`“${QUOTE}”`).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published by reviewer@kg.test').waitFor();

    // the public read shows the new name
    const published = await publicOccupation();
    expect(published).toMatchObject({ name: NEW_NAME, version: before.version + 1 });

    // the history names the curator and the approving reviewer; revert brings the old name back
    await page.goto(`${app.baseUrl}/admin/#${showPath}/history`);
    const history = page.getByRole('table', { name: 'History' });
    const entityRows = history
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'This entity', exact: true }) });
    const change = entityRows.filter({ has: page.getByRole('cell', { name: 'Update', exact: true }) });
    await change.waitFor();
    const cells = await change.getByRole('cell').allTextContents();
    expect(cells.slice(1, 7)).toEqual([
      'This entity',
      'Update',
      String(before.version + 1),
      TEST_ACCOUNTS.curator.email,
      TEST_ACCOUNTS.reviewer.email,
      'The title the BLS uses',
    ]);
    expect(cells[7]).toContain(`Name: Medical Records Technician → ${NEW_NAME}`);
    // renaming an entity renames its preferred name too: that change is listed with it
    await history.getByRole('row').filter({ hasText: 'Name “' }).filter({ hasText: NEW_NAME }).first().waitFor();
    const created = entityRows.filter({ has: page.getByRole('cell', { name: 'Create', exact: true }) });
    await created.getByRole('button', { name: 'Revert to this version' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Reason (optional)' }).fill('Keep the O*NET title');
    await page.getByRole('dialog').getByRole('button', { name: 'Revert', exact: true }).click();
    await page.getByText(`Reverted to version ${before.version}`).waitFor();
    await entityRows.filter({ hasText: 'Keep the O*NET title' }).waitFor();

    const reverted = await publicOccupation();
    expect(reverted).toMatchObject({ name: 'Medical Records Technician', version: before.version + 2 });
  });

  it('a viewer reads without edit buttons or the review queue; a curator’s new name is a draft they cannot publish and can withdraw; a reviewer rejects with a reason', async () => {
    const { id } = await publicOccupation();
    const showPath = `/occupations/${encodeURIComponent(id)}/show`;

    await logIn(page, app.baseUrl, 'viewer', showPath);
    await page.getByText('Occupation: Medical Records Technician').waitFor();
    await page.getByRole('tab', { name: /^Names/ }).click();
    await page.getByRole('cell', { name: 'Medical Records Tech', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Add a name' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Review queue' }).count()).toBe(0);
    await logOut(page);

    // a curator's new name is a draft: its page opens, without Publish, and the curator can withdraw it
    await logIn(page, app.baseUrl, 'curator', `${showPath}/names`);
    await page.getByRole('link', { name: 'Add a name' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('HIM Technician');
    await page.getByRole('button', { name: 'Save' }).click();
    // a curator's new fact needs a source before it can go to review
    await page.getByText('Every change of a fact cites a source').waitFor();
    await page.getByRole('combobox', { name: 'Source' }).fill('Medical Records');
    await page.getByRole('option').first().click();
    await page.getByRole('textbox', { name: 'Quote' }).fill('HIM technician');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Sent for review/).waitFor();
    await page.waitForURL(/#\/drafts\/.+\/show$/);
    const proposed = page.getByRole('table', { name: 'Proposed changes' }).getByRole('row').filter({ hasText: 'Text' });
    await expect.poll(() => proposed.getByRole('cell').allTextContents()).toEqual(['Text', '—', 'HIM Technician']);
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    const draftId = decodeURIComponent(
      page
        .url()
        .split('/drafts/')[1]
        .replace(/\/show$/, ''),
    );

    // their queue lists it; withdrawing closes it
    await page.getByRole('menuitem', { name: 'Review queue' }).click();
    await page.getByRole('cell', { name: 'Create name' }).click();
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText(`Withdrawn by ${TEST_ACCOUNTS.curator.email}`).waitFor();
    const draft = await asAdmin('query Draft($id: ID!) { node(id: $id) { ... on Draft { status operation } } }', {
      id: draftId,
    });
    expect(draft.data.node).toEqual({ status: 'WITHDRAWN', operation: 'createLabel' });
    const names = (await anonymous(OCCUPATION)).data.occupation.labels.map((l: { text: string }) => l.text);
    expect(names).not.toContain('HIM Technician');

    // a reviewer rejects a curator's draft, and must say why
    const sources = await asAdmin('{ sources(first: 1) { edges { node { id } } } }');
    const proposal = await asCurator(
      'mutation Propose($input: CreateLabelInput!) { createLabel(input: $input) { draft { id } } }',
      {
        input: {
          entityId: id,
          text: 'Records Clerk',
          type: 'ALTERNATE',
          citations: [{ sourceId: sources.data.sources.edges[0].node.id, quote: 'records clerk' }],
        },
      },
    );
    expect(proposal.errors).toBeUndefined();
    await logOut(page);
    await logIn(
      page,
      app.baseUrl,
      'reviewer',
      `/drafts/${encodeURIComponent(proposal.data.createLabel.draft.id)}/show`,
    );
    await page.getByRole('button', { name: 'Reject' }).click();
    const reject = page.getByRole('dialog').getByRole('button', { name: 'Reject draft' });
    expect(await reject.isDisabled()).toBe(true);
    await page.getByRole('dialog').getByRole('textbox').fill('A different occupation');
    await reject.click();
    await page.getByText('Rejected by reviewer@kg.test: A different occupation').waitFor();
    const rejected = await asAdmin('query Draft($id: ID!) { node(id: $id) { ... on Draft { status reviewReason } } }', {
      id: proposal.data.createLabel.draft.id,
    });
    expect(rejected.data.node).toEqual({ status: 'REJECTED', reviewReason: 'A different occupation' });
  });

  it('a save over a newer version shows both versions, and re-applies the curator’s change over the stored one', async () => {
    const { id, labels } = (await asAdmin(OCCUPATION)).data.occupation;
    const label = labels.find((l: { text: string }) => l.text === 'Medical Records Specialist');
    expect(label).toMatchObject({ language: 'en' });
    const sources = await asAdmin('{ sources(first: 1) { edges { node { id } } } }');

    await logIn(page, app.baseUrl, 'reviewer', `/labels/${encodeURIComponent(label.id)}`);
    const text = page.getByRole('textbox', { name: 'Name', exact: true });
    await expect.poll(() => text.inputValue()).toBe('Medical Records Specialist');

    // someone else changes the language meanwhile
    await saveNameMeanwhile(
      asAdmin,
      label,
      { language: 'en-US' },
      { sourceId: sources.data.sources.edges[0].node.id, quote: 'Medical Records Specialist' },
    );

    await text.fill('Medical Records Specialist (MRS)');
    // a reviewer's edit is published at once, so it cites its source
    await page.getByRole('combobox', { name: 'Source' }).fill('Medical Records');
    await page.getByRole('option').first().click();
    await page.getByRole('textbox', { name: 'Quote' }).fill('Medical Records Specialist');
    await page.getByRole('button', { name: 'Save' }).click();

    const notice = page.getByRole('alert').filter({ hasText: 'changed this record since you read it' });
    const versions = notice.getByRole('table', { name: 'Your version and the stored version' });
    const rowOf = (field: string) =>
      versions.getByRole('row').filter({ has: page.getByRole('cell', { name: field, exact: true }) });
    await expect
      .poll(() => rowOf('Language').getByRole('cell').allTextContents())
      .toEqual(['Language', 'en', 'en', 'en-US']);
    expect(await rowOf('Text').getByRole('cell').allTextContents()).toEqual([
      'Text',
      'Medical Records Specialist',
      'Medical Records Specialist (MRS)',
      'Medical Records Specialist',
    ]);
    expect(await versions.getByRole('columnheader').allTextContents()).toEqual([
      'Field',
      `You read (version ${label.version})`,
      'You submitted',
      `Stored now (version ${label.version + 1})`,
    ]);

    await notice.getByRole('button', { name: 'Re-apply my changes' }).click();
    // saved over the stored version: back on the Names tab, the other change kept
    await page.waitForURL(/#\/occupations\/.+\/show\/names$/);
    await page.getByRole('cell', { name: 'Medical Records Specialist (MRS)', exact: true }).waitFor();
    await notice.waitFor({ state: 'detached' });

    const after = (await anonymous(OCCUPATION)).data.occupation;
    expect(after.id).toBe(id);
    expect(after.labels.find((l: { id: string }) => l.id === label.id)).toMatchObject({
      text: 'Medical Records Specialist (MRS)',
      language: 'en-US',
      version: label.version + 2,
    });
  });
});
