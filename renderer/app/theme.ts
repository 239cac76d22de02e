import { createTheme, DEFAULT_THEME, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults miss WCAG AA contrast in a few places the app relies on: dimmed text (gray 6 on white), light and
 * outline badges (shade 6 on a pale tint), and white text on filled colours. The theme deepens those shades in the light
 * scheme and picks black or white text on filled colours by luminance; the axe UI tests hold every screen to it.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  autoContrast: true,
  luminanceThreshold: 0.35,
  focusRing: 'auto',
});

const COLORS = Object.keys(DEFAULT_THEME.colors);
/** Even their darkest shade is too light for text on their own pale tint: their text is near-black instead. */
const BRIGHT = new Set(['yellow', 'orange', 'lime', 'green', 'teal', 'cyan']);
const lightText = (color: string) =>
  BRIGHT.has(color) ? 'var(--mantine-color-dark-7)' : `var(--mantine-color-${color}-9)`;

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-indigo-9)',
    '--mantine-primary-color-light-hover': 'var(--mantine-color-indigo-1)',
    ...Object.fromEntries(
      COLORS.flatMap((color) => [
        [`--mantine-color-${color}-light-color`, lightText(color)],
        [`--mantine-color-${color}-light-hover`, `var(--mantine-color-${color}-1)`],
        [`--mantine-color-${color}-outline`, lightText(color)],
        [`--mantine-color-${color}-text`, lightText(color)],
      ]),
    ),
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-indigo-2)',
    ...Object.fromEntries(
      COLORS.flatMap((color) => [
        [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-2)`],
        [`--mantine-color-${color}-outline`, `var(--mantine-color-${color}-3)`],
        [`--mantine-color-${color}-text`, `var(--mantine-color-${color}-3)`],
      ]),
    ),
  },
});
