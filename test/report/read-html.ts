/** Reads numbers back out of the generated HTML (tables marked data-table, cells marked data-k). */

export function unescapeHtml(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** The inner HTML of `<table data-table="name">`. */
export function tableHtml(html: string, name: string): string {
  const start = html.indexOf(`<table data-table="${name}"`)
  if (start < 0) throw new Error(`table ${name} not found`)
  const end = html.indexOf('</table>', start)
  return html.slice(start, end)
}

/** Rows of a table as maps data-k → text, keyed by an attribute of the <tr> (default data-id). */
export function rows(html: string, name: string, key = 'data-id'): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>()
  const body = tableHtml(html, name)
  for (const tr of body.matchAll(/<tr([^>]*)>(.*?)<\/tr>/gs)) {
    const attrs = tr[1] ?? ''
    const id = new RegExp(`${key}="([^"]*)"`).exec(attrs)?.[1]
    if (id === undefined) continue
    const cells = new Map<string, string>()
    for (const td of (tr[2] ?? '').matchAll(/<td[^>]*data-k="([^"]+)"[^>]*>(.*?)<\/td>/gs)) {
      cells.set(td[1] ?? '', unescapeHtml(td[2] ?? ''))
    }
    out.set(unescapeHtml(id), cells)
  }
  return out
}

/** The text of the first element carrying data-k="key" (cards, header fields). */
export function field(html: string, key: string): string {
  const m = new RegExp(`<[a-z][a-z0-9]*[^>]*\\sdata-k="${key}"[^>]*>(.*?)</`, 's').exec(html)
  if (!m) throw new Error(`field ${key} not found`)
  return unescapeHtml(m[1] ?? '')
}

/** The <svg data-chart="kind"> element. */
export function chart(html: string, kind: string): string {
  const start = html.indexOf(`data-chart="${kind}"`)
  if (start < 0) throw new Error(`chart ${kind} not found`)
  return html.slice(start, html.indexOf('</svg>', start))
}
