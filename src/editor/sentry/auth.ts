import * as vscode from 'vscode';

const SECRET_KEY = 'hotspotLens.sentry.token';

/**
 * Where the Sentry token lives: VS Code SecretStorage (the OS keychain), never a setting. When
 * nothing is stored, SENTRY_AUTH_TOKEN from the editor's environment is used, the same variable
 * the CLI reads, so a terminal-launched or CI editor works without typing the token.
 */
export class SentryAuth implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly listener: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.listener = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) this.emitter.fire();
    });
  }

  async token(): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_KEY);
    if (stored) return stored;
    const env = process.env.SENTRY_AUTH_TOKEN?.trim();
    if (env) {
      this.log.debug('Sentry: no stored token; using SENTRY_AUTH_TOKEN from the environment');
      return env;
    }
    return undefined;
  }

  async hasStoredToken(): Promise<boolean> {
    return (await this.secrets.get(SECRET_KEY)) !== undefined;
  }

  async store(token: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, token.trim());
    this.log.info('Sentry: token stored in the secret storage');
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.log.info('Sentry: token removed from the secret storage');
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
