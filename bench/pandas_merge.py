"""What a data-minded secretary would write: read both workbooks with pandas and
merge registrations with receipts on the ID number. Prints rows and peak RSS (bytes)."""
import json
import resource
import sys

import pandas as pd

reg_file, rec_file = sys.argv[1], sys.argv[2]
reg = pd.read_excel(reg_file, header=1, dtype=str)
rec = pd.read_excel(rec_file, dtype=str)
merged = reg.merge(rec, how="left", left_on="身份证号", right_on="身份证号码", indicator=True)
unresolved = merged[merged["_merge"] == "left_only"]
print(json.dumps({"rows": len(merged), "unresolved": len(unresolved),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
