"""People's rights to see and erase what is stored about their email
address: the emailed link (links.py), what it shows (report.py) and the
erasure (erasure.py). The public views are views/data_requests.py, the staff
view admin/data_requests.py (docs/staff/personal-data-requests.md)."""
