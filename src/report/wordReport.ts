/**
 * A report as a Word document (report.docx: the short version), ready to paste into a council's template:
 * the title, the findings in words, the key charts as pictures and the table by financial year,
 * with headings as Word's own heading styles and tables as Word tables (so the council's template
 * restyles them). Built from the same blocks as report.html and report.md; pure (the caller gives
 * the charts' PNG bytes and packs the document).
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportDoc } from './blocks.ts';

export interface WordReportOptions {
  /** The charts' PNGs by their path in the blocks (charts/<name>.png), with pixel sizes. */
  images: ReadonlyMap<string, { data: Uint8Array; width: number; height: number }>;
}

/** A4 text width at 2 cm margins, in pixels at 96 dpi (docx sizes images in pixels). */
const TEXT_WIDTH_PX = 642;

export function wordReport(doc: ReportDoc, o: WordReportOptions): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: doc.subtitle, italics: true })] }),
  ];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'lead':
        children.push(new Paragraph({ children: [new TextRun({ text: b.text!, bold: true, size: 26 })] }));
        break;
      case 'h2':
        children.push(new Paragraph({ text: b.text!, heading: HeadingLevel.HEADING_1, keepNext: true }));
        break;
      case 'h3':
        children.push(new Paragraph({ text: b.text!, heading: HeadingLevel.HEADING_2, keepNext: true }));
        break;
      case 'p':
        children.push(new Paragraph({ text: b.text! }));
        break;
      case 'list':
        for (const item of b.items!) children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
        break;
      case 'chart': {
        const img = o.images.get(b.chart!.png);
        if (!img) break;
        const width = Math.min(TEXT_WIDTH_PX, img.width);
        const height = Math.round((img.height / img.width) * width);
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            children: [new ImageRun({ type: 'png', data: img.data, transformation: { width, height } })],
          }),
          new Paragraph({ children: [new TextRun({ text: b.chart!.title, italics: true, size: 18 })] }),
        );
        break;
      }
      case 'table':
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                tableHeader: true,
                cantSplit: true,
                children: b.header!.map(
                  (h) =>
                    new TableCell({
                      children: [
                        new Paragraph({ children: [new TextRun({ text: h, bold: true, size: 18 })] }),
                      ],
                    }),
                ),
              }),
              ...b.rows!.map(
                (r, i) =>
                  new TableRow({
                    cantSplit: true,
                    children: r.map(
                      (c, j) =>
                        new TableCell({
                          children: [
                            new Paragraph({ children: [new TextRun({ text: c, size: 18 })] }),
                            // The field path, small and grey, under the plain name (for analysts).
                            ...(j === 0 && b.notes?.[i]
                              ? [
                                  new Paragraph({
                                    children: [new TextRun({ text: b.notes[i], size: 14, color: '666666' })],
                                  }),
                                ]
                              : []),
                          ],
                        }),
                    ),
                  }),
              ),
            ],
          }),
          new Paragraph({ text: '' }),
        );
        break;
    }
  }
  return new Document({
    creator: 'caresim',
    title: doc.title,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      { properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children },
    ],
  });
}
