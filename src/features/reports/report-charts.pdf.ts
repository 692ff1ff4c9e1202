// Bar charts drawn with pdfkit's vector graphics (no images): axes, grid, grouped bars, value labels
// and a legend, so the printed report shows the same numbers as its tables.
import { MARGIN, type Pdf } from '../../pdf/document.ts';
import { formatValue } from './report-format.ts';
import type { ReportChart } from './report-model.ts';

const COLOURS = ['#17406d', '#8fb3d9', '#00703c'];

function niceMax(max: number): number {
  if (max <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

/** Draws the chart in a box `height` points tall at the current y; moves y below it. */
export function drawBarChart(doc: Pdf, chart: ReportChart, height = 230): void {
  const width = doc.page.width - MARGIN * 2;
  if (doc.y + height + 40 > doc.page.height - MARGIN - 20) doc.addPage();
  const top = doc.y;
  doc.font('bold').fontSize(11).fillColor('black').text(chart.title, MARGIN, top, { width });
  const legendY = doc.y + 2;
  let lx = MARGIN;
  chart.series.forEach((s, i) => {
    doc.rect(lx, legendY + 1, 9, 9).fillColor(COLOURS[i % COLOURS.length]!).fill();
    doc.fillColor('black').font('regular').fontSize(8.5).text(s, lx + 13, legendY, { lineBreak: false });
    lx += 13 + doc.widthOfString(s) + 18;
  });
  const plotTop = legendY + 22;
  const axisW = 42;
  const labelH = 34;
  const plotLeft = MARGIN + axisW;
  const plotW = width - axisW;
  const plotH = height - (plotTop - top) - labelH;
  const values = chart.bars.flatMap((b) => b.values).filter((v): v is number => v !== null);
  const max = chart.measure === 'bp' ? 10_000 : niceMax(Math.max(1, ...values));

  // Grid and scale.
  doc.font('regular').fontSize(7.5);
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = plotTop + plotH - (plotH * i) / 4;
    doc.moveTo(plotLeft, y).lineTo(plotLeft + plotW, y).lineWidth(0.4).strokeColor(i === 0 ? '#000' : '#bbb').stroke();
    const label = chart.measure === 'bp' ? `${v / 100}%` : String(Math.round(v));
    doc.fillColor('#333').text(label, MARGIN, y - 4, { width: axisW - 5, align: 'right', lineBreak: false });
  }
  doc.moveTo(plotLeft, plotTop).lineTo(plotLeft, plotTop + plotH).lineWidth(0.6).strokeColor('#000').stroke();

  if (chart.bars.length === 0) {
    doc.fillColor('#333').fontSize(9).text('Brak danych w tym okresie.', plotLeft, plotTop + plotH / 2 - 5, { width: plotW, align: 'center' });
  }
  const slot = plotW / Math.max(1, chart.bars.length);
  const series = Math.max(1, chart.series.length);
  const barW = Math.min(28, (slot * 0.7) / series);
  chart.bars.forEach((bar, i) => {
    const groupLeft = plotLeft + slot * i + (slot - barW * series) / 2;
    bar.values.forEach((v, s) => {
      const x = groupLeft + s * barW;
      const h = v === null ? 0 : (plotH * Math.min(v, max)) / max;
      if (h > 0) doc.rect(x, plotTop + plotH - h, barW - 1, h).fillColor(COLOURS[s % COLOURS.length]!).fill();
      doc.fillColor('#000').fontSize(6.5).text(v === null ? '—' : formatValue(v, chart.measure), x - 8, plotTop + plotH - h - 9, { width: barW + 15, align: 'center', lineBreak: false });
    });
    doc.fillColor('#000').fontSize(7).text(bar.label, plotLeft + slot * i + 2, plotTop + plotH + 4, { width: slot - 4, height: labelH - 4, align: 'center', ellipsis: true });
  });
  doc.fillColor('black').strokeColor('black');
  doc.y = plotTop + plotH + labelH + 6;
  doc.x = MARGIN;
}
