/**
 * The JSON shapes the loopback GitHub host answers with (users, repositories, commits, refs,
 * pull requests), as GitHub's REST API spells them, with URLs on this host.
 */
import type { Commit } from './gitObjects';
import { slug, type GitHubState, type Pull, type Repo } from './hostState';

export class GitHubViews {
  constructor(private readonly state: GitHubState) {}

  private get base() {
    return this.state.baseUrl;
  }

  private get api() {
    return this.state.apiUrl;
  }

  userJson(name: string) {
    return { login: name, id: 1, node_id: `U_${name}`, type: name === this.state.login ? 'User' : 'Organization', html_url: `${this.base}/${name}` };
  }

  repoJson(repo: Repo, authed: boolean) {
    const url = `${this.api}/repos/${slug(repo)}`;
    return {
      id: repo.id,
      node_id: `R_${repo.id}`,
      name: repo.name,
      full_name: slug(repo),
      owner: this.userJson(repo.owner),
      private: false,
      visibility: 'public',
      fork: false,
      html_url: `${this.base}/${slug(repo)}`,
      url,
      archive_url: `${url}/{archive_format}{/ref}`,
      trees_url: `${url}/git/trees{/sha}`,
      blobs_url: `${url}/git/blobs{/sha}`,
      commits_url: `${url}/commits{/sha}`,
      contents_url: `${url}/contents/{+path}`,
      pulls_url: `${url}/pulls{/number}`,
      git_refs_url: `${url}/git/refs{/sha}`,
      default_branch: repo.git.defaultBranch,
      // What GitHub adds for an authenticated caller; the PR plugin needs it ("Missing authentication" otherwise).
      ...(authed ? { permissions: { admin: true, maintain: true, push: true, triage: true, pull: true } } : {}),
    };
  }

  gitCommitJson(repo: Repo, c: Commit) {
    const { api, base } = this;
    return {
      sha: c.sha,
      node_id: `C_${c.sha}`,
      url: `${api}/repos/${slug(repo)}/git/commits/${c.sha}`,
      html_url: `${base}/${slug(repo)}/commit/${c.sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.tree, url: `${api}/repos/${slug(repo)}/git/trees/${c.tree}` },
      parents: c.parents.map((p) => ({ sha: p, url: `${api}/repos/${slug(repo)}/git/commits/${p}`, html_url: `${base}/${slug(repo)}/commit/${p}` })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
    };
  }

  commitJson(repo: Repo, c: Commit) {
    const { sha, node_id, html_url, parents, ...commit } = this.gitCommitJson(repo, c);
    const author = this.userJson(this.state.login);
    const committer = this.userJson(this.state.login);
    return { sha, node_id, url: `${this.api}/repos/${slug(repo)}/commits/${sha}`, html_url, commit: { ...commit, url: this.gitCommitJson(repo, c).url }, author, committer, parents };
  }

  refJson(repo: Repo, ref: string) {
    return {
      ref,
      node_id: `REF_${ref}`,
      url: `${this.api}/repos/${slug(repo)}/git/${ref}`,
      object: { sha: repo.git.refs.get(ref)!, type: 'commit', url: `${this.api}/repos/${slug(repo)}/git/commits/${repo.git.refs.get(ref)!}` },
    };
  }

  branchJson(repo: Repo, branch: string, sha: string) {
    return { label: `${repo.owner}:${branch}`, ref: branch, sha, user: this.userJson(repo.owner), repo: this.repoJson(repo, true) };
  }

  pullJson(repo: Repo, pr: Pull, full: boolean) {
    const { files, commits } = this.state.changesOf(repo, pr);
    const html = `${this.base}/${slug(repo)}/pull/${pr.number}`;
    return {
      url: `${this.api}/repos/${slug(repo)}/pulls/${pr.number}`,
      id: repo.id * 1000 + pr.number,
      node_id: `PR_${repo.id}_${pr.number}`,
      number: pr.number,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      state: pr.state,
      locked: false,
      title: pr.title,
      body: pr.body,
      draft: pr.draft,
      user: this.userJson(this.state.login),
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.closedAt,
      merged_at: pr.mergedAt,
      merge_commit_sha: pr.mergeCommitSha,
      head: this.branchJson(repo, pr.head, pr.headSha),
      base: this.branchJson(repo, pr.base, pr.baseSha),
      // Only the single-PR answer has these (GitHub's list items are "pull-request-simple").
      ...(full ? { merged: pr.mergedAt !== null, mergeable: pr.state === 'open' ? true : null, commits: commits.length, changed_files: files.length } : {}),
    };
  }
}
