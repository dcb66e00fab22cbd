import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { LukhasError } from '../../runtime/errors.js';
import { createGate, type Verdict } from '../../runtime/ethics/gate.js';
import { defaultPolicy, loadPolicyFile } from '../../runtime/ethics/policy.js';
import { styles, type CliContext } from './cli.shared.js';

interface GateFlags { file?: string; json?: boolean; policy?: string }

/**
 * `lukhas gate check ["TEXT" | --file FILE] [--json] [--policy FILE]`: the offline gate's verdict of one text,
 * or of each non-empty line of FILE (one JSON line each with --json: verdict, category, score, reasoning,
 * alternative). Exit 1 when any text is not approved, 2 on bad usage.
 */
export function registerGateCommand(program: Command, ctx: CliContext): void {
  const gate = program.command('gate').description('the ethics gate: verdicts of texts under a policy');
  gate
    .command('check')
    .description('verdict of a text, or of every line of a file; exit 1 when any is not approved')
    .argument('[text]', 'the text to check')
    .option('--file <file>', 'check each non-empty line of FILE')
    .option('--policy <file>', 'a policy JSON file (default: runtime/ethics/policy.default.json)')
    .option('--json', 'one JSON object per text on stdout')
    .action(async (text: string | undefined, flags: GateFlags) => {
      if ((text === undefined) === (flags.file === undefined)) throw new LukhasError('BAD_OPTION', 'gate check: give either "TEXT" or --file FILE (exactly one)');
      const policy = flags.policy ? loadPolicyFile(flags.policy) : defaultPolicy();
      let texts: string[];
      if (flags.file !== undefined) {
        let raw: string;
        try { raw = await readFile(flags.file, 'utf8'); } catch (err) { throw new LukhasError('BAD_OPTION', `invalid --file: cannot read ${flags.file} (${(err as Error).message})`); }
        texts = raw.split(/\r?\n/).filter((l) => l.trim().length > 0);
      } else texts = [text!];
      const g = createGate({ policy });
      const s = styles(ctx.io.color);
      for (const t of texts) {
        const v: Verdict = await g.check(t, { stage: 'input' });
        if (v.verdict !== 'approved') ctx.exitCode = 1;
        if (flags.json) {
          ctx.io.out(JSON.stringify({ text: t, verdict: v.verdict, category: v.category, score: v.score, reasoning: v.reasoning, ...(v.alternative ? { alternative: v.alternative } : {}) }));
        } else {
          const mark = v.verdict === 'approved' ? s.green('approved') : v.verdict === 'blocked' ? s.red('blocked') : s.yellow('needs-healing');
          ctx.io.out(`${mark}${v.category === 'none' ? '' : ` ${s.bold(v.category)} ${v.score.toFixed(2)}`}  ${s.dim(t)}`);
          ctx.io.out(`  ${v.reasoning}`);
          if (v.alternative) ctx.io.out(`  ${s.cyan('instead:')} ${v.alternative}`);
        }
      }
    });
}
