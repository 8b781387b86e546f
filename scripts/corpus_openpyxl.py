"""Writes one .xlsx with openpyxl from a JSON spec on stdin (used by scripts/make-corpus.ts).

Spec: {"out": path, "epoch1904": false, "sheets": [{"name", "rows": [[cell]], "merges": ["A1:Y1"],
"widths": {"A": 6}, "hidden": false, "table": {"ref": "A3:F9", "name": "登记表1", "totalsRow": true}}]}
A cell is null, a string, a number, {"d": "2024-05-20T09:30:00", "f": "yyyy-mm-dd"} (a real
date cell with a display format), {"s": "0111...", "f": "@"} (a string in a Text-formatted cell)
or {"formula": "=SUBTOTAL(103,C4:C9)"}. "epoch1904" writes the workbook as Mac Excel's 1904
date system does (openpyxl CALENDAR_MAC_1904: date1904 in workbook.xml, serials from 1904).
"""
import datetime
import json
import sys

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.table import Table

spec = json.load(sys.stdin)
wb = Workbook()
wb.remove(wb.active)
if spec.get("epoch1904"):
    wb.epoch = CALENDAR_MAC_1904
for sh in spec["sheets"]:
    ws = wb.create_sheet(sh["name"])
    for r, row in enumerate(sh["rows"], start=1):
        for c, v in enumerate(row, start=1):
            if v is None or v == "":
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(v, dict) and "d" in v:
                cell.value = datetime.datetime.fromisoformat(v["d"])
                cell.number_format = v.get("f", "yyyy-mm-dd")
            elif isinstance(v, dict) and "formula" in v:
                cell.value = v["formula"]
            elif isinstance(v, dict) and "s" in v:
                cell.value = v["s"]
                cell.number_format = v.get("f", "@")
            else:
                cell.value = v
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for rng in sh.get("merges", []):
        ws.merge_cells(rng)
    for r in sh.get("boldRows", []):
        for cell in ws[r]:
            cell.font = Font(bold=True)
    for col, w in sh.get("widths", {}).items():
        ws.column_dimensions[col].width = w
    if sh.get("hidden"):
        ws.sheet_state = "hidden"
    if sh.get("table"):
        t = sh["table"]
        table = Table(displayName=t["name"], ref=t["ref"])
        if t.get("totalsRow"):
            table.totalsRowCount = 1
        ws.add_table(table)
wb.save(spec["out"])
