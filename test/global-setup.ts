// Once before the suite: dist/ built from the sources as they are (scripts/build.mjs), so the tests
// that start the CLI or the bot in a process of their own run the compiled modules, as `npm start`
// does, instead of compiling the TypeScript again in every process (tsx: ≈1 s of each of ~100
// processes, a tenth of CI).
export default async function setup(): Promise<void> {
  const { build } = (await import("../scripts/build.mjs" as string)) as { build: () => Promise<void> };
  await build();
}
