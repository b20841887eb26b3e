/**
 * Where the charts' font (Source Sans 3, FONT_FAMILY) is on disk: the PNG renderer loads it and
 * the HTML reports embed it. Kept out of charts/, whose specs are pure and run in a browser too.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const fontDir = dirname(require.resolve('@expo-google-fonts/source-sans-3/package.json'));
/** The TrueType files the PNG renderer loads: regular and bold of the chart font. */
export const FONT_FILES = [
  join(fontDir, '400Regular', 'SourceSans3_400Regular.ttf'),
  join(fontDir, '700Bold', 'SourceSans3_700Bold.ttf'),
];
