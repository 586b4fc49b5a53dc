'use strict';
/**
 * The loopback repository server of the test suites (test/support/repoServer.ts: ETags, 304s,
 * request counting) in its own process, so that the CPU it spends answering is not counted
 * as the catalog's. It serves `entities` services: repos/svc-<i>/Dockerfile is real-world
 * corpus file i mod 29, and catalog.yaml lists every service as a Component whose
 * backstage.io/source-location is its repos/svc-<i>/ directory.
 * Parent -> child messages: {cmd:'counts'} | {cmd:'reset'} | {cmd:'close'}; replies carry `reply`.
 */
const { installTsRequire } = require('./tsRequire');
installTsRequire();
const { startRepoServer } = require('../../test/support/repoServer.ts');
const { component } = require('../../test/drift/fixtures.ts');
const { loadCorpus } = require('./corpus');

async function main() {
  const entities = Number(process.argv[2]);
  const corpus = loadCorpus();
  const repo = await startRepoServer();
  const docs = [];
  for (let i = 0; i < entities; i++) {
    const name = `svc-${i}`;
    repo.setFile(`repos/${name}/Dockerfile`, corpus[i % corpus.length].text);
    docs.push(component(name, { annotations: { 'backstage.io/source-location': `url:${repo.baseUrl}/repos/${name}/` } }));
  }
  repo.setFile('catalog.yaml', docs.join('---\n'));

  process.on('message', async msg => {
    if (msg.cmd === 'counts') {
      const dockerfiles = repo.requests.filter(r => r.path.endsWith('/Dockerfile'));
      const by = status => dockerfiles.filter(r => r.status === status).length;
      process.send({
        reply: 'counts',
        total: repo.requests.length,
        dockerfileRequests: dockerfiles.length,
        conditional: dockerfiles.filter(r => r.conditional).length,
        full200: by(200),
        notModified304: by(304),
        other: dockerfiles.filter(r => r.status !== 200 && r.status !== 304).length,
        distinctDockerfiles: new Set(dockerfiles.map(r => r.path)).size,
      });
    } else if (msg.cmd === 'reset') {
      repo.resetRequests();
      process.send({ reply: 'reset' });
    } else if (msg.cmd === 'close') {
      await repo.close();
      process.exit(0);
    }
  });
  process.send({ reply: 'ready', baseUrl: repo.baseUrl, host: repo.host });
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
