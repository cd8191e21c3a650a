import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import { type ChartLayout, layoutChart } from './attainment-chart';
import { type QbrPack } from './qbr-pack.service';

const COLORS = { MET: '#2e7d32', BREACHED: '#c62828', NO_DATA: '#9e9e9e', grid: '#e0e0e0', axis: '#616161', target: '#1565c0', text: '#212121', muted: '#616161' };
const MARGIN = 50;
const CHART_HEIGHT = 130;

/**
 * Renders a QBR pack as a PDF document (pdfkit: vector drawing, the standard Helvetica fonts, no
 * browser): the figures' summary, one bar chart per objective (attainment per month, the target
 * as a line, breached months in red), the violations, the credits, the incidents behind the
 * breaches, and the reviews' findings and action items. Returns the document as a stream that
 * is written as it is produced; the caller pipes it at once (in the same tick) and the document ends itself.
 */
export function renderQbrPdf(pack: QbrPack): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `QBR pack: ${pack.title}`, Author: 'SLA contracts API', CreationDate: pack.generatedAt } });
  const zone = pack.timeZone;
  const day = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd');
  const month = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('LLL yyyy');
  const width = doc.page.width - 2 * MARGIN;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor(COLORS.text).text(text, MARGIN).moveDown(0.3).font('Helvetica').fontSize(10);
  };
  const line = (text: string, options: { color?: string; indent?: number; bold?: boolean } = {}) =>
    doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10).fillColor(options.color ?? COLORS.text).text(text, MARGIN + (options.indent ?? 0), undefined, { width: width - (options.indent ?? 0) });

  doc.font('Helvetica-Bold').fontSize(20).fillColor(COLORS.text).text('Quarterly business review');
  doc.font('Helvetica').fontSize(13).text(pack.title).moveDown(0.5);
  line(`Customer: ${pack.customerName ?? 'every customer the agreement covers'}`);
  line(`Period: ${day(pack.from)} to ${day(new Date(pack.to.getTime() - 1))} (${zone})`);
  line(`Generated: ${pack.generatedAt.toISOString()}`);
  line(`Overall: ${pack.status}`, { bold: true, color: COLORS[pack.status] });
  line(`Service credits in the period: ${pack.totalCredit ? `${pack.totalCredit.amount} ${pack.totalCredit.currency}` : 'none (no credit policy or no ended period)'}`);
  if (pack.terminationRight) {
    line(
      `Termination right (${pack.terminationRight.requiredConsecutiveBreaches} consecutive breached periods): ${pack.terminationRight.arises ? 'has arisen' : 'has not arisen'}; current streak ${pack.terminationRight.currentStreak}.`,
    );
  }

  heading('Attainment against target');
  if (pack.series.length === 0) line('No objectives were in force in this period.', { color: COLORS.muted });
  for (const series of pack.series) {
    if (doc.y > doc.page.height - MARGIN - CHART_HEIGHT - 60) doc.addPage();
    line(`${series.label}: ${series.name} (${series.unit}, target ${series.target})`, { bold: true });
    const top = doc.y + 8;
    const box = { x: MARGIN + 40, y: top, width: width - 50, height: CHART_HEIGHT };
    drawChart(doc, layoutChart(series, box, month), box, series.target);
    doc.y = top + CHART_HEIGHT + 28;
    doc.x = MARGIN;
  }

  heading('Violations');
  const violations = pack.periods.flatMap((p) => p.violations.map((v) => ({ p, v })));
  if (violations.length === 0) line('No objective was breached.', { color: COLORS.muted });
  for (const { p, v } of violations) {
    line(`${month(p.start)}: ${v.rule}`, { bold: true });
    line(`Actual ${v.actual ?? 'n/a'} against target ${v.target} (${v.unit}). ${v.consequence}`, { indent: 12 });
  }

  heading('Service credits');
  const credited = pack.periods.filter((p) => p.credit);
  if (credited.length === 0) line('No credit policy, or no period has ended yet.', { color: COLORS.muted });
  for (const p of credited) {
    const c = p.credit!;
    line(`${month(p.start)}: ${c.amount} ${c.currency} (${c.totalPercent}% of the period fee ${c.periodFee})`, { bold: true });
    for (const e of c.explanation) line(e, { indent: 12, color: COLORS.muted });
  }

  heading('Incidents behind breaches');
  if (pack.incidents.length === 0) line('No incident breached an objective.', { color: COLORS.muted });
  for (const i of pack.incidents) {
    line(`${i.title} (${i.priority}, ${i.impact})`, { bold: true });
    line(`Started ${i.startedAt.toISOString()}, ${i.resolvedAt ? `resolved ${i.resolvedAt.toISOString()}` : 'not resolved'}; breached ${i.breached.join(', ')}.`, { indent: 12 });
  }

  heading('Review findings and action items');
  if (pack.reviews.length === 0) line('No review covers this period.', { color: COLORS.muted });
  for (const r of pack.reviews) {
    line(`${r.title} (${r.kind}, ${day(r.periodStart)} to ${day(new Date(r.periodEnd.getTime() - 1))}): ${r.status}${r.decision ? `, decision ${r.decision}` : ''}`, { bold: true });
    if (r.decisionNotes) line(r.decisionNotes, { indent: 12 });
    line('Findings:', { indent: 12, bold: true });
    if (r.findings.length === 0) line('none recorded', { indent: 24, color: COLORS.muted });
    for (const f of r.findings) line(`[${f.severity}] ${f.text}`, { indent: 24 });
    line('Action items:', { indent: 12, bold: true });
    if (r.actionItems.length === 0) line('none recorded', { indent: 24, color: COLORS.muted });
    for (const a of r.actionItems) line(`${a.done ? '[done]' : '[open]'} ${a.description} - owner ${a.owner}, due ${a.dueOn}`, { indent: 24 });
  }
  // Ended once the caller has attached its reader (in this tick): the pages are written to it as they are flushed.
  setImmediate(() => doc.end());
  return doc;
}

