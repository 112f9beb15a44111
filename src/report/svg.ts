/**
 * Tiny inline-SVG chart helpers for the offline report: a line chart, a histogram, stacked bars (negative
 * parts stack below zero) and grouped bars. Pure string building, no scripts, every text escaped, so the
 * page works as a saved file, printed, or opened without network.
 */

export const FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"

/** A qualitative palette that stays distinguishable when printed. */
export const PALETTE = [
  '#1a73e8',
  '#e8710a',
  '#188038',
  '#d93025',
  '#9334e6',
  '#12b5cb',
  '#f9ab00',
  '#795548',
  '#e52592',
  '#5f6368',
  '#3949ab',
  '#7cb342',
] as const

export function color(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#1a73e8'
}

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Round for SVG coordinates (two decimals keep files small and stable in tests). */
function r2(n: number): string {
  return String(Number(n.toFixed(2)))
}

/** "Nice" axis ticks covering [min, max] with about `count` steps (1, 2, 2.5, 5 × 10^k). */
export function niceTicks(min: number, max: number, count = 5, integer = false): number[] {
  let lo = Math.min(min, max)
  let hi = Math.max(min, max)
  if (lo === hi) {
    lo -= 1
    hi += 1
  }
  const raw = (hi - lo) / Math.max(1, count)
  const mag = 10 ** Math.floor(Math.log10(raw))
  const nice = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag
  const step = integer ? Math.max(1, Math.ceil(nice)) : nice
  const start = Math.floor(lo / step) * step
  const end = Math.ceil(hi / step) * step
  const ticks: number[] = []
  for (let v = start; v <= end + step / 1e6; v += step) ticks.push(Math.round(v / step) * step)
  return ticks.map((t) => Number(t.toPrecision(12)))
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)))
}

interface Frame {
  readonly width: number
  readonly height: number
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
}

function open(frame: Frame, title: string, kind: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="${escapeXml(kind)}" ` +
    `viewBox="0 0 ${frame.width} ${frame.height}" width="100%" role="img" aria-label="${escapeXml(title)}" ` +
    `font-family="${escapeXml(FONT)}" font-size="12">` +
    `<title>${escapeXml(title)}</title>`
  )
}

/** Y axis with grid lines; returns the SVG and the value → y mapping. */
function yAxis(frame: Frame, ticks: number[]): { svg: string; y: (v: number) => number } {
  const lo = ticks[0] ?? 0
  const hi = ticks[ticks.length - 1] ?? 1
  const plotH = frame.height - frame.top - frame.bottom
  const y = (v: number) => frame.top + plotH - ((v - lo) / (hi - lo || 1)) * plotH
  const parts = ticks.map((t) => {
    const yy = r2(y(t))
    const stroke = t === 0 && lo < 0 ? '#9aa0a6' : '#e0e0e0'
    return (
      `<line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${yy}" y2="${yy}" stroke="${stroke}"/>` +
      `<text x="${frame.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle" fill="#5f6368">${formatTick(t)}</text>`
    )
  })
  return { svg: `<g class="y-axis">${parts.join('')}</g>`, y }
}

/** `every` null: thin out to at most 16 labels (months, bins); 1: every label (names must all show). */
function xLabels(
  frame: Frame,
  labels: readonly string[],
  x: (i: number) => number,
  every: number | null = null,
): string {
  const slot = labels.length > 0 ? (frame.width - frame.left - frame.right) / labels.length : 0
  const step = every ?? Math.max(1, Math.ceil(labels.length / 16))
  // Names that would not fit side by side get a smaller font.
  const size = every !== null && slot < 40 ? ' font-size="9"' : ''
  const parts = labels.map((label, i) =>
    i % step === 0
      ? `<text x="${r2(x(i))}" y="${frame.height - frame.bottom + 16}" text-anchor="middle" fill="#5f6368"${size}>${escapeXml(label)}</text>`
      : '',
  )
  return `<g class="x-axis">${parts.join('')}</g>`
}

function legend(frame: Frame, items: readonly { name: string; color: string }[], y: number): string {
  const perRow = Math.max(1, Math.floor((frame.width - frame.left - frame.right) / 110))
  const parts = items.map((item, i) => {
    const x = frame.left + (i % perRow) * 110
    const yy = y + Math.floor(i / perRow) * 16
    return (
      `<rect x="${x}" y="${yy - 9}" width="10" height="10" fill="${escapeXml(item.color)}"/>` +
      `<text x="${x + 14}" y="${yy}" fill="#3c4043">${escapeXml(item.name)}</text>`
    )
  })
  return `<g class="legend">${parts.join('')}</g>`
}

