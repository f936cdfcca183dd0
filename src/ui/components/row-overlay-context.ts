/**
 * The row overlay the live view draws the table's rows with (src/output/row-overlay.ts), given by ui/run.tsx; none
 * (tests, renderToString) and the table draws its rows through Ink.
 */
import {createContext} from 'react';
import type {RowOverlay} from '../../output/row-overlay.js';

export const RowOverlayContext = createContext<RowOverlay | undefined>(undefined);
