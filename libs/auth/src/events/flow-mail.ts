import type { MailMessage } from '@identsphere/mail';

/** A mail's content without its recipient (distributes over MailMessage's kinds). */
export type Notice = MailMessage extends infer M ? (M extends MailMessage ? Omit<M, 'to'> : never) : never;

/**
 * A mail a flow wants sent, to a given address or to the account's owner. For the owner FlowOutcomes
 * looks the address up in the flow's transaction, so a notice reaches the address the account has when
 * the change commits, and no flow fetches the user just to mail them.
 */
export type FlowMail =
  | { readonly channel: 'mail'; readonly message: MailMessage }
  | { readonly channel: 'mail'; readonly ownerOf: string; readonly notice: Notice };

/** A link or notice for a known address: a token to a new address, a notice to the one being left. */
export function mailTo(message: MailMessage): FlowMail {
  return { channel: 'mail', message };
}

/** A security notice to the account's current address; nothing is sent when the account no longer exists. */
export function mailOwner(userId: string, notice: Notice): FlowMail {
  return { channel: 'mail', ownerOf: userId, notice };
}