/** The frame grown at the bottom to fit a legend of `count` items, and the legend's top. */
function withLegend(base: Frame, count: number): { frame: Frame; legendY: number } {
  const perRow = Math.max(1, Math.floor((base.width - base.left - base.right) / 110))
  const legendH = Math.ceil(count / perRow) * 16
  const frame: Frame = { ...base, height: base.height + legendH + 8, bottom: base.bottom + legendH + 8 }
  return { frame, legendY: frame.height - legendH + 4 }
}

function empty(frame: Frame, title: string, kind: string): string {
  return `${open(frame, title, kind)}<text x="${frame.width / 2}" y="${frame.height / 2}" text-anchor="middle" fill="#5f6368">暂无数据</text></svg>`
}

export interface LineSeries {
  readonly name: string
  /** One value per label; null leaves a gap (month not scored). */
  readonly values: readonly (number | null)[]
  readonly color?: string
  readonly strokeWidth?: number
  readonly dashed?: boolean
}

/** Line chart: one polyline path per series, gaps where a value is missing, a dot per point. */
export function lineChart(opts: {
  readonly title: string
  readonly labels: readonly string[]
  readonly series: readonly LineSeries[]
  readonly width?: number
  readonly height?: number
}): string {
  const values = opts.series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  const base: Frame = {
    width: opts.width ?? 760,
    height: opts.height ?? 320,
    left: 44,
    right: 16,
    top: 16,
    bottom: 28,
  }
  if (values.length === 0 || opts.labels.length === 0) return empty(base, opts.title, 'line')
  const { frame, legendY } = withLegend(base, opts.series.length)
  const ticks = niceTicks(Math.min(...values), Math.max(...values))
  const axis = yAxis(frame, ticks)
  const plotW = frame.width - frame.left - frame.right
  const n = opts.labels.length
  const x = (i: number) => frame.left + (n === 1 ? plotW / 2 : (i / (n - 1)) * plotW)
  const lines = opts.series.map((s, si) => {
    const stroke = s.color ?? color(si)
    let d = ''
    let pen = false
    const dots: string[] = []
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false
        return
      }
      d += `${pen ? 'L' : 'M'}${r2(x(i))} ${r2(axis.y(v))}`
      pen = true
      dots.push(`<circle cx="${r2(x(i))}" cy="${r2(axis.y(v))}" r="2.5" fill="${escapeXml(stroke)}"/>`)
    })
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : ''
    return (
      `<g class="series" data-series="${escapeXml(s.name)}"><title>${escapeXml(s.name)}</title>` +
      (!d.includes('L')
        ? ''
        : `<path d="${d}" fill="none" stroke="${escapeXml(stroke)}" stroke-width="${s.strokeWidth ?? 1.6}"${dash} stroke-linejoin="round"/>`) +
      `${dots.join('')}</g>`
    )
  })
  return (
    open(frame, opts.title, 'line') +
    axis.svg +
    xLabels(frame, opts.labels, x) +
    lines.join('') +
    legend(
      frame,
      opts.series.map((s, i) => ({ name: s.name, color: s.color ?? color(i) })),
      legendY,
    ) +
    '</svg>'
  )
}

export interface Bar {
  readonly label: string
  readonly value: number
  readonly color?: string
}

/** Vertical bars, one per item (used for the score histogram); the count is printed above each bar. */
export function barChart(opts: {
  readonly title: string
  readonly bars: readonly Bar[]
  readonly width?: number
  readonly height?: number
  readonly kind?: string
}): string {
  const frame: Frame = {
    width: opts.width ?? 760,
    height: opts.height ?? 260,
    left: 44,
    right: 16,
    top: 20,
    bottom: 28,
  }
  const kind = opts.kind ?? 'bar'
  if (opts.bars.length === 0) return empty(frame, opts.title, kind)
  const values = opts.bars.map((b) => b.value)
  const ticks = niceTicks(Math.min(0, ...values), Math.max(1, ...values), 5, values.every(Number.isInteger))
  const axis = yAxis(frame, ticks)
  const slot = (frame.width - frame.left - frame.right) / opts.bars.length
  const x = (i: number) => frame.left + slot * i + slot / 2
  const bars = opts.bars.map((b, i) => {
    const y0 = axis.y(0)
    const y1 = axis.y(b.value)
    const top = Math.min(y0, y1)
    const w = slot * 0.72
    const c = b.color ?? color(0)
    return (
      `<g class="bar" data-label="${escapeXml(b.label)}" data-value="${b.value}"><title>${escapeXml(`${b.label}：${b.value}`)}</title>` +
      `<path d="M${r2(x(i) - w / 2)} ${r2(y0)}V${r2(y1)}H${r2(x(i) + w / 2)}V${r2(y0)}Z" fill="${escapeXml(c)}"/>` +
      (b.value !== 0
        ? `<text x="${r2(x(i))}" y="${r2(top - 4)}" text-anchor="middle" fill="#3c4043">${formatTick(b.value)}</text>`
        : '') +
      '</g>'
    )
  })
  return `${open(frame, opts.title, kind)}${axis.svg}${xLabels(
    frame,
    opts.bars.map((b) => b.label),
    x,
  )}${bars.join('')}</svg>`
}

