import pino from 'pino';
import { openConfiguredDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { createAuth } from '../features/auth/auth.ts';
import { indexUnindexedCourses } from '../features/catalog/catalog.service.ts';
import { seedDemo } from '../features/demo/demo.seed.ts';
import { createMailSender, type MailSender } from '../features/mail/mail.service.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';

/** Migrates, seeds demo data into an empty database (demo mode), and serves until SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<void> {
  const database = await openConfiguredDatabase(config);
  await runMigrations(database.pool);
  if (config.demo) await seedDemo(database.db, createAuth(config, database.db), config);
  await indexUnindexedCourses(database.db);

  const mailSender: MailSender | null = config.smtpUrl
    ? createMailSender(
        database.db,
        config.smtpUrl,
        config.mailFrom,
        pino({ level: config.logLevel, name: 'mail' }),
      )
    : null;
  const { app } = await buildApp({ config, database, mailSender });
  mailSender?.start();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    await app.close(); // stops accepting, waits for in-flight requests
    await mailSender?.stop();
    await database.close(); // pool, and the embedded database with its worker
    app.log.info('stopped cleanly');
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `Lupp is listening on http://${config.host}:${config.port} (${database.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server'}${config.demo ? ', demo mode' : ''})`,
  );
}
