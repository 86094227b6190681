// The fault matrix (test/helpers/fault-matrix.ts) against <passkey-register>: its options and its verify request.
import { faultMatrix, register } from '../helpers/fault-matrix.ts';

faultMatrix('<passkey-register>', [register('register/options'), register('register/verify')]);