export interface StackPart {
  readonly name: string
  readonly color: string
  /** One value per category. */
  readonly values: readonly number[]
}

/**
 * Stacked bars: positive parts stack up from zero, negative parts stack down, so a component below zero
 * (an attendance deduction, a quality deduction beyond the base) stays visible and honest.
 */
export function stackedBars(opts: {
  readonly title: string
  readonly categories: readonly string[]
  readonly parts: readonly StackPart[]
  readonly width?: number
  readonly height?: number
  readonly kind?: string
}): string {
  const base: Frame = {
    width: opts.width ?? 760,
    height: opts.height ?? 300,
    left: 44,
    right: 16,
    top: 16,
    bottom: 28,
  }
  const kind = opts.kind ?? 'stacked'
  if (opts.categories.length === 0) return empty(base, opts.title, kind)
  const { frame, legendY } = withLegend(base, opts.parts.length)
  let lo = 0
  let hi = 0
  opts.categories.forEach((_, i) => {
    let up = 0
    let down = 0
    for (const p of opts.parts) {
      const v = p.values[i] ?? 0
      if (v >= 0) up += v
      else down += v
    }
    hi = Math.max(hi, up)
    lo = Math.min(lo, down)
  })
  const ticks = niceTicks(lo, Math.max(hi, 1))
  const axis = yAxis(frame, ticks)
  const slot = (frame.width - frame.left - frame.right) / opts.categories.length
  const x = (i: number) => frame.left + slot * i + slot / 2
  const w = Math.min(36, slot * 0.7)
  const groups = opts.categories.map((cat, i) => {
    let up = 0
    let down = 0
    const segs = opts.parts.map((p) => {
      const v = p.values[i] ?? 0
      if (v === 0) return ''
      const from = v >= 0 ? up : down
      const to = from + v
      if (v >= 0) up = to
      else down = to
      const y0 = axis.y(from)
      const y1 = axis.y(to)
      return (
        `<path d="M${r2(x(i) - w / 2)} ${r2(y0)}V${r2(y1)}H${r2(x(i) + w / 2)}V${r2(y0)}Z" fill="${escapeXml(p.color)}">` +
        `<title>${escapeXml(`${cat} ${p.name}：${formatTick(v)}`)}</title></path>`
      )
    })
    return `<g class="stack" data-label="${escapeXml(cat)}">${segs.join('')}</g>`
  })
  return (
    open(frame, opts.title, kind) +
    axis.svg +
    xLabels(frame, opts.categories, x, 1) +
    groups.join('') +
    legend(frame, opts.parts, legendY) +
    '</svg>'
  )
}

/** Grouped bars: for each category, one bar per series side by side (stars and alerts by month). */
export function groupedBars(opts: {
  readonly title: string
  readonly categories: readonly string[]
  readonly series: readonly StackPart[]
  readonly width?: number
  readonly height?: number
  readonly kind?: string
}): string {
  const base: Frame = {
    width: opts.width ?? 760,
    height: opts.height ?? 260,
    left: 44,
    right: 16,
    top: 20,
    bottom: 28,
  }
  const kind = opts.kind ?? 'grouped'
  if (opts.categories.length === 0) return empty(base, opts.title, kind)
  const { frame, legendY } = withLegend(base, opts.series.length)
  const all = opts.series.flatMap((s) => [...s.values])
  const ticks = niceTicks(0, Math.max(1, ...all), 5, all.every(Number.isInteger))
  const axis = yAxis(frame, ticks)
  const slot = (frame.width - frame.left - frame.right) / opts.categories.length
  const x = (i: number) => frame.left + slot * i + slot / 2
  const n = Math.max(1, opts.series.length)
  const w = Math.min(18, (slot * 0.8) / n)
  const groups = opts.categories.map((cat, i) => {
    const bars = opts.series.map((s, si) => {
      const v = s.values[i] ?? 0
      if (v === 0) return ''
      const left = x(i) - (w * n) / 2 + si * w
      const y0 = axis.y(0)
      const y1 = axis.y(v)
      return (
        `<path d="M${r2(left)} ${r2(y0)}V${r2(y1)}H${r2(left + w)}V${r2(y0)}Z" fill="${escapeXml(s.color)}">` +
        `<title>${escapeXml(`${cat} ${s.name}：${formatTick(v)}`)}</title></path>`
      )
    })
    return `<g class="group" data-label="${escapeXml(cat)}">${bars.join('')}</g>`
  })
  return (
    open(frame, opts.title, kind) +
    axis.svg +
    xLabels(frame, opts.categories, x, 1) +
    groups.join('') +
    legend(frame, opts.series, legendY) +
    '</svg>'
  )
}
