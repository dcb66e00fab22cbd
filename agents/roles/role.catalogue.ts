import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LukhasError } from '../../runtime/errors.js';

/** A role in the catalogue: how an agent of this role is prompted and sampled by default. */
export interface RoleDefinition {
  name: string;
  /** One line for people (CLI, docs). */
  description: string;
  /** The role's system prompt (the output format is appended by the prompt builder). */
  systemPrompt: string;
  /** Default sampling temperature. */
  temperature: number;
  /** Default `provider:model` (the simulated model when absent). */
  model?: string;
  /** Words the simulated model uses to flavour this role's rationales. */
  lens: string[];
}

const BUILT_IN: RoleDefinition[] = [
  {
    name: 'ethical',
    description: 'weighs rights, fairness, harms and duties to those affected',
    systemPrompt:
      'You are the ethical member of a deliberating panel. Judge the question by its consequences for everyone affected, by fairness, rights and duties, and by who bears the risks. Name the strongest ethical consideration on each side before you decide.',
    temperature: 0.3,
    lens: ['fairness', 'harm to those affected', 'rights and duties', 'who bears the risk'],
  },
  {
    name: 'creative',
    description: 'looks for options and reframings others have missed',
    systemPrompt:
      'You are the creative member of a deliberating panel. Look for reframings, overlooked options and second-order effects; prefer a bold answer when the evidence allows it, and say what would change your mind.',
    temperature: 0.9,
    lens: ['an overlooked option', 'a reframing of the problem', 'second-order effects', 'what could surprise us'],
  },
  {
    name: 'logical',
    description: 'checks evidence, base rates and the soundness of arguments',
    systemPrompt:
      'You are the logical member of a deliberating panel. Reason step by step from evidence and base rates, check each argument for soundness, and state your confidence as a calibrated probability.',
    temperature: 0.1,
    lens: ['the evidence', 'base rates', 'the soundness of the argument', 'the measurable outcome'],
  },
  {
    name: 'empathetic',
    description: 'considers how people affected will experience the outcome',
    systemPrompt:
      'You are the empathetic member of a deliberating panel. Consider how each group affected will experience the outcome, whose voice is missing, and what trust or wellbeing is at stake.',
    temperature: 0.5,
    lens: ['wellbeing of the people affected', 'trust', 'voices that are missing', 'lived experience'],
  },
  {
    name: 'practical',
    description: 'weighs cost, feasibility, timelines and implementation risk',
    systemPrompt:
      'You are the practical member of a deliberating panel. Weigh cost, feasibility, timelines and implementation risk, and prefer what can actually be done and checked.',
    temperature: 0.2,
    lens: ['cost', 'feasibility', 'implementation risk', 'what can be checked'],
  },
];

/** Schema of a custom role in a roles file (`{ "roles": [ ... ] }`). */
export const roleFileSchema = z.object({
  roles: z.array(
    z.object({
      name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -, starting with a letter'),
      description: z.string().min(1).max(200),
      systemPrompt: z.string().min(10).max(8000),
      temperature: z.number().min(0).max(2).default(0.5),
      model: z.string().optional(),
      lens: z.array(z.string().min(1)).min(1).default(['the question at hand']),
    }),
  ),
});

/** A catalogue of roles: the five built-in ones plus custom ones. */
export class RoleCatalogue {
  private readonly roles = new Map<string, RoleDefinition>();

  constructor(custom: RoleDefinition[] = []) {
    for (const r of BUILT_IN) this.roles.set(r.name, r);
    for (const r of custom) this.roles.set(r.name, r);
  }

  /** The role, or a BAD_OPTION error listing the known roles. */
  get(name: string): RoleDefinition {
    const r = this.roles.get(name);
    if (!r) throw new LukhasError('BAD_OPTION', `invalid agent role: ${JSON.stringify(name)} (expected one of ${this.names().join(', ')})`);
    return r;
  }

  has(name: string): boolean {
    return this.roles.has(name);
  }

  names(): string[] {
    return [...this.roles.keys()];
  }

  /** Loads custom roles from a JSON file; errors name the file and the offending key. */
  static fromFile(path: string): RoleCatalogue {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new LukhasError('BAD_INPUT', `cannot read roles file ${path}: ${(err as Error).message}`, { cause: err });
    }
    const parsed = roleFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new LukhasError('BAD_INPUT', `invalid roles file ${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return new RoleCatalogue(parsed.data.roles);
  }
}

/** The default role order of a colony. */
export const DEFAULT_ROLES = ['ethical', 'creative', 'logical', 'empathetic', 'practical'] as const;
