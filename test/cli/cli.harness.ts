import { runCli } from '../../adapters/cli/lukhas.main.js';
import type { CliIo } from '../../adapters/cli/cli.shared.js';

/** Runs the CLI in-process with captured output. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: CliIo = { out: (t) => { out += t.endsWith('\n') ? t : `${t}\n`; }, err: (t) => { err += t.endsWith('\n') ? t : `${t}\n`; }, isTty: false, color: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}
