#!/usr/bin/env python3
"""Regenerates the `kh import` fixtures under tests/import/ from the seed texts.

Each seed (tests/import/seed-NNN.txt, a copy of the document's text: tab-separated
table rows, paragraphs broken over lines) is written again as .docx (python-docx),
.xlsx (openpyxl) and .pdf (fpdf2, DejaVu Sans): paragraphs as paragraphs, tab rows
as real tables, rows broken across pages kept as the separate rows they are.
The outputs are committed, so CI needs no Python.

    pip install python-docx openpyxl fpdf2
    python3 tools/make-import-fixtures.py
"""
import pathlib
import re

import docx
import openpyxl
from fpdf import FPDF

HERE = pathlib.Path(__file__).resolve().parent.parent / "tests" / "import"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def strip(s):
    s = re.sub(r"<sup>.*?</sup>", "", s)
    s = re.sub(r"</?(i|b|u)>", "", s)
    s = s.lstrip().lstrip("#").replace("*", "")
    return s.strip()


def blocks(text):
    """[("p", text) | ("t", [[cells]])], lines joined into paragraphs."""
    out = []
    for raw in text.split("\n"):
        if "\t" in raw:
            cells = [strip(c) for c in raw.split("\t")]
            if not any(cells):
                continue
            if out and out[-1][0] == "t":
                out[-1][1].append(cells)
            else:
                out.append(("t", [cells]))
            continue
        line = strip(raw)
        if not line:
            if out and out[-1][0] == "p":
                out.append(("gap", None))
            continue
        prev = out[-1] if out else None
        if prev and prev[0] == "gap" and len(out) > 1 and out[-2][0] == "p":
            # A page break inside a sentence: it goes on.
            if not out[-2][1].endswith((".", ";", ":", ")")) and line[:1].islower() and not re.match(r"^[a-zđ][.)] ", line):
                out.pop()
                prev = out[-1]
        label = re.match(r"^[a-zđ][.)] ", line)
        if prev and prev[0] == "p" and line[:1].islower() and not label and not prev[1].endswith((".", ";", ":")):
            out[-1] = ("p", prev[1] + " " + line)
        else:
            out.append(("p", line))
    return [b for b in out if b[0] != "gap"]


def width(rows):
    return max(len(r) for r in rows)


def write_docx(bs, path):
    d = docx.Document()
    for kind, v in bs:
        if kind == "p":
            d.add_paragraph(v)
        else:
            n = width(v)
            t = d.add_table(rows=0, cols=n)
            for r in v:
                cells = t.add_row().cells
                for i, c in enumerate(r[:n]):
                    cells[i].text = c
    d.core_properties.author = "kh"
    d.save(path)


def write_xlsx(bs, path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kế hoạch"
    tables = 0
    for kind, v in bs:
        if kind == "p":
            ws.append([v])
        else:
            tables += 1
            ws = wb.create_sheet(f"Phụ lục {tables}"[:31])
            for r in v:
                ws.append(r)
            ws = wb.create_sheet(f"Tiếp {tables}"[:31])
    for s in list(wb.worksheets):
        if s.max_row == 1 and s.cell(1, 1).value is None:
            wb.remove(s)
    wb.save(path)


def write_pdf(bs, path):
    pdf = FPDF(format="A4")
    import datetime
    pdf.set_creation_date(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT.replace("Sans.ttf", "Sans-Bold.ttf"))
    pdf.set_font("DejaVu", size=9)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for kind, v in bs:
        if kind == "p":
            pdf.multi_cell(0, 5, v, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            n = width(v)
            rows = [r + [""] * (n - len(r)) for r in v]
            first = 10
            rest = (pdf.epw - first) / max(n - 1, 1)
            widths = [first] + [rest * (2.2 if i == 0 else 1) for i in range(n - 1)]
            scale = (pdf.epw - first) / sum(widths[1:])
            widths = [first] + [w * scale for w in widths[1:]]
            pdf.set_font("DejaVu", size=7)
            with pdf.table(col_widths=widths, padding=2, first_row_as_headings=True,
                           text_align="LEFT", v_align="TOP", line_height=3.5) as t:
                for r in rows:
                    row = t.row()
                    for c in r:
                        row.cell(c)
            pdf.set_font("DejaVu", size=9)
            pdf.ln(2)
    pdf.output(str(path))


def main():
    for src in sorted(HERE.glob("seed-*.txt")):
        bs = blocks(src.read_text(encoding="utf-8"))
        write_docx(bs, src.with_suffix(".docx"))
        write_xlsx(bs, src.with_suffix(".xlsx"))
        write_pdf(bs, src.with_suffix(".pdf"))
        print(src.name, "->", ", ".join(s for s in ("docx", "xlsx", "pdf")))


if __name__ == "__main__":
    main()
