// `support-router playground [--port N] [--rules FILE] [--live]` and `npm run playground`.
import { parseArgs } from 'node:util';
import { readEnvironment } from '../config';
import { DEFAULT_PORT, startPlayground } from './index';

const USAGE = 'Usage: support-router playground [--port N] [--rules FILE] [--live]';

type Out = (text: string) => void;

export async function playgroundCommand(argv: string[], out: Out, err: Out): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, rules: { type: 'string' }, live: { type: 'boolean' } },
    }));
  } catch (e) {
    err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    err(`--port must be a port number (got "${values.port}")`);
    return 2;
  }
  try {
    const playground = await startPlayground({
      env: readEnvironment(),
      port,
      ...(values.rules ? { rulesFile: values.rules } : {}),
      live: values.live === true,
    });
    out(
      `support-router playground: ${playground.url} (${values.live ? 'live filing' : 'dry run: nothing is filed'}; Ctrl-C stops it)`,
    );
    const stop = () => void playground.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return await new Promise<number>(() => undefined);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      err(`Port ${port} is in use: try --port ${port + 1}`);
    else err(`The playground could not start: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
