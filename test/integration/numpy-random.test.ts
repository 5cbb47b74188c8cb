/**
 * Live parity with NumPy: the test picks fresh random seeds and log() inputs on every run,
 * asks the project's NumPy (.venv) for its legacy RandomState draws and its C library log(),
 * and compares bit for bit. Complements the committed vectors in test/fixtures.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { randomInt } from "node:crypto";
import { resolve } from "node:path";
import { RandomState } from "../../lib/index";
import { glibcLog } from "../../lib/random/glibcLog";
import {
  firstBitDifference,
  loadNumpyVectors,
  runOp,
  type Op,
  type SeedVectors,
} from "../fixtures/numpy-vectors";

const PYTHON = resolve(__dirname, "../../.venv/bin/python");

const NUMPY_SCRIPT = `
import json, math, sys
import numpy as np
req = json.load(sys.stdin)
def run_op(rs, seed, op):
    name = op[0]
    if name == "seed":
        rs.seed(seed); return None
    if name == "random_sample": return rs.random_sample(op[1]).tolist()
    if name == "standard_normal": return rs.standard_normal(op[1]).tolist()
    if name == "normal": return rs.normal(loc=op[1], scale=op[2], size=tuple(op[3])).tolist()
    if name == "permutation": return rs.permutation(op[1]).tolist()
    if name == "randint": return rs.randint(op[1], op[2], size=tuple(op[3])).tolist()
out = {"numpy": np.__version__, "seeds": [], "log": [math.log(x) for x in req["logInputs"]]}
for seed in req["seeds"]:
    np.random.seed(seed)
    w1 = np.random.normal(scale=0.5, size=(4, 2)).tolist()
    w2 = np.random.normal(scale=0.5, size=(2, 3)).tolist()
    rs = np.random.RandomState(seed)
    out["seeds"].append({
        "uint32": [int(v) for v in np.random.RandomState(seed)._bit_generator.random_raw(300)],
        "randomSample": np.random.RandomState(seed).random_sample(300).tolist(),
        "standardNormal": np.random.RandomState(seed).standard_normal(1001).tolist(),
        "tutorialNormal": [w1, w2],
        "permutations": {str(n): np.random.RandomState(seed).permutation(n).tolist() for n in req["sizes"]},
        "interleaved": [run_op(rs, seed, op) for op in req["ops"]],
    })
print(json.dumps(out))
`;

/** What live NumPy answers per seed: the committed vectors' fields, without the seed. */
type LiveSeed = Omit<SeedVectors, "seed">;

function askNumpy(request: object): { numpy: string; seeds: LiveSeed[]; log: number[] } {
  assert.ok(
    existsSync(PYTHON),
    `${PYTHON} not found: the live NumPy comparison needs the project venv; ` +
      "create it with `npm run setup` (scripts/setup.sh)",
  );
  const run = spawnSync(PYTHON, ["-c", NUMPY_SCRIPT], {
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `NumPy script failed (${run.error ?? ""}): ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function assertBitIdentical(actual: number[], expected: number[], what: string): void {
  const i = firstBitDifference(actual, expected);
  assert.equal(
    i,
    -1,
    `${what}: first difference at index ${i}: ${actual[i]} vs NumPy ${expected[i]}`,
  );
}

const seeds = [randomInt(0, 2 ** 32), randomInt(0, 2 ** 32), randomInt(0, 1000)];
const sizes = [150, randomInt(2, 2000)];
const ops = loadNumpyVectors().interleavedOps as Op[];
const inputSource = new RandomState(randomInt(0, 2 ** 32));
const logInputs = [
  ...Array.from({ length: 3000 }, () => inputSource.randomSample()).filter((x) => x > 0),
  ...Array.from({ length: 1000 }, () => 0.93 + 0.14 * inputSource.randomSample()),
  ...Array.from({ length: 1000 }, () => Math.exp((inputSource.randomSample() - 0.5) * 1400)),
];

test(`live NumPy, seeds ${seeds.join(", ")}, permutation sizes ${sizes.join(", ")}`, async (t) => {
  const live = askNumpy({ seeds, sizes, ops, logInputs });

  await t.test("C library log() equals glibcLog on fresh random inputs", () => {
    assertBitIdentical(logInputs.map(glibcLog), live.log, "log");
  });

  for (const [k, seed] of seeds.entries()) {
    const want = live.seeds[k];
    await t.test(`seed ${seed}: raw words, random_sample, standard_normal`, () => {
      const a = new RandomState(seed);
      assertBitIdentical(
        want.uint32.map(() => a.randomUint32()),
        want.uint32,
        "uint32",
      );
      const b = new RandomState(seed);
      assertBitIdentical(
        want.randomSample.map(() => b.randomSample()),
        want.randomSample,
        "random_sample",
      );
      const c = new RandomState(seed);
      assertBitIdentical(
        want.standardNormal.map(() => c.standardNormal()),
        want.standardNormal,
        "standard_normal",
      );
    });

    await t.test(`seed ${seed}: tutorial weights normal(scale=0.5) (4,2) then (2,3)`, () => {
      const rng = new RandomState(0);
      rng.seed(seed);
      const got = [...rng.normal(0, 0.5, [4, 2]).flat(), ...rng.normal(0, 0.5, [2, 3]).flat()];
      assertBitIdentical(got, want.tutorialNormal.flat(2), "normal");
    });

    await t.test(`seed ${seed}: permutation and interleaved calls`, () => {
      for (const n of sizes) {
        assert.deepEqual(
          new RandomState(seed).permutation(n),
          want.permutations[String(n)],
          `n=${n}`,
        );
      }
      const rng = new RandomState(seed);
      ops.forEach((op, i) => {
        const got = runOp(rng, seed, op);
        const expected = want.interleaved[i];
        if (got === null || expected === null) return assert.equal(got, expected);
        assertBitIdentical(got.flat(), expected.flat(), `op ${i} ${JSON.stringify(op)}`);
      });
    });
  }
});
