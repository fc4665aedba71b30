/**
 * `npm run lab [-- SCENARIO]`: start the DNS lab for a person to play with,
 * print the servers, scenarios and a dig/cutover example; Ctrl-C stops it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { addressesOf, startLab } from "./lab";
import { LAB_TSIG, SCENARIOS } from "./scenarios";

async function main(): Promise<void> {
  const name = process.argv[2] ?? "clean-move";
  const lab = await startLab({ scenario: name });
  const hints = join(lab.dir, "root.hints");
  writeFileSync(hints, lab.rootHints);
  const out = process.stdout;
  out.write(
    `Cutover DNS lab — scenario "${lab.scenario.name}": ${lab.scenario.description}\n\nservers (port ${lab.port}):\n`,
  );
  for (const s of lab.servers)
    out.write(
      `  ${s.role.padEnd(14)} ${s.impl.padEnd(5)} ${addressesOf(s).join(" ").padEnd(14)} ${s.names.join(", ")}  zones: ${s.zones.join(" ")}\n`,
    );
  out.write(`\nscenarios: ${SCENARIOS.map((s) => s.name).join(", ")}\n`);
  out.write(
    `root hints: ${hints}\nTSIG (old primary AXFR): ${LAB_TSIG.name}:${LAB_TSIG.algorithm}:${LAB_TSIG.secret}\n\n`,
  );
  out.write(`try:\n  dig @127.0.0.1 -p ${lab.port} project.test SOA +norec\n`);
  out.write(
    `  npx cutover query project.test --root-hints ${hints} --port ${lab.port} --allow-private --axfr --tsig ${LAB_TSIG.name}:${LAB_TSIG.algorithm}:${LAB_TSIG.secret}\n`,
  );
  out.write(
    `  npx cutover query project.test --ns ns1.newhost.test=127.0.0.5 --port ${lab.port} --allow-private\n\nCtrl-C stops the lab.\n`,
  );
  const stop = async () => {
    await lab.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e) => {
  process.stderr.write(`lab: ${(e as Error).message}\n`);
  process.exit(1);
});
