// The esbuild options every Node bundle of the project shares (dist/, tests, bench, the VS Code suite).
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};
