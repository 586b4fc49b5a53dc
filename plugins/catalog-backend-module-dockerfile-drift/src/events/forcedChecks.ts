/**
 * Entities whose next processing must check their Dockerfiles even within
 * `revalidateAfter`: a push touched them, or a refresh through the plugin asked for it.
 * References compare case-insensitively, as the catalog's do. Bounded in size and time, so a flood of events
 * cannot grow it without end; a mark not consumed in ten minutes is dropped (the entity was
 * processed by another replica, or removed).
 */
const TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 20_000;

export class ForcedChecks {
  private readonly marks = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  mark(ref: string): void {
    const entityRef = ref.toLocaleLowerCase('en-US');
    this.marks.delete(entityRef);
    // Map keeps insertion order: the oldest mark goes first
    if (this.marks.size >= MAX_ENTRIES) this.marks.delete(this.marks.keys().next().value!);
    this.marks.set(entityRef, this.now() + TTL_MS);
  }

  /** Whether the entity is marked; consumes the mark. */
  take(ref: string): boolean {
    const entityRef = ref.toLocaleLowerCase('en-US');
    const until = this.marks.get(entityRef);
    if (until === undefined) return false;
    this.marks.delete(entityRef);
    return until >= this.now();
  }

  get size(): number {
    return this.marks.size;
  }
}
