// The private test kit (CONVENTIONS.md rule 14): every package's tests and the benchmarks import
// their helpers from here, never from another package's test folder.
export { until } from './until.js';
