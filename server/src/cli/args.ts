/** A command's arguments (node:util parseArgs), with a bad argument and `--help` answered alike by every command. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIO } from './cli';

/**
 * The parsed arguments, or the exit code when there is nothing more to do: 2 for a bad argument (said with
 * the usage), 0 for `--help` (the usage printed). `config.options` holds the command's `help` option.
 */
export function commandArgs<const T extends ParseArgsConfig>(config: T, usage: string, io: CliIO): ReturnType<typeof parseArgs<T>> | number {
  let args: ReturnType<typeof parseArgs<T>>;
  try {
    args = parseArgs(config);
  } catch (e) {
    io.err(`nianbao: ${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if ((args.values as { help?: boolean }).help) {
    io.out(usage);
    return 0;
  }
  return args;
}
