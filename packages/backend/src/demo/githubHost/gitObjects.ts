/**
 * A minimal Git object model for the loopback GitHub host (./githubServer.ts): blobs, trees,
 * commits and refs, content-addressed by SHA-1 like Git.
 * - A blob's SHA is Git's own (`sha1("blob <size>\0" + bytes)`), so it matches `git hash-object`.
 * - A tree is flat: repository path -> { mode, blob sha }. Its SHA is the SHA-1 of that listing
 *   (not Git's nested tree encoding); directories exist only as path prefixes.
 * - A commit has a tree, parents, a message, author and committer; its SHA is the SHA-1 of
 *   those, so the same commit made twice gets the same SHA, and a different one another.
 * - Refs are full names (`refs/heads/main`) pointing at commits; moving a branch moves its ref.
 */
import { createHash } from 'node:crypto';

export interface TreeEntry {
  /** '100644', '100755' or '120000' (symlink). */
  mode: string;
  sha: string;
}

/** path -> entry; paths are `/`-separated, without a leading slash. */
export type Tree = ReadonlyMap<string, TreeEntry>;

export interface Signature {
  name: string;
  email: string;
  /** ISO 8601, seconds precision. */
  date: string;
}

export interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: Signature;
  committer: Signature;
}

export interface FileChange {
  filename: string;
  status: 'added' | 'modified' | 'removed';
  /** The blob after the change (before it, for a removal). */
  sha: string;
}

/** A change to a tree: a blob at a path, or `sha: null` to remove the path. */
export interface TreeChange {
  path: string;
  mode?: string;
  sha: string | null;
}

