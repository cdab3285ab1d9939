import type { SocLevel } from '../../tables.ts';
import { RowChecker, SOC } from '../read.ts';
import { readSheet } from '../xlsx.ts';

export const SOC_STRUCTURE_FILE = 'soc_structure_2018.xlsx';
export const SOC_DEFINITIONS_FILE = 'soc_2018_definitions.xlsx';

/** A group or detailed occupation of the 2018 SOC, with its definition and where each is stated. */
export interface SocGroup {
  code: string;
  level: SocLevel;
  title: string;
  /** BLS defines detailed occupations only; groups have none. */
  definition: string | null;
  /** The next broader group (none for a major group). */
  parent: string | null;
  /** Sheet row in the structure file. */
  row: number;
  /** Sheet row in the definitions file. */
  definitionRow: number;
}

const LEVELS: readonly SocLevel[] = ['major', 'minor', 'broad', 'detailed'];
const STRUCTURE_COLUMNS = ['Major Group', 'Minor Group', 'Broad Group', 'Detailed Occupation', ''] as const;
const DEFINITION_COLUMNS = ['SOC Group', 'SOC Code', 'SOC Title', 'SOC Definition'] as const;
/** How the code of each level ends: 11-0000, 11-1000 (or 15-1200), 11-1010, 11-1011. */
const LEVEL_PATTERN: Record<SocLevel, RegExp> = {
  major: /^\d{2}-0000$/,
  minor: /^\d{2}-(?!0000)\d{2}00$/,
  broad: /^\d{2}-\d{3}0$/,
  detailed: /^\d{2}-\d{3}[1-9]$/,
};

/**
 * Reads the 2018 SOC structure (`2018 Structure`: one code per row, in the column of its level, the title in the
 * unheaded fifth column) and the definitions (`2018 SOC`), and checks that they agree: every code once, in
 * the column of its level and shaped like one, below a group of the level above it that shares its major
 * group; every definitions row names a code of the structure at the same level.
 */
export async function readSocStructure(structurePath: string, definitionsPath: string): Promise<SocGroup[]> {
  const structure = await readSheet(structurePath, {
    sheet: '2018 Structure',
    headerRow: 8,
    columns: STRUCTURE_COLUMNS,
  });
  const check = new RowChecker(SOC_STRUCTURE_FILE);
  const groups = new Map<string, SocGroup>();
  // the latest group seen at each level: the parent of the rows below it
  const open: Array<SocGroup | undefined> = [];
  for (const row of structure) {
    const filled = LEVELS.map((level, i) => [level, row.values[STRUCTURE_COLUMNS[i]]] as const).filter(
      ([, value]) => value !== '',
    );
    if (filled.length !== 1)
      check.fail(row, `expected one code in one of the four level columns, found ${filled.length}`);
    const [level] = filled[0];
    const column = STRUCTURE_COLUMNS[LEVELS.indexOf(level)];
    const code = check.match(row, column, SOC, 'a SOC code');
    if (!LEVEL_PATTERN[level].test(code)) check.fail(row, `${column} "${code}" is not shaped like a ${level} code`);
    if (groups.has(code)) check.fail(row, `${code} appears twice`);
    const depth = LEVELS.indexOf(level);
    const parent = depth === 0 ? null : open[depth - 1];
    if (depth > 0 && (!parent || parent.code.slice(0, 2) !== code.slice(0, 2))) {
      check.fail(row, `${code} is not below a ${LEVELS[depth - 1]} group of major group ${code.slice(0, 2)}`);
    }
    const group: SocGroup = {
      code,
      level,
      title: check.text(row, 'column 5'),
      definition: null,
      parent: parent?.code ?? null,
      row: row.line,
      definitionRow: 0,
    };
    groups.set(code, group);
    open[depth] = group;
    open.length = depth + 1;
  }

  const definitions = await readSheet(definitionsPath, {
    sheet: '2018 SOC',
    headerRow: 8,
    columns: DEFINITION_COLUMNS,
  });
  const checkDefinition = new RowChecker(SOC_DEFINITIONS_FILE);
  for (const row of definitions) {
    const level = checkDefinition.oneOf(row, 'SOC Group', ['Major', 'Minor', 'Broad', 'Detailed'] as const)!;
    const code = checkDefinition.match(row, 'SOC Code', SOC, 'a SOC code');
    const group = groups.get(code) ?? checkDefinition.fail(row, `${code} is not in ${SOC_STRUCTURE_FILE}`);
    if (group.level !== level.toLowerCase()) {
      checkDefinition.fail(row, `${code} is a ${group.level} code in ${SOC_STRUCTURE_FILE}, not ${level}`);
    }
    if (group.definitionRow) checkDefinition.fail(row, `${code} appears twice`);
    group.definition = checkDefinition.text(row, 'SOC Definition', { optional: true }) || null;
    group.definitionRow = row.line;
  }
  const undefined_ = [...groups.values()].find((g) => g.level === 'detailed' && !g.definition);
  if (undefined_) {
    throw checkDefinition.fail(
      { line: undefined_.definitionRow, values: {} },
      `detailed occupation ${undefined_.code} has no definition`,
    );
  }
  return [...groups.values()];
}
