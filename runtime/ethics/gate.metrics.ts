/**
 * Prometheus metrics of the ethics gate, always on an injected Registry (never prom-client's global default),
 * so that embedding lukhas registers nothing anywhere until the host passes a registry.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

/** The gate's instruments. */
export interface GateMetrics {
  verdicts: Counter<'verdict' | 'category' | 'stage'>;
  interventions: Counter<'kind' | 'category'>;
  checkerErrors: Counter<'checker' | 'reason'>;
  alignment: Gauge;
  /** Records one verdict's risk score into the alignment window. */
  observeRisk(risk: number): void;
}

/**
 * Creates the gate metrics on `registry`:
 * `lukhas_gate_verdicts_total{verdict,category,stage}`, `lukhas_gate_interventions_total{kind,category}` (kind
 * blocked | healed | redacted | heal-failed), `lukhas_gate_checker_errors_total{checker,reason}` (reason error |
 * timeout), and `lukhas_gate_alignment_score`: the mean of (1 − risk score) over the last `window` verdicts.
 */
export function createGateMetrics(registry: Registry, window = 100): GateMetrics {
  const risks: number[] = [];
  const alignment = new Gauge({ name: 'lukhas_gate_alignment_score', help: 'Mean of 1 - risk score over the last verdicts of the ethics gate (1 = nothing flagged).', registers: [registry] });
  alignment.set(1);
  return {
    verdicts: new Counter({ name: 'lukhas_gate_verdicts_total', help: 'Ethics gate verdicts.', labelNames: ['verdict', 'category', 'stage'] as const, registers: [registry] }),
    interventions: new Counter({ name: 'lukhas_gate_interventions_total', help: 'Ethics gate interventions: blocks, healings, redactions.', labelNames: ['kind', 'category'] as const, registers: [registry] }),
    checkerErrors: new Counter({ name: 'lukhas_gate_checker_errors_total', help: 'Checker failures and missed deadlines (each blocks the call).', labelNames: ['checker', 'reason'] as const, registers: [registry] }),
    alignment,
    observeRisk(risk: number) {
      risks.push(risk);
      if (risks.length > window) risks.shift();
      alignment.set(1 - risks.reduce((a, b) => a + b, 0) / risks.length);
    },
  };
}
