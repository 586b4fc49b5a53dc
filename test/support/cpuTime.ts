/**
 * A clock of this process's CPU time, for the tests that bound an algorithm's cost on hostile
 * input: `const cpuMs = startCpuClock(); ...; expect(cpuMs()).toBeLessThan(2000)`. Wall-clock
 * time also counts the time other processes hold the cores (Jest runs two suites at a time, CI
 * machines are shared), so a bound on it fails on a loaded machine although the algorithm is as
 * linear as ever; CPU time does not grow with that wait.
 */
export function startCpuClock(): () => number {
  const start = process.cpuUsage();
  return () => {
    const { user, system } = process.cpuUsage(start);
    return (user + system) / 1000;
  };
}
