import type { ReadCache } from './read-cache'
import type { GasServices } from './services'
import type { CellCodec } from './values'

/** What the parts of the Sheets host share within one action. */
export interface BookContext {
  readonly gas: GasServices
  readonly cache: ReadCache
  readonly cells: CellCodec
  /** The acting user's email (asked once). */
  user(): string
  /** Now, `YYYY-MM-DD HH:mm:ss` in the spreadsheet's time zone. */
  now(): string
}
