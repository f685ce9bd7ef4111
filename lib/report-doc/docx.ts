import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Header,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ITableCellOptions,
} from "docx";
import type { Block, ReportModel } from "./model";
import { chartPng } from "./png";

/**
 * The report as a Word document laid out as Decree 30/2020/NĐ-CP asks of administrative
 * documents: A4, margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman, body in
 * 14 pt; the issuing unit and the national title side by side at the top, the number under the
 * unit, the place and date under the motto; page numbers centred in the top margin from the second
 * page; "Nơi nhận:" and the signature block at the end.
 */

const FONT = "Times New Roman";
/** Millimetres to twips, rounded (docx's own conversion truncates: A4 would lose a twip). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const pt = (n: number) => n * 2;
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
/** The text width of an A4 page with these margins, in twips. */
const TEXT_WIDTH = mm(210 - 30 - 15);

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: pt(o.size ?? 14), bold: o.bold, italics: o.italics });

function centred(texts: TextRun[], after = 0) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, line: 240 }, children: texts });
}

/** A short rule under the unit name and under the motto, as the decree's template shows. */
function rule(widthMm: number) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 120, line: 120 },
    children: [run("_".repeat(Math.round(widthMm / 2.2)), { size: 6 })],
  });
}

function headerTable(model: ReportModel): Table {
  const cell = (children: Paragraph[], widthPct: number) =>
    new TableCell({ children, width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, verticalAlign: VerticalAlign.TOP });
  const left = [
    ...(model.issuer.parent ? [centred([run(model.issuer.parent, { size: 13 })])] : []),
    centred([run(model.issuer.unit, { size: 13, bold: true })]),
    rule(25),
    centred([run(model.number, { size: 13 })]),
  ];
  const right = [
    centred([run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: 13, bold: true })]),
    centred([run("Độc lập - Tự do - Hạnh phúc", { size: 14, bold: true })]),
    rule(55),
    centred([run(model.dateLine, { size: 14, italics: true })]),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, 40), cell(right, 60)] })],
  });
}

function body(text: string) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 60, after: 60, line: 300 },
    children: [run(text)],
  });
}

function tableBlock(block: Extract<Block, { kind: "table" }>): (Paragraph | Table)[] {
  const twips = block.widths.map((w) => Math.round((TEXT_WIDTH * w) / 100));
  const cellOptions = (text: string, numeric: boolean, header: boolean, column: number): ITableCellOptions => ({
    width: { size: twips[column], type: WidthType.DXA },
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [run(text, { size: 12, bold: header })],
      }),
    ],
  });
  const out: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, keepNext: true, children: [run(block.caption, { bold: true, size: 13 })] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: twips,
      rows: [
        new TableRow({ tableHeader: true, children: block.header.map((h, i) => new TableCell(cellOptions(h, false, true, i))) }),
        ...block.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => new TableCell(cellOptions(c, block.numeric[i], false, i))) })),
      ],
    }),
  ];
  if (block.note) out.push(new Paragraph({ spacing: { before: 40, after: 120 }, children: [run(`Ghi chú: ${block.note}`, { italics: true, size: 12 })] }));
  return out;
}

function chartBlock(block: Extract<Block, { kind: "chart" }>): Paragraph[] {
  // The chart fills the text width (165 mm ≈ 624 px at 96 dpi) and keeps its proportions.
  const width = 600;
  const height = Math.round((width * block.chart.height) / block.chart.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      keepNext: true,
      children: [new ImageRun({ type: "png", data: chartPng(block.chart), transformation: { width, height }, altText: { name: block.caption, description: block.chart.description, title: block.caption } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(block.caption, { italics: true, size: 13 })] }),
  ];
}

function closing(model: ReportModel): Table {
  const left = [
    new Paragraph({ children: [run("Nơi nhận:", { bold: true, italics: true, size: 12 })] }),
    ...model.recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 11 })] })),
  ];
  const right = [
    ...(model.signature.authority ? [centred([run(model.signature.authority, { bold: true })])] : []),
    centred([run(model.signature.title, { bold: true })]),
    centred([run("(Ký, ghi rõ họ tên, đóng dấu)", { italics: true, size: 13 })], 1600),
  ];
  const cell = (children: Paragraph[], widthPct: number) => new TableCell({ children, width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows: [new TableRow({ cantSplit: true, children: [cell(left, 50), cell(right, 50)] })] });
}

export async function reportDocx(model: ReportModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    headerTable(model),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360 }, children: [run(model.title, { bold: true })] }),
    centred([run(model.subtitle, { bold: true })]),
    centred([run(model.periodLine, { italics: true })], 240),
  ];
  for (const block of model.blocks) {
    if (block.kind === "heading") {
      children.push(new Paragraph({ spacing: { before: 180, after: 60 }, keepNext: true, indent: { firstLine: mm(10) }, children: [run(block.text, { bold: true })] }));
    } else if (block.kind === "paragraph") children.push(body(block.text));
    else if (block.kind === "table") children.push(...tableBlock(block));
    else children.push(...chartBlock(block));
  }
  children.push(new Paragraph({ spacing: { before: 240 }, children: [] }), closing(model));

  const doc = new Document({
    creator: "CNSCĐ Dashboard",
    title: `${model.title} ${model.subtitle}`,
    description: model.periodLine,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })] }),
          first: new Header({ children: [] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
