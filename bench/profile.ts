/** `node --cpu-prof --import tsx bench/profile.ts [operators] [runs]`: years of closes, for the profiler. */
import { engineYear } from './engine'

const n = Number(process.argv[2] ?? 500)
const runs = Number(process.argv[3] ?? 1)
for (let i = 0; i < runs; i++) {
  const r = engineYear(n)
  console.log(`${n} operators: ${r.total.toFixed(0)} ms engine time`)
}
