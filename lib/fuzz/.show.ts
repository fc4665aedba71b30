import fc from "fast-check";
import { zoneArb } from "./generators";
import { loadSeeds } from "./seeds";
import { checkInput } from "./targets";
const [seed, path] = process.argv.slice(2);
const [x] = fc.sample(zoneArb(loadSeeds()), { seed: Number(seed), path, numRuns: 1 });
console.log(JSON.stringify(x));
console.log(checkInput(x));
