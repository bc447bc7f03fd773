// npm run bench: placeholder until the synthetic corpus lands.
export async function runBench(_argv: string[]): Promise<number> {
  console.log("bench: not yet implemented");
  return 0;
}
if (process.argv[1] && /bench\.(ts|js)$/.test(process.argv[1])) void runBench(process.argv.slice(2));
