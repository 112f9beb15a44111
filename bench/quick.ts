/** `node --import tsx bench/quick.ts [operators…]`: engine time only (bundled engine), after a warm-up year. */
import { bundledEngine } from './bundle'

const { engineYear } = await bundledEngine()
engineYear(18)
for (const arg of process.argv.slice(2)) {
  const r = engineYear(Number(arg))
  console.log(
    `${r.n}: total ${r.total.toFixed(0)} ms, cpu ${r.cpu.toFixed(0)} ms, host reads ${r.reads.toFixed(0)} ms (months ${r.months.toFixed(0)}, quarters ${r.quarters.toFixed(0)}, year ${r.year.toFixed(0)})`,
  )
}
