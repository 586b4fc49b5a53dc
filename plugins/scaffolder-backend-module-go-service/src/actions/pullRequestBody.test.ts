import { RULES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { escapeMarkdown, pullRequestText, type FileHardening } from './pullRequestBody';

const link = (r: { docsPath: string }) => `https://docs.example/hg (fork)/${r.docsPath}`;

describe('escapeMarkdown', () => {
  it('makes Markdown, HTML and line breaks inert', () => {
    expect(escapeMarkdown('[x](javascript:alert(1)) <img src=x> *b* `c` | d\n# h & e')).toBe(
      '\\[x\\]\\(javascript:alert\\(1\\)\\) &lt;img src=x&gt; \\*b\\* \\`c\\` \\| d \\# h &amp; e',
    );
  });
});

describe('pullRequestText', () => {
  const fixed: FileHardening = {
    path: 'svc/Dockerfile',
    outcome: 'fixed',
    fixed: ['GDS001', 'GDS007'],
    notes: ['dropped ENV DB_PASSWORD (GDS017): pass it at run time'],
    remaining: [{ ruleId: 'GDS011', severity: 'info', line: 3, message: 'USER is named' }],
  };
  const refused: FileHardening = {
    path: 'deploy/[evil](x).Dockerfile',
    outcome: 'refused',
    fixed: [],
    notes: [],
    remaining: [{ ruleId: 'GDS014', severity: 'error', line: 9, message: 'CMD <script>alert(1)</script> | x' }],
    reason: 'the final image runs `sh -c`',
    refusalCode: 'needs-shell',
  };

  it('lists each fixed rule with its title and reason, linked to its doc', () => {
    const pr = pullRequestText([fixed], 'v1', link);
    const gds001 = RULES.find(r => r.id === 'GDS001')!;
    expect(pr.title).toBe('Harden svc/Dockerfile to the hardened Go standard v1');
    expect(pr.body).toContain(`| [GDS001](https://docs.example/hg%20%28fork%29/docs/rules/GDS001.md) | ${escapeMarkdown(gds001.title)} | ${escapeMarkdown(gds001.rationale)} |`);
    expect(pr.body).toContain('- dropped ENV DB\\_PASSWORD \\(GDS017\\): pass it at run time');
    expect(pr.body).toContain('- [GDS011](https://docs.example/hg%20%28fork%29/docs/rules/GDS011.md) (info, line 3): USER is named');
    expect(pr.commitMessage).toMatch(/^Harden svc\/Dockerfile to the hardened Go standard v1\n\nFixes GDS001, GDS007\./);
  });

  it('explains a refusal and escapes everything taken from the repository', () => {
    const pr = pullRequestText([fixed, refused], 'v1', link);
    expect(pr.title).toBe('Harden svc/Dockerfile to the hardened Go standard v1');
    expect(pullRequestText([fixed, { ...fixed, path: 'b/Dockerfile' }], 'v2', link).title).toBe('Harden 2 Dockerfiles to the hardened Go standard v2');
    expect(pr.body).toContain('### deploy/\\[evil\\]\\(x\\).Dockerfile: not changed (the fixer refused: needs-shell)');
    expect(pr.body).toContain('the final image runs \\`sh -c\\`');
    expect(pr.body).toContain('CMD &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| x');
    expect(pr.body).not.toMatch(/<script>|\]\(x\)/);
  });

  it('edits: one row per edit with its rule link, lines, what changed and why; what is left with the reason', () => {
    const edited: FileHardening = {
      path: 'Dockerfile',
      outcome: 'fixed',
      method: 'edits',
      fixed: ['GDS009'],
      notes: [],
      edits: [{ ruleIds: ['GDS009'], lines: [12], what: '`USER 65534:65534` in the final stage' }],
      unfixed: [{ ruleId: 'GDS014', line: 14, reason: 'line 14 uses shell syntax' }],
      remaining: [],
    };
    const gds009 = RULES.find((r) => r.id === 'GDS009')!;
    const body = pullRequestText([edited], 'v1', link).body;
    expect(body).toContain('### Dockerfile: fixed in part, by minimal edits');
    expect(body).toContain(`| [GDS009](https://docs.example/hg%20%28fork%29/docs/rules/GDS009.md) | 12 | \\\`USER 65534:65534\\\` in the final stage | ${escapeMarkdown(gds009.rationale)} |`);
    expect(body).toContain('Left for a human (the fixer had no safe edit):\n\n- [GDS014](https://docs.example/hg%20%28fork%29/docs/rules/GDS014.md) (line 14): line 14 uses shell syntax');
  });

  it('stays within what a Git host accepts: long lists and line lists are cut with a count', () => {
    const many: FileHardening = {
      path: 'Dockerfile',
      outcome: 'fixed',
      method: 'edits',
      fixed: ['GDS007'],
      notes: [],
      edits: [{ ruleIds: ['GDS007'], lines: Array.from({ length: 5000 }, (_, i) => i + 1), what: '`-trimpath` on the go build' }],
      unfixed: Array.from({ length: 5000 }, (_, i) => ({ ruleId: 'GDS017', line: i + 1, reason: 'used elsewhere' })),
      remaining: [],
    };
    const body = pullRequestText([many], 'v1', link).body;
    expect(body).toContain('| 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 4990 more |');
    expect(body).toContain('- ... and 4950 more (`hardened-go fix` lists them all)');
    expect(body.length).toBeLessThan(65536);
  });
});
