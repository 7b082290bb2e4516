/**
 * Progress bars for long builds on a terminal (cli-progress), one per stage; silent when stderr is
 * not a TTY (CI logs, pipes), where the build summary's timings say the same once.
 */
import cliProgress from 'cli-progress';
import type { Progress } from './index.js';

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): { progress: Progress | undefined; stop: () => void } {
  if (!stream.isTTY) return { progress: undefined, stop: () => {} };
  let bar: cliProgress.SingleBar | null = null;
  let current = '';
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  const progress: Progress = (stage, done, total) => {
    if (stage !== current || !bar) {
      stop();
      current = stage;
      bar = new cliProgress.SingleBar({ stream, format: `${stage.padEnd(12)} {bar} {value}/{total} {percentage}% · {eta_formatted} left`, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
      bar.start(total, 0);
    }
    bar.update(done);
    if (done >= total) stop();
  };
  return { progress, stop };
}
