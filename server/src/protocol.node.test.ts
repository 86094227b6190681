// The protocol suite on the memory store. SQLite and PostgreSQL run the same suite beside their adapters.
import { runProtocolSuite } from './protocol-suite.ts';
import { MemoryStore } from './stores/memory.ts';

runProtocolSuite('memory', () => new MemoryStore());
