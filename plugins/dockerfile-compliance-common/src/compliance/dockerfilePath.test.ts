import { DEFAULT_DOCKERFILE_PATH, MAX_DOCKERFILES, hasUrlScheme, parseDockerfilePaths } from './dockerfilePath';

describe('parseDockerfilePaths (the hardened-go.io/dockerfile-path format)', () => {
  it('is the default Dockerfile when the annotation is absent', () => {
    expect(parseDockerfilePaths(undefined)).toEqual({ ok: true, paths: [DEFAULT_DOCKERFILE_PATH] });
    expect(DEFAULT_DOCKERFILE_PATH).toBe('Dockerfile');
  });

  it('splits on commas, trims, drops empty items and repeats, keeping the first order', () => {
    expect(parseDockerfilePaths(' build/Dockerfile.prod , deploy/worker.Dockerfile,build/Dockerfile.prod,')).toEqual({
      ok: true,
      paths: ['build/Dockerfile.prod', 'deploy/worker.Dockerfile'],
    });
  });

  it('names the problem of an empty list or too many files', () => {
    expect(parseDockerfilePaths(' , ')).toEqual({ ok: false, problem: 'names no file' });
    expect(parseDockerfilePaths('')).toEqual({ ok: false, problem: 'names no file' });
    const many = Array.from({ length: MAX_DOCKERFILES + 1 }, (_, i) => `d${i}/Dockerfile`).join(',');
    expect(parseDockerfilePaths(many)).toEqual({ ok: false, problem: `names ${MAX_DOCKERFILES + 1} files; at most ${MAX_DOCKERFILES} are supported` });
    // repeats count once
    expect(parseDockerfilePaths(Array.from({ length: MAX_DOCKERFILES + 1 }, () => 'Dockerfile').join(','))).toEqual({ ok: true, paths: ['Dockerfile'] });
  });
});

describe('hasUrlScheme', () => {
  it.each([
    ['https://evil.example/Dockerfile', true],
    ['file:/etc/passwd', true],
    ['data:text/html,x', true],
    ['C:/Dockerfile', true],
    ['Dockerfile', false],
    ['build/Dockerfile:prod', false],
    ['//host/x', false],
    ['1http:x', false],
  ])('%s -> %s', (path, expected) => {
    expect(hasUrlScheme(path)).toBe(expected);
  });
});
