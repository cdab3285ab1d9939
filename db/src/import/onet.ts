import { readOnetFiles } from './onet/files.ts';
import {
  readAlternateTitles,
  readOccupations,
  readRelated,
  readReportedTitles,
  readTasks,
} from './onet/occupations.ts';
import { readEducation, readRatings, readTechnology } from './onet/ratings.ts';

export { onetRelease, titleKey } from './onet/files.ts';
export { importOnetRelease } from './onet/write.ts';

/** Everything an O*NET release states, read and checked before anything is written. */
export function readOnetRelease(dir: string) {
  const files = readOnetFiles(dir);
  const { entities: occupations, knownCode } = readOccupations(files);
  const titles = readAlternateTitles(files.alternateTitles!, knownCode);
  const reported = readReportedTitles(files.reportedTitles, knownCode);
  const tasks = readTasks(files.tasks, knownCode);
  const ratings = readRatings(files, knownCode);
  const education = readEducation(files, knownCode);
  const related = readRelated(files.related, knownCode);
  const technology = readTechnology(files.technology, knownCode);
  return {
    files,
    occupations,
    titles: titles.titles,
    titleLinks: titles.links,
    reported,
    tasks: tasks.tasks,
    taskLinks: tasks.links,
    elements: ratings.elements,
    ratings: ratings.ratings,
    educationLevels: education.levels,
    educationShares: education.shares,
    related,
    technologies: technology.technologies,
    technologyLinks: technology.links,
  };
}

export type OnetRelease = ReturnType<typeof readOnetRelease>;
