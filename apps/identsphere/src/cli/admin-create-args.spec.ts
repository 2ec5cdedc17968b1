import { parseAdminCreateArgs } from './admin-create-args';

describe('parseAdminCreateArgs', () => {
  it('reads the email, in either form, and the --link flag in any position', () => {
    expect(parseAdminCreateArgs(['create', '--email', 'ops@example.com'])).toEqual({ email: 'ops@example.com', link: false });
    expect(parseAdminCreateArgs(['create', '--email=ops@example.com', '--link'])).toEqual({ email: 'ops@example.com', link: true });
    expect(parseAdminCreateArgs(['create', '--link', '--email', 'ops@example.com'])).toEqual({ email: 'ops@example.com', link: true });
  });

  it.each([
    [[]],
    [['create']],
    [['delete', '--email', 'ops@example.com']],
    [['create', '--email']],
    [['create', '--email=']],
    [['create', '--email', 'a@example.com', '--email', 'b@example.com']],
    [['create', '--email', 'a@example.com', '--link', '--link']],
    [['create', '--email', 'a@example.com', '--password', 'Quartz-meadow-secret']],
    [['create', '--email', 'a@example.com', 'extra']],
  ])('refuses %j', (args) => {
    expect(parseAdminCreateArgs(args)).toBeNull();
  });
});