/** Draws a laid-out bar chart with vector operations: grid and ticks, bars, "no data" marks, the target line. */
function drawChart(doc: PDFKit.PDFDocument, chart: ChartLayout, box: { x: number; y: number; width: number; height: number }, target: number): void {
  doc.save();
  doc.fontSize(7).font('Helvetica');
  for (const t of chart.ticks) {
    doc.moveTo(box.x, t.y).lineTo(box.x + box.width, t.y).lineWidth(0.5).strokeColor(COLORS.grid).stroke();
    doc.fillColor(COLORS.axis).text(t.label, box.x - 40, t.y - 3, { width: 36, align: 'right', lineBreak: false });
  }
  doc.moveTo(box.x, box.y).lineTo(box.x, box.y + box.height).lineTo(box.x + box.width, box.y + box.height).lineWidth(0.8).strokeColor(COLORS.axis).stroke();
  for (const b of chart.bars) {
    doc.rect(b.x, b.y, b.width, Math.max(b.height, 0.5)).fillColor(COLORS[b.status]).fill();
    doc.fillColor(COLORS.text).text(String(b.value), b.x - 10, b.y - 9, { width: b.width + 20, align: 'center', lineBreak: false });
  }
  for (const g of chart.gaps) {
    doc.fillColor(COLORS.muted).text('no data', g.x - 10, box.y + box.height - 10, { width: g.width + 20, align: 'center', lineBreak: false });
  }
  doc.moveTo(box.x, chart.targetY).lineTo(box.x + box.width, chart.targetY).dash(4, { space: 3 }).lineWidth(1).strokeColor(COLORS.target).stroke().undash();
  doc.fillColor(COLORS.target).text(`target ${target}`, box.x + box.width - 80, chart.targetY - 9, { width: 80, align: 'right', lineBreak: false });
  for (const l of chart.labels) doc.fillColor(COLORS.axis).text(l.text, l.x - 30, box.y + box.height + 4, { width: 60, align: 'center', lineBreak: false });
  doc.restore();
}
