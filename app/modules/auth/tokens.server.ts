import { createHash, randomBytes } from 'node:crypto';

// Secret links and session tokens: the holder gets the token, the database keeps only its hash,
// so a copy of the database opens nothing.
export const newToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
