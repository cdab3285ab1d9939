import { Typography } from '@mui/material';
import { Login, LoginForm } from 'react-admin';

/** Log in with the e-mail and password of a console account (an admin creates them). */
export function LoginPage() {
  return (
    <Login>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1, textAlign: 'center' }}>
        Occupational knowledge graph: curation console
      </Typography>
      <LoginForm />
    </Login>
  );
}
