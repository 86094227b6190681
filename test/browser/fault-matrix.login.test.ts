// The fault matrix (test/helpers/fault-matrix.ts) against <passkey-login>: its options and its verify request.
import { faultMatrix, login } from '../helpers/fault-matrix.ts';

faultMatrix('<passkey-login>', [login('authenticate/options'), login('authenticate/verify')]);
