import { useState } from 'react';
import { ActionGroup, Alert, Button, Card, CardBody, CardTitle, Form, FormGroup, PageSection, TextInput } from '@patternfly/react-core';
import { checkToken } from '../api';

/** The API token is the login: checked against weftd, then kept for this tab only. */
export function Login({ onLogin }: { onLogin: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const problem = await checkToken(token.trim());
      if (problem) setError(problem);
      else onLogin(token.trim());
    } catch (e) {
      setError(`cannot reach weftd: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <PageSection>
      <Card style={{ maxWidth: 560, margin: '80px auto' }}>
        <CardTitle><h1 style={{ fontSize: 24 }}>Log in to the Weft console</h1></CardTitle>
        <CardBody>
          <p style={{ marginBottom: 16 }}>
            Paste weftd's API token: the file <code>token</code> in its data directory
            (<code>~/.weft/data/token</code>; the demo's is in <code>~/.weft/config</code>).
          </p>
          {error && <Alert variant="danger" isInline title="Login failed" data-testid="login-error">{error}</Alert>}
          <Form onSubmit={e => { e.preventDefault(); void submit(); }}>
            <FormGroup label="API token" fieldId="token">
              <TextInput id="token" type="password" value={token} onChange={(_e, v) => setToken(v)} autoFocus />
            </FormGroup>
            <ActionGroup>
              <Button type="submit" variant="primary" isDisabled={!token.trim() || busy} data-testid="login">Log in</Button>
            </ActionGroup>
          </Form>
        </CardBody>
      </Card>
    </PageSection>
  );
}