const sha1 = (...parts: Array<string | Buffer>) => {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

export const isoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class GitRepository {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, Tree>();
  readonly commits = new Map<string, Commit>();
  /** Full ref name (`refs/heads/main`) -> commit sha. */
  readonly refs = new Map<string, string>();

  constructor(readonly defaultBranch = 'main') {}

  putBlob(content: Buffer): string {
    const sha = sha1(`blob ${content.length}\0`, content);
    this.blobs.set(sha, content);
    return sha;
  }

  putTree(entries: Tree): string {
    const sorted = new Map([...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const sha = sha1('tree\0', ...[...sorted].map(([path, e]) => `${e.mode} ${path}\0${e.sha}\n`));
    this.trees.set(sha, sorted);
    return sha;
  }

  /** A new tree: `base` (or empty) with `changes` applied. Throws for a blob it does not have. */
  treeWith(base: string | undefined, changes: readonly TreeChange[]): string {
    const entries = new Map(base !== undefined ? this.tree(base) : []);
    for (const change of changes) {
      const path = change.path.replace(/^\/+/, '');
      if (change.sha === null) {
        entries.delete(path);
        continue;
      }
      if (!this.blobs.has(change.sha)) throw new Error(`no blob ${change.sha}`);
      entries.set(path, { mode: change.mode ?? entries.get(path)?.mode ?? '100644', sha: change.sha });
    }
    return this.putTree(entries);
  }

  putCommit(input: { tree: string; parents: string[]; message: string; author: Signature; committer?: Signature }): Commit {
    if (!this.trees.has(input.tree)) throw new Error(`no tree ${input.tree}`);
    for (const p of input.parents) if (!this.commits.has(p)) throw new Error(`no commit ${p}`);
    const committer = input.committer ?? input.author;
    const sig = (s: Signature) => `${s.name} <${s.email}> ${s.date}`;
    const sha = sha1(
      `tree ${input.tree}\n`,
      ...input.parents.map((p) => `parent ${p}\n`),
      `author ${sig(input.author)}\ncommitter ${sig(committer)}\n\n${input.message}`,
    );
    const commit: Commit = { sha, tree: input.tree, parents: [...input.parents], message: input.message, author: input.author, committer };
    this.commits.set(sha, commit);
    return commit;
  }

  tree(sha: string): Tree {
    const tree = this.trees.get(sha);
    if (!tree) throw new Error(`no tree ${sha}`);
    return tree;
  }

  branch(name: string): string | undefined {
    return this.refs.get(`refs/heads/${name}`);
  }

  /**
   * A commit sha for what GitHub accepts as a ref in its URLs: a branch name (`main`,
   * `feature/x`), `heads/x`, `refs/heads/x`, or a commit sha (full, or 7+ hex digits).
   */
  resolve(ref: string): string | undefined {
    const full = ref.startsWith('refs/') ? ref : ref.startsWith('heads/') ? `refs/${ref}` : `refs/heads/${ref}`;
    const fromRef = this.refs.get(full);
    if (fromRef) return fromRef;
    if (/^[0-9a-f]{7,40}$/.test(ref)) {
      const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(ref));
      if (matches.length === 1) return matches[0];
    }
    return undefined;
  }

  /** The files of a commit: path -> bytes. */
  files(commitSha: string): Map<string, Buffer> {
    const commit = this.commits.get(commitSha);
    if (!commit) throw new Error(`no commit ${commitSha}`);
    return new Map([...this.tree(commit.tree)].map(([path, e]) => [path, this.blobs.get(e.sha)!]));
  }

  /**
   * Commits `changes` (content, or null to delete) on a branch, the way a push of one commit
   * would: its parent is the branch's head (none for a new branch), and the branch moves to it.
   */
  commitFiles(branch: string, changes: ReadonlyMap<string, Buffer | null>, message: string, author: Signature): Commit {
    const head = this.branch(branch);
    const base = head !== undefined ? this.commits.get(head)!.tree : undefined;
    const tree = this.treeWith(
      base,
      [...changes].map(([path, content]) => ({ path, sha: content === null ? null : this.putBlob(content) })),
    );
    const commit = this.putCommit({ tree, parents: head !== undefined ? [head] : [], message, author });
    this.refs.set(`refs/heads/${branch}`, commit.sha);
    return commit;
  }

  /** `sha` and every commit reachable from it. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return seen;
  }

  /** The nearest common ancestor of two commits (breadth first from `a`), if any. */
  mergeBase(a: string, b: string): string | undefined {
    const ofB = this.ancestors(b);
    const queue = [a];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (ofB.has(next)) return next;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return undefined;
  }

  /** Commits reachable from `head` and not from `base`, oldest first (what a PR shows). */
  commitsBetween(base: string, head: string): Commit[] {
    const exclude = this.ancestors(base);
    return [...this.ancestors(head)].filter((sha) => !exclude.has(sha)).map((sha) => this.commits.get(sha)!).reverse();
  }

  /** The file changes from tree `a` (undefined: empty) to tree `b`, by path. */
  diff(a: string | undefined, b: string): FileChange[] {
    const before = a !== undefined ? this.tree(a) : new Map<string, TreeEntry>();
    const after = this.tree(b);
    const out: FileChange[] = [];
    for (const [path, e] of after) {
      const old = before.get(path);
      if (!old) out.push({ filename: path, status: 'added', sha: e.sha });
      else if (old.sha !== e.sha || old.mode !== e.mode) out.push({ filename: path, status: 'modified', sha: e.sha });
    }
    for (const [path, e] of before) if (!after.has(path)) out.push({ filename: path, status: 'removed', sha: e.sha });
    return out.sort((x, y) => x.filename.localeCompare(y.filename));
  }

  /**
   * Git's recursive tree listing of a tree: its directories (type tree, with a SHA made from
   * their content) and files (type blob), sorted by path.
   */
  listing(treeSha: string): Array<{ path: string; mode: string; type: 'blob' | 'tree'; sha: string; size?: number }> {
    const tree = this.tree(treeSha);
    const dirs = new Map<string, string[]>();
    for (const [path, e] of tree) {
      const segments = path.split('/');
      for (let i = 1; i < segments.length; i++) {
        const dir = segments.slice(0, i).join('/');
        if (!dirs.has(dir)) dirs.set(dir, []);
        dirs.get(dir)!.push(`${e.mode} ${path} ${e.sha}`);
      }
    }
    return [
      ...[...dirs].map(([path, lines]) => ({ path, mode: '040000', type: 'tree' as const, sha: sha1('dir\0', ...lines.sort()) })),
      ...[...tree].map(([path, e]) => ({ path, mode: e.mode, type: 'blob' as const, sha: e.sha, size: this.blobs.get(e.sha)!.length })),
    ].sort((x, y) => x.path.localeCompare(y.path));
  }
}
