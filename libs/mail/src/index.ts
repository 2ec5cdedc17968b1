export * from './mail.module';
export { Mailer } from './mailer';
export { MailMetrics, MailDropReason } from './mail-metrics';
export { MailMessage, MailKind, LinkPurpose, RenderedMail } from './mail-message';
export { MailPayloadCipher } from './outbox/payload-cipher';
export { OutboxWorkerOptions } from './outbox/outbox-worker';
export { RetryPolicy, DEFAULT_RETRY_POLICY } from './outbox/backoff';
export { renderMail, TemplateContext } from './templates/mail-templates';
export { buildLink } from './templates/link';
