import { Anchor, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useRoute, type Route } from '../app/route';

/**
 * A link-styled button that opens another screen of the app: a button (not an `<a href>`), so the
 * renderer never navigates, and keyboard users reach it with Tab like any other action.
 */
export function ScreenLink({
  to,
  children,
  size = 'sm',
  ...rest
}: { to: Route; children: ReactNode } & Omit<AnchorProps, 'component'> & { 'data-testid'?: string }) {
  const { navigate } = useRoute();
  return (
    <Anchor component="button" type="button" size={size} onClick={() => navigate(to)} {...rest}>
      {children}
    </Anchor>
  );
}
