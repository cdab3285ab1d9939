import { join } from 'node:path';
import { importOewsFile, importOnet } from '@kg/db/import/datasets';
import { deriveLadders } from '@kg/db/ladders/derive';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlClient } from '../support/graphql.ts';
import { onetSlice, REFERENCE_DATA } from '../support/reference-data.ts';
import { type ConsoleApp, downloadLines, logIn, screenshot, seriousViolations, startWithPage } from './console.ts';

/**
 * The career explorer in a real browser, against the real app on an in-memory PGlite database holding the seed,
 * a slice of O*NET and the OEWS wages, with ladders derived: an analyst types a misspelt title, picks Medical
 * Records Technician, sees the ladder drawn and the wage chart, opens a step's skill gap and exports the paths.
 */

const CODES = ['29-2072.00', '29-9021.00', '15-1211.01', '29-2099.08', '43-6013.00', '11-9111.00'];

describe('career explorer', () => {
  let app: ConsoleApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ app, page, errors } = await startWithPage({
      async prepare(database) {
        await importOnet(database.db, onetSlice('onet', CODES));
        await importOewsFile(database.db, join(REFERENCE_DATA, 'bls_oews', 'national_M2024_dl.csv'));
        await deriveLadders(database.db);
      },
      context: { viewport: { width: 1440, height: 900 }, acceptDownloads: true },
    }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('finds the ladder from a misspelt title, draws it, charts the wages, shows a skill gap and exports CSV', async () => {
    // an analyst with a reader's account
    await logIn(page, app.baseUrl, 'viewer');
    await page.getByRole('menuitem', { name: 'Career explorer' }).click();
    await page.getByRole('heading', { name: 'Career explorer', level: 5 }).waitFor();

    await page
      .getByRole('combobox', { name: 'Start: job title' })
      .pressSequentially('medcal recrods tech', { delay: 20 });
    await page.getByRole('option', { name: /^Medical Records Technician/ }).click();

    // the ladder as a graph: the start, the specializations and the managers among its nodes
    const graph = page.getByTestId('ladder-graph');
    for (const name of ['Medical Records Technician', 'Medical Coding', 'Medical and Health Services Manager']) {
      await graph.locator('.react-flow__node', { hasText: name }).first().waitFor();
    }
    expect(await graph.locator('.react-flow__edge').count()).toBeGreaterThanOrEqual(3);
    // the wage chart: one line per path
    const chart = page.getByTestId('wage-chart');
    await chart.locator('svg').first().waitFor();
    expect(await chart.locator('.MuiLineChart-line, path[class*="MuiLineChart-line"]').count()).toBeGreaterThan(0);

    // a step's skill gap, from the list of paths
    const paths = page.getByRole('list', { name: 'Career paths' });
    const listed = await paths.getByRole('listitem').count();
    expect(listed).toBeGreaterThanOrEqual(3);
    await page
      .getByRole('button', { name: /step 1: Medical Records Technician to Medical and Health Services Manager/ })
      .click();
    const details = page.getByTestId('step-details');
    // the start's skill ratings decide between a gap and, when they are missing, what the target asks for
    const skills = details.getByRole('table', { name: /^(Skill gap|Skills the target asks for)$/ });
    await skills.waitFor();
    if ((await skills.getAttribute('aria-label')) === 'Skills the target asks for') {
      await details.getByTestId('skill-gap-missing').waitFor();
    }
    expect(await details.getByRole('row').count()).toBeGreaterThan(2);
    await details.scrollIntoViewIfNeeded();
    await screenshot(page, 'career-explorer');
    expect(await seriousViolations(page)).toEqual([]);
    await expect.poll(() => details.textContent()).toMatch(/further education/);
    await expect.poll(() => details.textContent()).toMatch(/Bachelor/i);

    // or by clicking the step in the graph
    await graph
      .locator(
        '[aria-roledescription="edge"][aria-label="Medical Records Technician to Health Information Technologists and Medical Registrars"]',
      )
      .dispatchEvent('click');
    await expect
      .poll(() => details.getByRole('heading').first().textContent())
      .toBe('Medical Records Technician → Health Information Technologists and Medical Registrars');
    await expect.poll(() => details.textContent()).toMatch(/May 2024/);
    await expect
      .poll(() => details.getByTestId('step-basis').textContent())
      .toMatch(
        /O\*NET related occupation #\d+ \(Primary-\w+\); job zone \d → \d; median wage \$[\d,]+ → \$[\d,]+ \(May 2024\)/,
      );
    await expect.poll(() => details.textContent()).toMatch(/Related Occupations\.txt, line \d+/);
    // O*NET rates neither end's skills: the basis says so instead of counting every skill as new
    await expect
      .poll(() => details.getByTestId('step-basis').textContent())
      .toMatch(/O\*NET rates no skills at one end or both, so none are compared/);
    // two job zones up in one move is not a step: O*NET relates the two, the ladder does not join them
    expect(
      await graph
        .locator(
          '[aria-roledescription="edge"][aria-label="Medical Records Technician to Health Informatics Specialists"]',
        )
        .count(),
    ).toBe(0);

    // or by clicking a box: the step that reaches it
    // (clicked again until it takes: the graph may still be fitting itself into view, moving the box)
    const box = graph.locator('.react-flow__node', { hasText: 'Medical Coding' }).first();
    await expect
      .poll(async () => {
        await box.click();
        return details.getByRole('heading').first().textContent();
      })
      .toMatch(/→ Medical Coding/);
    // the step's details are brought into view
    await expect.poll(() => details.evaluate((e) => e.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    // paths are told apart by colour: as many stroke colours as paths, up to ten
    const strokes = await graph
      .locator('.react-flow__edge-path')
      .evaluateAll((paths) => new Set(paths.map((p) => getComputedStyle(p).stroke)).size);
    expect(strokes).toBeGreaterThanOrEqual(Math.min(listed, 10) > 1 ? 2 : 1);
    expect(errors).toEqual([]);

    // the same paths as CSV, one row per step
    const { name, lines: csv } = await downloadLines(page, 'Export CSV');
    expect(name).toBe('career-paths-medical-records-technician.csv');
    expect(csv[0]).toBe(
      'path,path_score,step,from,to,type,wage_change,wage_period,education_needed,credentials_needed,derivation,evidence',
    );
    const rows = csv.slice(1);
    const pathNumbers = new Set(rows.map((r) => r.split(',')[0]));
    expect(pathNumbers.size).toBe(listed);
    expect(rows.some((r) => /Medical Records Technician,Medical Coding,SPECIALIZE/.test(r))).toBe(true);
    const manager = rows.find((r) => r.includes(',Medical and Health Services Manager,ADVANCE,'));
    expect(manager).toMatch(/stated by a source/);

    // the API says the same
    const graphql = graphqlClient(app.database);
    const { data } = await graphql(
      '{ resolveTitle(title: "Medical Records Technician", first: 1) { occupation { id } } }',
    );
    const api = await graphql('query($f: ID!) { careerPaths(from: $f) { steps { to { name } } } }', {
      f: data.resolveTitle[0].occupation.id,
    });
    const apiSteps = api.data.careerPaths.reduce((n: number, p: { steps: unknown[] }) => n + p.steps.length, 0);
    expect(rows.length).toBe(apiSteps);
  });

  it('narrows the paths to a goal', async () => {
    await page.getByRole('combobox', { name: 'Goal (optional)' }).pressSequentially('health services manager', {
      delay: 20,
    });
    await page.getByRole('option', { name: /^Medical and Health Services Manager/ }).click();
    const paths = page.getByRole('list', { name: 'Career paths' });
    // the list of paths without a goal is still shown until the narrowed one arrives: wait for the narrowed one
    const narrowed = async () => {
      const items = await paths.getByRole('listitem').allTextContents();
      return items.length >= 2 && items.every((text) => text.startsWith('Medical and Health Services Manager'));
    };
    await expect.poll(narrowed, { timeout: 15_000 }).toBe(true);
    expect(
      await page.getByTestId('ladder-graph').locator('.react-flow__node', { hasText: 'Medical Coding' }).count(),
    ).toBe(0);
  });
});
