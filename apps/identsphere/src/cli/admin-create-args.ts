/** `cli.js admin create --email <address> [--link]`, parsed; the password never comes from argv (shell history, ps). */
export interface AdminCreateArgs {
  readonly email: string;
  /** Print a one-time set-password link instead of reading a password from stdin. */
  readonly link: boolean;
}

/** Null on anything else (unknown flags, a missing or repeated --email, a --password). */
export function parseAdminCreateArgs(args: readonly string[]): AdminCreateArgs | null {
  const [subcommand, ...flags] = args;
  if (subcommand !== 'create') return null;
  let email: string | null = null;
  let link = false;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (flag === '--link' && !link) link = true;
    else if (flag === '--email' && email === null && i + 1 < flags.length) email = flags[++i];
    else if (flag.startsWith('--email=') && email === null) email = flag.slice('--email='.length);
    else return null;
  }
  return email ? { email, link } : null;
}
