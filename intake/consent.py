"""The consent the patient gives before their answers are stored (GDPR Art. 7 and 9).

Change the text only together with a new version: each intake records the version it agreed to.
"""

VERSION = "2026-11-25"

TEXT = (
    "I agree that my answers, including my health answers, are stored so that I can see my "
    "results, and so that the clinic's staff can review them and contact me if I ask them to. "
    "I can download or delete them at any time from my results page."
)
