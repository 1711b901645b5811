import { createContext, useContext } from 'react';

// The per-request CSP nonce, set by entry.server and read by the scripts Remix renders.
export const NonceContext = createContext<string>('');
export const useNonce = () => useContext(NonceContext);
