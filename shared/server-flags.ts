/**
 * The Node flags the VS Code client starts the language server with (client/src/extension.ts), and the
 * benchmark measures it with (bench/bench.ts). Both keep the long-running server's memory down, and
 * were measured to cost no latency worth the name (bench/RESULTS.md, issue 14):
 *
 * - `--max-semi-space-size=1`: a young generation of 1 MB instead of up to 16 MB per semi-space, which
 *   a check of a large draft grows to and V8 keeps.
 * - `--no-concurrent-recompilation`: optimized code is compiled on the main thread. Compiled on V8's
 *   worker threads, the compiler's memory comes from their own malloc arenas, which keep it: 10–25 MB of
 *   RSS after a large draft was checked, for compilation the server needs only while it warms up.
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=1', '--no-concurrent-recompilation'];
