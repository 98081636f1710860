/**
 * dist/cli.js: `nianbao` on the command line. Output to a pipe that closes early
 * (`nianbao check … | head -1`) ends the printing quietly; the run itself (and its --fix) completes
 * and exits with its own code.
 */
import { run, type CliIO } from './cli';

const closed = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed.add(stream);
  });
}
const write = (stream: NodeJS.WriteStream) => (s: string) => {
  if (!closed.has(stream)) stream.write(s + '\n');
};
const io: CliIO = { out: write(process.stdout), err: write(process.stderr) };

run(process.argv.slice(2), io).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    io.err(`nianbao: ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 2;
  },
);
