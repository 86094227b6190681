import common from './en-common.ts';
import manager from './en-manager.ts';
import recovery from './en-recovery.ts';

/**
 * The English strings, and the shape every other locale must match key for key. Kept in parts, one per element
 * that alone needs them (en-common.ts, en-manager.ts, en-recovery.ts), so each element bundles only its own.
 */
const en = { ...common, ...manager, ...recovery };

export type PasskeyStrings = typeof en;
export default en;
