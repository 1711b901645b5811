import { createContext, useContext, type ReactNode } from 'react';
import type { Translator } from './i18n';

// The page's translator, given by the root layout (root.tsx) in the page's language.
const TranslationContext = createContext<Translator | null>(null);

export function TranslationProvider({ translator, children }: { translator: Translator; children: ReactNode }) {
  return <TranslationContext.Provider value={translator}>{children}</TranslationContext.Provider>;
}

/** The page's translate function, and its translator (`i18n.language` is the page's language). */
export function useTranslation() {
  const translator = useContext(TranslationContext);
  if (!translator) throw new Error('useTranslation outside TranslationProvider');
  return { t: translator.t, i18n: translator };
}
