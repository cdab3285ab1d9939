import { builder } from './builder.ts';
import { applyCostModel } from './cost.ts';
// Each module registers its types, fields and mutations with the builder when imported.
import './schema/node.ts';
import './schema/account.ts';
import './schema/entity.ts';
import './schema/label.ts';
import './schema/relation.ts';
import './schema/observation.ts';
import './schema/citation.ts';
import './schema/source.ts';
import './schema/occupation.ts';
import './schema/credential.ts';
import './schema/issuing-body.ts';
import './schema/program.ts';
import './schema/soc-code.ts';
import './schema/simple-kinds.ts';
import './schema/search.ts';
import './schema/draft.ts';
import './schema/draft-fact.ts';
import './schema/history.ts';
import './schema/outlook.ts';
import './schema/career.ts';
import './schema/esco.ts';
import './schema/import-status.ts';

export const schema = applyCostModel(builder.toSchema({ sortSchema: true }));
