#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { pathToFileURL } from 'node:url';
import { processIo, reportError, type CliContext, type CliIo } from './cli.shared.js';
// subcommands: one import and one register call each (keep this list sorted)
import { registerCompleteCommand } from './complete.command.js';
import { registerDeliberateCommand } from './deliberate.command.js';
import { registerGateCommand } from './gate.command.js';
import { registerReplayCommand } from './replay.command.js';
import { registerMemoryCommand } from './memory.command.js';
import { registerSimulateCommand } from './simulate.command.js';
import { registerSymbolsCommand } from './symbols.command.js';
import { registerWorkerCommand } from './worker.command.js';

/** Builds the `lukhas` program. Exported so tests can run it in-process. */
export function buildProgram(io: CliIo = processIo(), ctx: CliContext = { io, exitCode: 0 }): Command {
  const program = new Command('lukhas')
    .description('Multi-agent deliberation runtime: supervised colonies of role agents, consensus protocols, exact replay.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  program.addHelpText('after', [
    '',
    'Examples:',
    '  lukhas deliberate "Should the city adopt a four-day work week?"',
    '  lukhas deliberate "Which supplier?" --options A,B,C --protocol supermajority:0.75 --json',
    '  lukhas replay j-0123456789abcdef',
    '',
    'Exit codes: 0 ok, 1 a run failed or a check found a fault, 2 bad usage.',
    'Environment: LUKHAS_DATA_DIR (default ./.lukhas), DATABASE_URL, LUKHAS_MASTER_KEY, NATS_URL, OPENAI_API_KEY,',
    'ANTHROPIC_API_KEY, GEMINI_API_KEY and the SDKs\' base-URL variables. NO_COLOR turns colour off.',
  ].join('\n'));
  // register subcommands here: registerXCommand(program, ctx);
  registerCompleteCommand(program, ctx);
  registerDeliberateCommand(program, ctx);
  registerGateCommand(program, ctx);
  registerReplayCommand(program, ctx);
  registerMemoryCommand(program, ctx);
  registerSimulateCommand(program, ctx);
  registerSymbolsCommand(program, ctx);
  registerWorkerCommand(program, ctx);
  return program;
}

/** Runs the CLI; resolves to the exit code (0 ok, 1 a run failed, 2 bad usage). */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const ctx: CliContext = { io, exitCode: 0 };
  const program = buildProgram(io, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(io, err);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
