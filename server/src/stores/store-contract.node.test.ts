import { MemoryStore } from './memory.ts';
import { runStoreContract } from './store-contract.ts';

// The SQL stores run the contract beside their own tests (sqlite.node.test.ts, postgres.node.test.ts).
runStoreContract('memory', () => new MemoryStore());
