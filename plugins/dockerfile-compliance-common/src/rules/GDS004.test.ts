import { MODULES_STAGE, expectLabelledFindings, expectSilent, findings, labelledCasesOf, lines, mutate } from '../../test-fixtures/ruleKit';

describe('GDS004 module layer', () => {
  it('fires when the source is copied before go mod download', () => {
    const text = mutate('COPY go.mod go.sum* ./\nRUN go mod download && go mod verify\nCOPY . .', 'COPY . .\nRUN go mod download && go mod verify');
    const f = findings(text, 'GDS004');
    expect(lines(f)).toEqual([4]);
  });
  it('fires when go.mod is copied but not downloaded first', () => {
    const text = mutate('RUN go mod download && go mod verify\nCOPY . .', 'COPY . .\nRUN go mod verify');
    expect(findings(text, 'GDS004')[0]!.message).toContain('running `go mod download`');
  });
  it('a bind-mounted source is fine', () => {
    const text = mutate('COPY . .\nRUN CGO_ENABLED=0 go build', 'RUN --mount=type=bind,target=. CGO_ENABLED=0 go build');
    expect(findings(text, 'GDS004')).toEqual([]);
  });
  it('a bind-mounted go.mod download counts', () => {
    const text = mutate('COPY go.mod go.sum* ./\nRUN go mod download', 'RUN --mount=type=bind,source=go.mod,target=go.mod --mount=type=cache,target=/go/pkg/mod go mod download');
    expect(findings(text, 'GDS004')).toEqual([]);
  });
  it.each([
    ['-mod=vendor on the command line', 'RUN CGO_ENABLED=0 go build -mod=vendor'],
    ['-mod vendor on the command line', 'RUN CGO_ENABLED=0 go build -mod vendor'],
    ['GOFLAGS=-mod=vendor', 'ENV GOFLAGS=-mod=vendor\nRUN CGO_ENABLED=0 go build'],
  ])('a vendored build (%s) downloads nothing, so copying the tree first is fine', (_how, build) => {
    const text = mutate('RUN go mod download && go mod verify\nCOPY . .', 'COPY . .').replace('RUN CGO_ENABLED=0 go build', build);
    expect(text).toContain('vendor');
    expect(findings(text, 'GDS004')).toEqual([]);
    // the same file without vendoring fires
    expect(findings(text.replace(/ -mod[= ]vendor|ENV GOFLAGS=-mod=vendor\n/, ''), 'GDS004')).toHaveLength(1);
  });
  it('-mod=mod is not vendoring: it still fires', () => {
    const text = mutate('RUN go mod download && go mod verify\nCOPY . .', 'COPY . .').replace('RUN CGO_ENABLED=0 go build', 'RUN CGO_ENABLED=0 go build -mod=mod');
    expect(findings(text, 'GDS004')).toHaveLength(1);
  });
  it('looks through the build stage ancestors', () => {
    const text = mutate('COPY . .\nRUN CGO_ENABLED', 'FROM build AS compile\nCOPY . .\nRUN CGO_ENABLED').replace('--from=build', '--from=compile');
    expect(findings(text, 'GDS004')).toEqual([]);
  });
});

describe('GDS004 with a separate modules stage', () => {
  it('a module cache copied from a stage that downloaded it counts', () => {
    expect(findings(MODULES_STAGE, 'GDS004')).toEqual([]);
  });
  it('but not when that stage did not download', () => {
    const noDownload = MODULES_STAGE.replace('RUN go mod download && go mod verify', 'RUN true');
    expect(findings(noDownload, 'GDS004')).toHaveLength(1);
  });
});

describe('GDS004 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS004');
  it.each(fires)('%s: exactly its labelled GDS004 findings', (_file, c) => expectLabelledFindings(c, 'GDS004'));
  it('stays silent in the compliant cases and the gds004-* cases labelled without it', () => expectSilent(silent, 'GDS004'));
});
