import { FactError } from '../../core/facts.js';
import type { CallRecorder } from '../../core/facts.js';

interface ProbeBase {
  host: string;
  port: number;
  servername?: string;
  timeoutMs: number;
}

// Placeholder until the raw ClientHello layer (wire/) lands.
export async function probeProtocols(_rec: CallRecorder, _base: ProbeBase): Promise<never> {
  throw new FactError({ kind: 'other', message: 'protocol probing is not available yet' });
}

export async function probeSuites(_rec: CallRecorder, _base: ProbeBase, _version: string): Promise<never> {
  throw new FactError({ kind: 'other', message: 'suite probing is not available yet' });
}
