import { describe, expect, it } from 'vitest';
import { condorcetSuite } from './condorcet.shared.js';

condorcetSuite(5, { describe, it, expect });
