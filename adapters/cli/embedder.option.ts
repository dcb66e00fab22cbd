import type { RuntimeOptions } from '../lukhas.main.js';
import { createEmbedder, HASHED_EMBEDDER_NOTE } from '../models/embedder-spec.js';
import { ruleCanonicaliser } from '../../runtime/embedding/position-keys.js';
import { LukhasError } from '../../runtime/errors.js';

/**
 * `--embedder provider:model` and `--canonicalise KIND` → runtime options for grouping open answers, plus the
 * notices people see (which embedder groups, and what the hashed default can and cannot see).
 */
export async function configureGrouping(embedder: string | undefined, canonicalise: string | undefined, open: boolean): Promise<{ runtimeOptions: Partial<RuntimeOptions>; notices: string[] }> {
  const runtimeOptions: Partial<RuntimeOptions> = {};
  const notices: string[] = [];
  if (embedder !== undefined && embedder.trim() !== 'hashed') {
    const e = await createEmbedder(embedder, {}, '--embedder');
    runtimeOptions.groupingEmbedder = e;
    if (open) notices.push(`Open answers are grouped by the embedder ${e.id} (cosine ≥ ${e.groupingThreshold}); its calls are journaled and replay makes none.`);
  } else if (open) notices.push(`Open answers are grouped by the ${HASHED_EMBEDDER_NOTE}; --embedder provider:model uses a provider's embeddings.`);
  if (canonicalise !== undefined) {
    if (canonicalise === 'numeric' || canonicalise === 'text') runtimeOptions.canonicaliser = ruleCanonicaliser(canonicalise);
    else if (canonicalise.startsWith('model:')) {
      throw new LukhasError('UNSUPPORTED', 'invalid --canonicalise: model canonicalisers run in simulations (grouping.canonicalise in a scenario); on the command line use numeric or text');
    } else throw new LukhasError('BAD_OPTION', `invalid --canonicalise: ${JSON.stringify(canonicalise)} (expected numeric, text or model:provider:model)`);
  }
  return { runtimeOptions, notices };
}
