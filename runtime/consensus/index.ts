/**
 * Public API of the consensus protocols: deciding a round under a protocol, parsing protocol names, and
 * grouping open-ended answers into positions. See README.md in this folder for the rules.
 */
export type { Ballot, JudgeFn, ProtocolName, ProtocolSpec, RoundFacts, Tally, TallyReason } from './consensus.types.js';
export { confidenceWeight, decide, DEFAULT_QUORUM } from './protocols.js';
export { decideAsync } from './judge-protocol.js';
export { DEFAULT_SUPERMAJORITY, parseProtocol, protocolLabel } from './parse-protocol.js';
export { PROTOCOL_NAMES } from './validate-ballots.js';
export {
  DEFAULT_GROUPING_THRESHOLD,
  groupPositions,
  groupPositionsSync,
  type GroupingOptions,
  type PositionGroups,
  type SyncEmbedder,
} from './grouping.js';
