import { describe, expect, it } from 'vitest';
import { runCompletion } from '../../agents/completion/completion.runner.js';
import { createSimulatedModel } from '../../adapters/models/simulated.adapter.js';
import { createSymbolTranslator } from '../../runtime/symbols/translate.js';
import { createVocabularies } from '../../runtime/symbols/vocabularies.js';
import { createInMemoryVocabularyStore } from '../../runtime/symbols/vocabulary.store.js';

describe('the completion pipeline uses the symbol engine', () => {
  it('spells out the user\'s personal symbols before generation, and journals the step', async () => {
    const vocabularies = createVocabularies({ store: createInMemoryVocabularyStore() });
    await vocabularies.add('ana', [{ symbol: '🌊', concept: { description: 'feeling overwhelmed by work', tags: ['stress'], tone: -0.4 } }]);
    const symbols = createSymbolTranslator({ vocabularies });
    const model = createSimulatedModel();
    const r = await runCompletion({ user: 'ana', prompt: 'I am 🌊 this week, any advice?' }, {
      model,
      translate: async (user, text) => (await symbols(user, text)).text,
      config: { colony: false },
    });
    const step = r.journal.entries.find((e) => e.type === 'symbols.translated');
    expect(step?.data.text).toBe('I am 🌊 (feeling overwhelmed by work) this week, any advice?');
    expect(r.status).toBe('completed');
    // a user without a vocabulary gets the text unchanged
    const r2 = await runCompletion({ user: 'bo', prompt: 'I am 🌊 this week' }, { model, translate: async (u, t) => (await symbols(u, t)).text, config: { colony: false } });
    expect(r2.journal.entries.find((e) => e.type === 'symbols.translated')?.data.text).toBe('I am 🌊 this week');
  });
});
