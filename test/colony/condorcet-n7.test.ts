import { describe, expect, it } from 'vitest';
import { condorcetSuite } from './condorcet.shared.js';

condorcetSuite(7, { describe, it, expect });
