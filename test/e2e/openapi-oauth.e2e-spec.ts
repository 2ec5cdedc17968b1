import { openApiDocumentFor } from '../support/openapi-document';

type Json = any;

const ADMIN_CLIENT_OPERATIONS = ['createClient', 'listClients', 'getClient', 'deleteClient', 'rotateClientSecret', 'disableClient', 'enableClient'];
const OAUTH_OPERATIONS = ['issueClientToken', 'introspectToken', 'revokeToken'];

function operationsById(doc: Json): Record<string, Json> {
  return Object.fromEntries(
    Object.values(doc.paths as Record<string, Json>).flatMap((item) => Object.values(item as Record<string, Json>).filter((op) => op?.operationId).map((op) => [op.operationId, op])),
  );
}

describe('OpenAPI document: machine clients and the OAuth endpoints', () => {
  let doc: Json;
  let ops: Record<string, Json>;
  beforeAll(async () => {
    doc = await openApiDocumentFor();
    ops = operationsById(doc);
  });

  it('declares the oauth2 client-credentials scheme with the client scopes, and HTTP Basic for client authentication', () => {
    expect(doc.components.securitySchemes.oauth2).toEqual({
      type: 'oauth2',
      description: expect.any(String),
      flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: { admin: expect.any(String), introspect: expect.any(String) } } },
    });
    expect(doc.components.securitySchemes.clientSecretBasic).toMatchObject({ type: 'http', scheme: 'basic' });
  });

  it('lets admin operations be called by an admin user or by a client token with the admin scope', () => {
    for (const id of ADMIN_CLIENT_OPERATIONS) expect({ id, security: ops[id].security }).toEqual({ id, security: [{ accessToken: [] }, { oauth2: ['admin'] }] });
    expect(JSON.stringify(doc)).not.toContain('x-identsphere-admin');
  });

  it('authenticates the OAuth endpoints by HTTP Basic or by the body, and documents form bodies', () => {
    for (const id of OAUTH_OPERATIONS) {
      expect({ id, security: ops[id].security }).toEqual({ id, security: [{ clientSecretBasic: [] }, {}] });
      expect({ id, media: Object.keys(ops[id].requestBody.content).sort() }).toEqual({ id, media: ['application/json', 'application/x-www-form-urlencoded'] });
    }
  });

  it('documents OAuth-format errors beside the edge problem details, with the Basic challenge on 401', () => {
    const token = ops.issueClientToken.responses;
    expect(Object.keys(token['400'].content).sort()).toEqual(['application/json', 'application/problem+json']);
    expect(Object.keys(token['400'].content['application/json'].examples).sort()).toEqual(['invalid_request', 'invalid_scope', 'unsupported_grant_type']);
    expect(token['401'].content['application/json'].schema.$ref).toBe('#/components/schemas/OAuthError');
    expect(token['401'].headers['WWW-Authenticate'].schema.enum).toEqual(['Basic realm="identsphere", charset="UTF-8"']);
    expect(Object.keys(ops.introspectToken.responses['403'].content['application/json'].examples)).toEqual(['insufficient_scope']);
    expect(doc.components.schemas.OAuthError.properties.error.enum).toEqual(['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope', 'insufficient_scope']);
  });

  it('states the shapes of client ids, secrets and scopes', () => {
    const { MachineClientWithSecret, CreateClientRequest } = doc.components.schemas;
    expect(new RegExp(MachineClientWithSecret.properties.clientSecret.pattern).test(MachineClientWithSecret.properties.clientSecret.example)).toBe(true);
    expect(new RegExp(MachineClientWithSecret.properties.clientId.pattern).test(MachineClientWithSecret.properties.clientId.example)).toBe(true);
    expect(CreateClientRequest.properties.scopes).toMatchObject({ minItems: 1, uniqueItems: true, items: { enum: ['admin', 'introspect'] } });
  });
});
