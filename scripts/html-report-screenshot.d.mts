// Types of scripts/html-report-screenshot.mjs for the TypeScript tests that import it.
export declare const CHROMIUM: string;
export declare function renderReport(html: string, screenshot?: string): Promise<{ requests: string[]; bars: { height: number; fill: string | null }[]; title: string }>;
