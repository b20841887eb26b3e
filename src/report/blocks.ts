/**
 * What every report is made of, whatever it is rendered to (HTML, Markdown, Word, a workbook's
 * sheets): headings, paragraphs, lists, tables and charts, in order.
 */

/** A chart as a report shows it: its name, title, SVG markup and the PNG beside the report. */
export interface ReportChart {
  name: string;
  title: string;
  svg: string;
  png: string;
}

export interface Block {
  /** lead: the answer, first and in bold; h2 a section, h3 a theme within one. */
  kind: 'lead' | 'h2' | 'h3' | 'p' | 'list' | 'table' | 'chart';
  text?: string;
  items?: string[];
  header?: string[];
  rows?: string[][];
  /** Small print under each row's first cell (a field path, for analysts). */
  notes?: string[];
  chart?: ReportChart;
}

/** A report: its title, the line under it, its blocks, and the day it was made (for the page footer). */
export interface ReportDoc {
  title: string;
  subtitle: string;
  blocks: Block[];
  date?: string;
}
