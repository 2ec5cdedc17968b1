import parseAddresses from 'nodemailer/lib/addressparser';
import { isPlainMailbox, normalizeEmail } from './email';

const ACCEPTED = ['someone@example.com', "o'brien+tag@example.com", 'first.last@sub.example.co.uk', 'zoë@example.com', 'δοκιμή@παράδειγμα.δοκιμή', 'a_b-c@x-y.example'];
const REFUSED = ['"a b"@example.com', '"victim@example.com"@example.com', 'a(comment)@example.com', 'a b@example.com', 'a@example.com,b@example.com', 'a;b@example.com', '<a@example.com>', 'a..b@example.com', '.a@example.com', 'a.@example.com', 'a@[127.0.0.1]', 'a@-x.example', 'a@example', 'a\u2028b@example.com', 'a@b@example.com'];

describe('isPlainMailbox', () => {
  it.each(ACCEPTED)('accepts %s, which the mailer reads back unchanged', (email) => {
    expect(isPlainMailbox(normalizeEmail(email))).toBe(true);
    // The mailer's own parser: what it makes of the address is where a mail would go.
    expect(parseAddresses(normalizeEmail(email), { flatten: true })).toEqual([{ address: normalizeEmail(email), name: '' }]);
  });

  it.each(REFUSED)('refuses %s', (email) => expect(isPlainMailbox(normalizeEmail(email))).toBe(false));
});
