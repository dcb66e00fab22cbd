/**
 * A process that hosts agents over NATS (what a machine with a local model would run): wraps the real local
 * TurnExecutor (role catalogue + simulated model + default ethics gate) with serveRemoteAgent. argv: NATS URL, subject root.
 * Prints "ready" on stdout once subscribed.
 */
import { connect } from '@nats-io/transport-node';
import { createLocalExecutor } from '../../agents/deliberation/local.executor.js';
import { RoleCatalogue } from '../../agents/roles/role.catalogue.js';
import { createSimulatedModel } from '../../adapters/models/simulated.adapter.js';
import { serveRemoteAgent } from '../../adapters/transport/nats/remote-agent.js';
import { withVerdictCache } from '../../runtime/ethics/cached.gate.js';
import { createGate } from '../../runtime/ethics/gate.js';

const [url, root] = process.argv.slice(2);
const nc = await connect({ servers: url! });
const model = createSimulatedModel();
const host = serveRemoteAgent({ nc, root: root!, agents: ['*'], // the same ethics gate createRuntime() puts on local agents: the host journals its verdicts with the turn
  executor: createLocalExecutor(new RoleCatalogue(), () => model, withVerdictCache(createGate())) });
await nc.flush();
process.stdout.write('ready\n');
process.on('SIGTERM', () => { void host.close().then(() => nc.drain()).then(() => process.exit(0)); });
