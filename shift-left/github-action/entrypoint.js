#!/usr/bin/env node
'use strict';
/**
 * The GitHub Action's one step (action.yml): runs `hardened-go check --format sarif` in the
 * workspace, writes the SARIF file for github/codeql-action/upload-sarif, a job summary
 * ($GITHUB_STEP_SUMMARY) and the step's outputs ($GITHUB_OUTPUT), and exits with the
 * CLI's code, so the rule modes decide the job: with the default `fail-on: error`, inform
 * and warn rules never fail it and an enforced rule past its deadline does; `fail-on:
 * warning` fails on warn rules too.
 *
 * Inputs arrive as INPUT_* variables (action.yml maps them); the portal token as
 * HARDENED_GO_TOKEN, which only the CLI reads and which is never printed.
 */
const fs = require('node:fs');
const path = require('node:path');
const { runCli } = require('../cli');

const FAIL_ON = ['error', 'warning', 'info'];
const FALLBACKS = ['none', 'defaults'];
/** Findings listed in the summary; the rest are counted (the SARIF has them all). */
const MAX_ROWS = 50;

function input(name, fallback = '') {
  const value = process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

/** Newline- or blank-separated list input. */
function listInput(name, fallback) {
  const items = input(name).split(/\s+/).filter(Boolean);
  return items.length ? items : fallback;
}

function appendFileEnv(variable, text) {
  const file = process.env[variable];
  if (file) fs.appendFileSync(file, text);
}

function setOutput(name, value) {
  // the heredoc form: safe for any value
  const delimiter = `hardened_go_${Math.random().toString(36).slice(2)}`;
  appendFileEnv('GITHUB_OUTPUT', `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** Text for a Markdown table cell: no pipes, no line breaks, no HTML. */
function cell(text) {
  return String(text).replace(/[\r\n]+/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** Workflow-command data: %, CR and LF escaped, as GitHub's toolkit does. */
function commandData(text) {
  return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

const LEVEL_NAME = { error: 'error', warning: 'warning', note: 'info' };

function summarize(sarif) {
  const results = sarif.runs.flatMap(run => run.results ?? []).filter(r => !(r.suppressions?.length > 0));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const r of results) counts[LEVEL_NAME[r.level] ?? 'warning'] += 1;
  return { results, counts };
}

function summaryMarkdown({ code, failOn, policyLine, sarif, error }) {
  const lines = ['## hardened-go check', ''];
  if (policyLine) lines.push(`Policy: ${cell(policyLine.replace(/^hardened-go check: policy /, ''))}`, '');
  if (error) {
    lines.push(`**Could not check** (exit ${code}): ${cell(error)}`, '');
    return lines.join('\n');
  }
  const { results, counts } = summarize(sarif);
  const verdict = code === 0 ? 'passed' : 'failed';
  lines.push(
    `**${verdict}** (fails on ${failOn} and above): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info.`,
    '',
  );
  if (results.length > 0) {
    lines.push('| Where | Rule | Level | Finding |', '|---|---|---|---|');
    for (const r of results.slice(0, MAX_ROWS)) {
      const loc = r.locations?.[0]?.physicalLocation;
      const where = `${loc?.artifactLocation?.uri ?? '?'}${loc?.region?.startLine ? `:${loc.region.startLine}` : ''}`;
      lines.push(`| ${cell(where)} | ${cell(r.ruleId ?? '')} | ${LEVEL_NAME[r.level] ?? r.level} | ${cell(r.message?.text ?? '')} |`);
    }
    if (results.length > MAX_ROWS) lines.push('', `…and ${results.length - MAX_ROWS} more in the SARIF report (code scanning).`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main() {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const failOn = input('fail-on', 'error');
  const fallback = input('policy-fallback', 'none');
  if (!FAIL_ON.includes(failOn)) throw new Error(`fail-on must be one of ${FAIL_ON.join(', ')}, got ${JSON.stringify(failOn)}`);
  if (!FALLBACKS.includes(fallback)) throw new Error(`policy-fallback must be one of ${FALLBACKS.join(', ')}, got ${JSON.stringify(fallback)}`);
  const sarifFile = path.resolve(workspace, input('sarif-file', 'hardened-go.sarif'));
  const args = ['check', '--format', 'sarif', '--fail-on', failOn, '--policy-fallback', fallback];
  const policyUrl = input('policy-url');
  if (policyUrl) args.push('--policy-url', policyUrl);
  for (const config of listInput('config', [])) args.push('--config', config);
  args.push(...listInput('paths', ['.']));

  const { code, stdout, stderr } = await runCli(args, { cwd: workspace });
  const policyLine = /^hardened-go check: policy [^\n]*/m.exec(stderr)?.[0];
  setOutput('exit-code', String(code));
  if (code !== 0 && code !== 1) {
    const error = stderr.split('\n').filter(line => line && !line.startsWith('hardened-go check: policy ')).pop() ?? `exit ${code}`;
    process.stdout.write(`::error title=hardened-go check::${commandData(error)}\n`);
    appendFileEnv('GITHUB_STEP_SUMMARY', summaryMarkdown({ code, failOn, policyLine, error }));
    return code;
  }
  const sarif = JSON.parse(stdout);
  fs.mkdirSync(path.dirname(sarifFile), { recursive: true });
  fs.writeFileSync(sarifFile, stdout);
  const { counts } = summarize(sarif);
  setOutput('sarif-file', sarifFile);
  setOutput('errors', String(counts.error));
  setOutput('warnings', String(counts.warning));
  setOutput('infos', String(counts.info));
  appendFileEnv('GITHUB_STEP_SUMMARY', summaryMarkdown({ code, failOn, policyLine, sarif }));
  return code;
}

if (require.main === module) {
  main().then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stdout.write(`::error title=hardened-go check::${commandData(error.message)}\n`);
      process.exitCode = 2;
    },
  );
}

module.exports = { main, summaryMarkdown };
