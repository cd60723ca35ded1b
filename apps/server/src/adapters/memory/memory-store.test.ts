import { describeStore } from '../../testing/store-conformance.js';
import { MemoryStore } from './memory-store.js';

describeStore('memory', () => new MemoryStore());
