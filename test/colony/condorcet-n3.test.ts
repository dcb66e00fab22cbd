import { describe, expect, it } from 'vitest';
import { condorcetSuite } from './condorcet.shared.js';

condorcetSuite(3, { describe, it, expect });
